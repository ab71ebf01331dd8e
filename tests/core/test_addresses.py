"""core.addresses.address: what reverse() gives, worked out once per URL name, script prefix and URLconf."""

import pytest
from django.urls import reverse, set_script_prefix

from core.addresses import address

CASES = [
    ("pages:home", {}),
    ("treaty:state-list", {}),
    ("timeline:event-detail", {"slug": "oslo-diplomatic-conference"}),
    ("timeline:event-detail", {"slug": "a_1-b"}),
    ("timeline:era-detail", {"slug": "implementation"}),
]


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("prefix", ["/", "/ottawa/", "/odd{prefix}/"])
def test_address_is_what_reverse_gives_under_any_script_prefix(script_prefix, prefix):
    script_prefix(prefix)
    for name, kwargs in CASES:
        assert address(name, **kwargs) == reverse(name, kwargs=kwargs)
    # Worked out for each prefix: an address made under one prefix is not reused under another.
    assert (
        address("timeline:event-detail", slug="x")
        == {"/": "", "/ottawa/": "/ottawa"}.get(prefix, "/odd%7Bprefix%7D") + "/timeline/x/"
    )


def test_two_arguments_of_one_address_do_not_mix(settings):
    settings.ROOT_URLCONF = "tests.core.urls_two_slugs"
    assert address("pair", first="a", second="b") == "/pair/a/b/"
    assert address("pair", second="b", first="a") == reverse("pair", kwargs={"first": "a", "second": "b"})
