"""The public API, ``innovation_policy`` itself: everything public is re-exported there,
some of it loaded on first use (PEP 562), and nothing else is offered."""

from __future__ import annotations

import pytest

import innovation_policy as ip


def test_dir_lists_exactly_the_public_api_including_what_loads_on_first_use() -> None:
    assert dir(ip) == sorted(ip.__all__)
    assert {"read_register", "target_progress", "TargetReport"} <= set(dir(ip))


def test_every_public_name_resolves_and_the_same_object_every_time() -> None:
    for name in ip.__all__:
        first = getattr(ip, name)
        assert getattr(ip, name) is first, name
    assert ip.target_progress.__module__ == "innovation_policy._targets"
    assert ip.read_register.__module__ == "innovation_policy._readers"


def test_a_name_that_is_not_public_is_an_attribute_error_naming_it() -> None:
    with pytest.raises(AttributeError, match=r"^module 'innovation_policy' has no attribute 'x'$"):
        _ = ip.x
    assert not hasattr(ip, "ratio")
