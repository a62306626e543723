"""Type-checking tests: checked by ``mypy --strict src tests``, never run.

The modules here use the public API as a user would, with :func:`typing.assert_type`
for the types it promises and ``# type: ignore[code]`` on the lines that must *not*
type-check (strict mode's ``warn_unused_ignores`` fails when one of them starts to
pass). Their names do not start with ``test_``, so pytest does not collect them, and
importing one raises.
"""
