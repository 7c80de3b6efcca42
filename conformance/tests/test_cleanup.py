"""TemporaryDirectory cleanup removes protected contents and stays inside the tree (CVE-2023-6597).

Root ignores permission bits, so every cleanup here runs in a child process
without CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER.  The child
builds each case inside a fresh TemporaryDirectory, triggers cleanup one of
three ways, and reports what was raised and what is left; the parent compares
the victims outside the tree before and after.
"""

from __future__ import annotations

import os
import stat
from typing import Dict, Tuple

import pytest

from conformance.harness.children import run_in_child
from conformance.harness.scratch import make_scratch
from conformance.tests.in_child.cleanup import CASES

IN_CHILD = "conformance.tests.in_child.cleanup"

PROTECTED = ("readonly-files", "unwritable-dir", "unsearchable-dirs", "unreadable-root", "dangling-link")
LINKED = ("link-to-file", "link-to-dir", "link-in-readonly-root")
OUTSIDE = ("link-to-dir", "link-to-open-dir", "dangling-link")


def _victims(out: str) -> None:
    """Outside the tree: a 0o400 file, a 0o500 directory with an entry, a writable directory."""
    os.mkdir(out)
    with open(os.path.join(out, "victim.txt"), "w") as handle:
        handle.write("precious")
    os.chmod(os.path.join(out, "victim.txt"), 0o400)
    for name, mode in (("victim-dir", 0o500), ("open-dir", 0o755)):
        os.mkdir(os.path.join(out, name))
        with open(os.path.join(out, name, "keep"), "w") as handle:
            handle.write("keep")
        os.chmod(os.path.join(out, name), mode)


def _state(out: str) -> Dict[str, object]:
    """Everything about the victims a cleanup could change: entries, modes, contents."""
    found: Dict[str, object] = {}
    for here, dirs, files in os.walk(out):
        for name in sorted(dirs + files):
            path = os.path.join(here, name)
            info = os.lstat(path)
            content = None
            if stat.S_ISREG(info.st_mode):
                with open(path, "rb") as handle:
                    content = handle.read()
            found[os.path.relpath(path, out)] = (stat.S_IMODE(info.st_mode), content)
    return found


TRIGGERS = ("cleanup", "context", "implicit")

_results: Dict[str, Tuple[dict, dict, dict, str]] = {}


def _run_cases(target_spec: str, scratch_root: str) -> Tuple[dict, dict, dict, str]:
    """Run every case for every trigger in one child (once per target); victims before and after."""
    if target_spec not in _results:
        base = make_scratch(scratch_root, "cleanup")
        outs, where = os.path.join(base, "outside"), os.path.join(base, "trees")
        os.mkdir(where)
        places = [(t, name, os.path.join(outs, t, name)) for t in TRIGGERS for name in CASES]
        for trigger in TRIGGERS:
            os.makedirs(os.path.join(outs, trigger))
        for _t, _name, out in places:
            _victims(out)
        before = {(t, name): _state(out) for t, name, out in places}
        child = run_in_child(target_spec, f"{IN_CHILD}:clean_every_case",
                             {"where": where, "outs": outs, "triggers": list(TRIGGERS)}, unprivileged=True)
        if child.value is None:
            raise AssertionError(f"the child failed: {child.stderr[-2000:]}")
        after = {(t, name): _state(out) for t, name, out in places}
        _results[target_spec] = (child.value, before, after, child.how)
    return _results[target_spec]


@pytest.fixture(params=TRIGGERS)
def cleanup_run(request, unprivileged, target_spec, scratch_root):
    """For one way of triggering cleanup: each case's outcome, victims before and after."""
    outcome, before, after, how = _run_cases(target_spec, scratch_root)
    request.node.user_properties.append(("ran_as", how))
    trigger = request.param
    return (outcome[trigger], {n: before[(trigger, n)] for n in CASES},
            {n: after[(trigger, n)] for n in CASES})


@pytest.mark.clause("cleanup.removes.protected-contents")
@pytest.mark.parametrize("case", PROTECTED)
@pytest.mark.host("subprocess", "privilege-drop")
def test_protected_contents_are_removed(cleanup_run, case):
    # One test per case: a departure known in one case (an erratum) must not hide a new one in another.
    outcome = cleanup_run[0][case]
    assert outcome["error"] is None and not outcome["left"], outcome


@pytest.mark.clause("cleanup.symlink.target-untouched")
@pytest.mark.parametrize("case", LINKED)
@pytest.mark.host("subprocess", "privilege-drop")
def test_link_targets_keep_mode_and_content(cleanup_run, case):
    outcome, before, after = cleanup_run
    assert after[case] == before[case], "cleanup changed what a link in the tree points at"
    assert not outcome[case]["left"] and outcome[case]["error"] is None, outcome[case]


@pytest.mark.clause("cleanup.nothing-outside-removed")
@pytest.mark.parametrize("case", OUTSIDE)
@pytest.mark.host("subprocess", "privilege-drop")
def test_nothing_outside_is_removed_or_created(cleanup_run, case):
    _outcome, before, after = cleanup_run
    # Modes are the other clause's business; here: which entries exist and what they hold.
    assert set(after[case]) == set(before[case]), "entries outside the tree appeared or vanished"
    assert {k: v[1] for k, v in after[case].items()} == {k: v[1] for k, v in before[case].items()}


@pytest.mark.clause("temporarydirectory.ignore-errors.best-effort")
@pytest.mark.parametrize("ignore", [True, False])
@pytest.mark.host("subprocess", "privilege-drop")
def test_ignore_cleanup_errors(unprivileged, target_spec, scratch, ignore, request):
    child = run_in_child(target_spec, f"{IN_CHILD}:clean_with_foreign_entry",
                         {"where": scratch, "ignore": ignore}, unprivileged=True)
    request.node.user_properties.append(("ran_as", child.how))
    if child.value == "no-chown":
        pytest.skip("missing capability: cannot give a directory to another user here")
    assert child.value is not None, child.stderr[-2000:]
    if ignore:
        assert child.value["error"] is None, f"ignore_cleanup_errors=True still raised {child.value['error']}"
        assert child.value["left"] == ["foreign"], "removable entries were left behind"
    else:
        assert child.value["oserror"], f"expected an OSError, got {child.value['error']}"
        assert child.value["left"] is not None and "foreign" in child.value["left"]


@pytest.mark.clause("temporarydirectory.errors.permission-not-masked")
@pytest.mark.host("subprocess", "privilege-drop", "landlock")
def test_refused_file_surfaces_as_permission_error(unprivileged, target_spec, scratch, request):
    child = run_in_child(target_spec, f"{IN_CHILD}:clean_refused_file", {"where": scratch}, unprivileged=True)
    request.node.user_properties.append(("ran_as", child.how))
    assert child.returncode == 0, child.stderr[-2000:]
    if str(child.value).startswith("no-landlock"):
        pytest.skip(f"missing capability: {child.value}")
    assert child.value == "PermissionError", f"cleanup raised {child.value}, expected PermissionError"
