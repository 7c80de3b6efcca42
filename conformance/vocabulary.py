"""The words every part of the suite shares, defined once.

This module is a leaf: it imports nothing from the project, and every other
module (the runner, the reports, the matrix, the docs extension) takes its
statuses, classes, tiers and labels from here.  A new status or class is added
here and nowhere else.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

# ---------------------------------------------------------------------------
# Schema ids of the documents the suite writes (add-only changes keep the id).

RESULT_SCHEMA = "tempfile-conformance/1"
MATRIX_SCHEMA = "tempfile-conformance-matrix/1"
CATALOGUE_SCHEMA = "tempfile-conformance-catalogue/1"

# ---------------------------------------------------------------------------
# A test's outcome, as pytest reports it.  Until a report arrives a test counts
# as an error, so a test that never reported can never pass.

TEST_PASSED = "passed"
TEST_FAILED = "failed"
TEST_ERROR = "error"
TEST_SKIPPED = "skipped"
TEST_OUTCOMES: Tuple[str, ...] = (TEST_PASSED, TEST_FAILED, TEST_ERROR, TEST_SKIPPED)
NO_REPORT = "the test reported no result"

# ---------------------------------------------------------------------------
# A clause's status in one run.

PASS = "pass"
FAIL = "fail"
ERROR = "error"
NOT_APPLICABLE = "not-applicable"
SKIPPED = "skipped"
EXPECTED_FAIL = "expected-fail"
UNEXPECTED_PASS = "unexpected-pass"
NOT_IMPLEMENTED = "not-implemented"
UNOBSERVABLE = "unobservable"
UNTESTED = "untested"

STATUSES: Tuple[str, ...] = (
    PASS, FAIL, ERROR, NOT_APPLICABLE, SKIPPED, EXPECTED_FAIL,
    UNEXPECTED_PASS, NOT_IMPLEMENTED, UNOBSERVABLE, UNTESTED,
)
# In the core tier these make a run unclean (exit status 1); in a matrix they
# are the "unexplained" cells.
UNCLEAN: FrozenSet[str] = frozenset({FAIL, ERROR, UNEXPECTED_PASS, UNTESTED})

# Words a person reads, and the short codes of a matrix cell.
STATUS_LABELS: Dict[str, str] = {
    PASS: "pass", FAIL: "FAIL", ERROR: "ERROR", NOT_APPLICABLE: "not applicable",
    SKIPPED: "skipped", EXPECTED_FAIL: "expected fail", UNEXPECTED_PASS: "UNEXPECTED PASS",
    NOT_IMPLEMENTED: "not implemented", UNOBSERVABLE: "unobservable", UNTESTED: "UNTESTED",
}
STATUS_CODES: Dict[str, str] = {
    PASS: "ok", FAIL: "FAIL", ERROR: "ERROR", NOT_APPLICABLE: "-", SKIPPED: "skip",
    EXPECTED_FAIL: "xfail", UNEXPECTED_PASS: "XPASS", NOT_IMPLEMENTED: "n/i",
    UNOBSERVABLE: "unobs", UNTESTED: "UNTESTED",
}

# ---------------------------------------------------------------------------
# Skip reasons the plugin gives and the results layer reads back: the prefix
# says which status a skipped test stands for.

SKIP_NOT_APPLICABLE = "not applicable: "
SKIP_MISSING_CAPABILITY = "missing capability: "
SKIP_NOT_IMPLEMENTED = "not implemented: "
# The target offers no means by which the test can observe its clause (the reason follows).
SKIP_UNOBSERVABLE = "unobservable: "

# ---------------------------------------------------------------------------
# Capabilities a target may offer (the contract is in conformance/target.py).

NAME_INJECTION = "name-injection"

# ---------------------------------------------------------------------------
# How a test observed what it judged: a test says so with
# ``record_property(MEANS_PROPERTY, one of OBSERVATION_MEANS)``, and each clause
# of the result document lists the means of its tests.

MEANS_PROPERTY = "means"
AUDIT_EVENT_PLANTING = "audit-event planting"  # an entry planted at the path an audit event announces
AUDIT_EVENT_RECORDING = "audit-event recording"  # the events themselves, as recorded by a hook
EXISTENCE_CHECK_PLANTING = "existence-check planting"  # an entry planted where mktemp looks (it has no event)
FLAG_INSPECTION = "flag inspection"  # open flags, modes, descriptor state read back
EFFECT_ON_DISK = "effect on disk"  # what exists (or not) in the file system afterwards
RETURNED_VALUE = "returned value"  # what a call returned or raised
CHILD_PROCESS = "child process"  # behaviour seen from a separate process (exit, signals, inheritance)
OS_CALL_FAULT_INJECTION = "os-call fault injection"  # os.open/write/unlink wrapped to fail in chosen dirs
OBSERVATION_MEANS: Tuple[str, ...] = (
    NAME_INJECTION, AUDIT_EVENT_PLANTING, AUDIT_EVENT_RECORDING, EXISTENCE_CHECK_PLANTING,
    FLAG_INSPECTION, EFFECT_ON_DISK, RETURNED_VALUE, CHILD_PROCESS, OS_CALL_FAULT_INJECTION,
)
# How a run was confined (the result document's "sandbox"): a kernel sandbox
# around the child process that ran the tests, or only the harness's audit guard.
SANDBOX_BWRAP = "bwrap"
AUDIT_GUARD_ONLY = "audit-guard-only"
CONFINEMENTS: Tuple[str, ...] = (SANDBOX_BWRAP, AUDIT_GUARD_ONLY)

# A property whose key starts with this is a measured figure (shown with the test that measured it).
FIGURE_PREFIX = "figure:"

# ---------------------------------------------------------------------------
# Why a target departs from a clause: the class of an expectation entry.  It
# travels as a field of its own (``ClauseResult.departure_class``), never
# inside a reason string.

VERSION_CHANGE = "version-change"
PLATFORM = "platform"
ERRATUM = "erratum"
BUG = "bug"
ADAPTER = "adapter"
UNCLASSIFIED = "unclassified"  # only in documents written before the field existed

DEPARTURE_CLASSES: Tuple[str, ...] = (VERSION_CHANGE, PLATFORM, ERRATUM, BUG, ADAPTER)
CLASS_LABELS: Dict[str, str] = {
    VERSION_CHANGE: "version change", PLATFORM: "platform", ERRATUM: "erratum",
    BUG: "bug", ADAPTER: "adapter", UNCLASSIFIED: "unclassified",
}
CLASS_CODES: Dict[str, str] = {
    VERSION_CHANGE: "v-chg", PLATFORM: "plat", ERRATUM: "errat", BUG: "bug",
    ADAPTER: "adapt", UNCLASSIFIED: "xf?",
}
CLASS_MEANINGS: Dict[str, str] = {
    VERSION_CHANGE: "the behaviour changed in a later release",
    PLATFORM: "the platform, not the implementation, differs",
    ERRATUM: "the docs and CPython disagree (see the clause's erratum)",
    BUG: "a genuine bug of that release, fixed upstream later",
    ADAPTER: "what the adapter (or a wrapper's synchronous view) cannot show",
}

# The statuses an expectation entry may list.
EXPECTABLE_STATUSES: Tuple[str, ...] = (FAIL, ERROR, SKIPPED)

# ---------------------------------------------------------------------------
# Tiers: must and should clauses decide the exit status, the rest never do.

CORE = "core"
OPTIONAL = "optional"
TIERS: Tuple[str, ...] = (CORE, OPTIONAL)
# (which level falls in which tier is a property of a clause: spec.Clause.tier)
TIER_TITLES: Dict[str, str] = {
    CORE: "Core tier (must / should)",
    OPTIONAL: "Optional tier (may / informative; never fails the run)",
}

# ---------------------------------------------------------------------------
# Host capabilities: what the machine running the suite must be able to do for
# a test to observe its clause (``@pytest.mark.host(NAME, ...)``).  A closed
# list: a test on a host without one is unobservable *on this host*, with the
# reason below, never a pass and never a failure.

HOST_CAPABILITIES: Dict[str, str] = {
    "fork": "os.fork() makes a child process",
    "subprocess": "a fresh interpreter can be started as a child process",
    "threads": "a second thread can be started",
    "signals": "a child process can be killed by a signal and its death seen",
    "privilege-drop": "a check can run without root's permission bypass (another uid, or setpriv)",
    "mount-namespace": "a child can get a private mount namespace (root and unshare -m)",
    "resource-limits": "the process can lower its own rlimits (open files, file size)",
    "landlock": "a child can forbid itself to remove files (Linux Landlock, 5.13 and later)",
}
SKIP_UNOBSERVABLE_ON_HOST = "unobservable on this host: needs "
