"""``--as-version`` accepts exactly the versions the catalogue describes (3.8 to 3.15 today)."""

from __future__ import annotations

import pytest

from conformance import cli
from conformance.cli_common import UsageError
from spec import load_catalogue, parse_version


def test_the_newest_version_of_the_catalogue_is_accepted():
    newest = max(parse_version(v) for c in load_catalogue() for v in (c.since, c.until) if v)
    assert newest >= (3, 15)
    cli.check_as_version(f"{newest[0]}.{newest[1]}")
    cli.check_as_version("3.8")


@pytest.mark.parametrize("version", ["3.7", "3.99"])
def test_versions_outside_the_catalogue_are_usage_errors(version):
    with pytest.raises(UsageError, match="outside the versions the catalogue describes"):
        cli.check_as_version(version)
