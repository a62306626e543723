"""The test suite of innovation_policy (a package, so that tests import ``tests.strategies``)."""
