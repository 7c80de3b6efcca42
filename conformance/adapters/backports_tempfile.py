"""Adapter for ``backports.tempfile``: Python 3.5's TemporaryDirectory, backported.

The package offers one class of the API (its ``mkdtemp`` is the running
stdlib's, re-exported, so it is not judged here).  The target is partial, and
judged against 3.9, the oldest release the catalogue covers: clauses that
arrived later are not applicable, and what 3.5's class lacks of 3.9's shows.
"""

from __future__ import annotations

import sys

REQUIREMENTS = ["backports.tempfile==1.0", "backports.weakref==1.0.post1"]
PACKAGE = "backports.tempfile"
SHORT = "bp.tf"
JUDGED_AS = (3, 9)


def make_target():  # -> Target
    """backports.tempfile's TemporaryDirectory, judged against Python 3.9."""
    from backports.tempfile import TemporaryDirectory

    from conformance.adapters._async_bridge import BridgeModule, package_version
    from conformance.adapters.stdlib import inject_names
    from conformance.target import Target

    # BridgeModule forwards ``tempdir`` to the stdlib, whose mkdtemp the class calls.
    module = BridgeModule("backports_tempfile_target")
    module.__doc__ = "backports.tempfile's public class."
    module.TemporaryDirectory = TemporaryDirectory
    return Target(
        name="adapter:backports_tempfile",
        module=module,
        version=JUDGED_AS,
        # Its TemporaryDirectory names directories with the stdlib's mkdtemp.
        capabilities={"name-injection": inject_names},
        partial=True,
        implementation=f"backports.tempfile {package_version(PACKAGE)} on "
                       f"{sys.implementation.name} {sys.version.split()[0]}",
    )
