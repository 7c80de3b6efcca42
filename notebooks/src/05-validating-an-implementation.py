# %% [markdown]
# # 5. Validating an implementation with the conformance suite
#
# **What you will learn**
#
# * how to run this project's conformance suite against a module from the command
#   line: `python -m conformance --target ... --clause ... --format json`;
# * how to read its JSON report: one verdict per *clause* of the specification, each
#   backed by the tests that name that clause;
# * what a careless `mkstemp()` looks like to the suite, clause by clause: a file mode
#   that lets everybody read, and a missing `O_EXCL` that lets a planted link or file
#   be reused;
# * how fixing two lines turns every selected clause green.
#
# The toy implementations are written into this notebook's scratch directory and the
# suite itself only ever creates files in its own scratch directories.

# %%
import atexit
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time

from spec import load_catalogue

SCRATCH = os.path.realpath(tempfile.mkdtemp(prefix="nb05-validate-"))
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)
print("scratch directory:", os.path.basename(SCRATCH), "in", os.path.dirname(SCRATCH))

# %% [markdown]
# ## The clauses we will check
#
# The full suite covers every public name of `tempfile`. To keep this notebook fast we
# select a handful of clauses with `--clause` (shell-style patterns, repeatable). The
# statements come straight from the clause catalogue in `spec/clauses/`.

# %%
CLAUSES = [
    "mkstemp.returns.fd-and-abspath",
    "mkstemp.mode.owner-only",
    "security.mode.files-owner-only",
    "security.open.exclusive-create",
    "security.symlink.never-followed",
    "security.planted-entry.never-reused",
]
catalogue = {clause.id: clause for clause in load_catalogue()}
for clause_id in CLAUSES:
    clause = catalogue[clause_id]
    statement = " ".join(clause.statement.split())
    print(f"{clause_id}  [{clause.level}]")
    print(textwrap.indent(textwrap.fill(statement, 96), "    "))

# %% [markdown]
# ## Running the suite from Python
#
# `judge()` starts the command line tool as a child process and asks for a JSON report
# in a file. The exit status is 0 for a clean run and 1 when some clause did not hold,
# so we do not treat 1 as an error here; we read the report instead. `start_judging()`
# returns the running process, so judgements can run side by side.
#
# A run spends most of its time compiling the suite's test modules. The children get a
# bytecode cache inside our scratch directory (`PYTHONPYCACHEPREFIX`), so only the first
# run pays for that and nothing is written next to the project's sources.

# %%
def start_judging(target, label):
    report_path = os.path.join(SCRATCH, f"report-{label}.json")
    command = [sys.executable, "-m", "conformance", "--target", target,
               "--format", "json", "--output", report_path]
    for clause_id in CLAUSES:
        command += ["--clause", clause_id]
    # The suite's own scratch trees go under ours too (CONFORMANCE_SCRATCH), so the whole
    # experiment stays inside one directory that this notebook removes.
    env = dict(os.environ, PYTHONPYCACHEPREFIX=os.path.join(SCRATCH, "pycache"), CONFORMANCE_SCRATCH=SCRATCH)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    process = subprocess.Popen(command, cwd=SCRATCH, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    return process, report_path


def finish_judging(started):
    process, report_path = started
    out, err = process.communicate(timeout=300)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"the suite could not run (exit {process.returncode}): {err or out}")
    with open(report_path) as handle:
        return json.load(handle)


def verdicts(report):
    return {clause["id"]: clause["status"] for clause in report["clauses"]}


def show_verdicts(reports):
    names = list(reports)
    print(f"{'clause':<38}" + "".join(f"{name:<16}" for name in names))
    table = {name: verdicts(report) for name, report in reports.items()}
    for clause_id in CLAUSES:
        print(f"{clause_id:<38}" + "".join(f"{table[name].get(clause_id, '-'):<16}" for name in names))

# %% [markdown]
# ## A deliberately careless implementation
#
# Our toy module borrows everything from the stdlib except `mkstemp()`, which it
# writes itself: it draws a random name, opens it with `os.open()`, and returns the
# descriptor and the absolute path. Two lines hold its mistakes:
#
# * `FLAGS` lacks `O_EXCL`, so opening a name that already exists *succeeds*: a planted
#   file is reused, a planted symbolic link is followed;
# * `MODE` is `0o644`, the usual mode for an ordinary file, which lets every user on
#   the machine read the "temporary" data.
#
# The module also offers the suite's *name-injection* capability (see notebook 1): while
# it is active, candidate names come from a list the test chooses. That is how the
# suite plants an entry at exactly the name `mkstemp()` will try first. Because the
# borrowed stdlib functions must obey the same list, the toy plugs into the stdlib
# adapter's hook as well.

# %%
TOY_TEMPLATE = '''\
"""A toy tempfile for notebook 5: mkstemp() is our own, the rest is the stdlib's."""
import contextlib
import os
import secrets
from tempfile import *  # noqa: F401,F403
from tempfile import TMP_MAX, gettempdir

from conformance.adapters.stdlib import inject_names as stdlib_inject_names

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_"
injected_names = None


def next_name():
    if injected_names is not None:
        return next(injected_names)
    return "".join(secrets.choice(ALPHABET) for _ in range(8))


@contextlib.contextmanager
def inject_names(names):
    global injected_names
    injected_names = iter(names)
    try:
        with stdlib_inject_names(injected_names):
            yield
    finally:
        injected_names = None


__conformance_capabilities__ = {"name-injection": inject_names}

FLAGS = @FLAGS@
MODE = @MODE@


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    dir = gettempdir() if dir is None else dir
    prefix = "tmp" if prefix is None else prefix
    suffix = "" if suffix is None else suffix
    for _ in range(TMP_MAX):
        path = os.path.join(dir, prefix + next_name() + suffix)
        try:
            fd = os.open(path, FLAGS, MODE)
        except FileExistsError:
            continue  # someone holds this name: draw another
        return fd, os.path.abspath(path)
    raise FileExistsError("no unused name found")
'''

def toy_source(flags, mode):
    return TOY_TEMPLATE.replace("@FLAGS@", flags).replace("@MODE@", mode)


BROKEN = toy_source("os.O_RDWR | os.O_CREAT", "0o644")
FIXED = toy_source("os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW", "0o600")

broken_path = os.path.join(SCRATCH, "toy_broken.py")
fixed_path = os.path.join(SCRATCH, "toy_fixed.py")
for path, source in ((broken_path, BROKEN), (fixed_path, FIXED)):
    with open(path, "w") as handle:
        handle.write(source)
print(BROKEN[BROKEN.index("FLAGS ="):])

# %% [markdown]
# ## Judging the stdlib, the reference and the toy
#
# The stdlib goes first (filling the bytecode cache), then the other two side by side.
# The stdlib is judged
# against the documented behaviour of the Python running it; the reference and any
# other module against the newest documented version, 3.14.

# %%
timer = time.perf_counter()
reports = {"stdlib": finish_judging(start_judging("stdlib", "stdlib"))}
running = {"reference": start_judging("reference", "reference"),
           "broken toy": start_judging(broken_path, "broken")}
reports.update({name: finish_judging(started) for name, started in running.items()})
print(f"all three judged in {time.perf_counter() - timer:.1f} s\n")
show_verdicts(reports)

# %% [markdown]
# The stdlib and the reference pass every selected clause; the toy passes only the
# first, which asks for nothing more than a descriptor and an absolute path. Every
# protection is missing.

# %% [markdown]
# ## Reading the report
#
# Besides the verdicts, the report says what was judged and on which interpreter, and
# for every clause lists the tests that back it, with their outcome and message. Here
# is the header, the summary, and the first failure message of each failing clause.

# %%
report = reports["broken toy"]
print("target:     ", report["target"]["name"].replace(SCRATCH, "<scratch>"),
      "| capabilities:", report["target"]["capabilities"])
print("interpreter:", report["interpreter"]["implementation"], report["interpreter"]["version"],
      "| judged against Python", report["judged_version"])
print("summary:    ", {k: v for k, v in report["summary"].items() if v})
for clause in report["clauses"]:
    failed = [t for t in clause["tests"] if t["outcome"] not in ("passed", "skipped")]
    if clause["status"] != "fail" or not failed:
        continue
    first = failed[0]
    # The suite's own scratch trees live in the temporary directory too: show them by role.
    message = (first["message"].replace(SCRATCH, "<scratch>").replace(tempfile.gettempdir(), "<tmp>")
               .strip().splitlines()[0])
    print(f"\n{clause['id']}: {len(failed)} of {len(clause['tests'])} tests failed, e.g.")
    print("   ", first["nodeid"].split("::")[-1])
    print("   ", message[:150])

# %% [markdown]
# Each message points at the cause:
#
# * the mode clauses report `420` (that is `0o644`) where `384` (`0o600`) was required,
#   for every umask tried;
# * the exclusive-creation clause saw, through an audit hook, an `open` whose flags lack
#   `O_EXCL`;
# * the planted-entry tests put a file, a directory or a symbolic link at the first
#   candidate name: the toy opened the planted name instead of moving on (or, for a
#   planted directory, crashed with `IsADirectoryError`).

# %% [markdown]
# ## The fix, and the verdict after it
#
# Two lines change: exclusive creation without following links, and an owner-only mode.

# %%
for line in difflib.unified_diff(BROKEN.splitlines(), FIXED.splitlines(), "toy_broken.py", "toy_fixed.py",
                                 lineterm="", n=0):
    print(line)

# %%
timer = time.perf_counter()
reports["fixed toy"] = finish_judging(start_judging(fixed_path, "fixed"))
print(f"judged in {time.perf_counter() - timer:.1f} s\n")
show_verdicts(reports)
print("\nfixed toy summary:", {k: v for k, v in reports["fixed toy"]["summary"].items() if v})

# %% [markdown]
# Every selected clause now passes. That is not the same as "the toy is a correct
# `tempfile`": we judged a handful of clauses, mostly about one function, and the rest of the
# toy is the stdlib. Running the command without `--clause` judges every clause in the
# catalogue.

# %%
def clauses_with(report, status):
    return sum(clause["status"] == status for clause in report["clauses"])


for name in ("broken toy", "fixed toy"):
    report = reports[name]
    print(f"{name}: {clauses_with(report, 'pass')} of {len(report['clauses'])} selected clauses pass, "
          f"{clauses_with(report, 'fail')} fail")

# %%
shutil.rmtree(SCRATCH)
print("scratch removed:", not os.path.exists(SCRATCH))

# %% [markdown]
# ## Summary
#
# * `python -m conformance --target MODULE_OR_PATH --format json --output FILE` judges
#   any module that offers the `tempfile` API; `--clause PATTERN` narrows the run.
# * The report gives one status per clause (pass, fail, not-applicable, ...) plus the
#   tests behind it, so a failure leads straight to the requirement that was broken.
# * Our careless `mkstemp()` failed every selected clause but one (the counts are printed
#   above): a world-readable mode and a non-exclusive `open()` that reused planted files
#   and followed planted links.
# * Adding `O_EXCL | O_NOFOLLOW` and using mode `0o600` made every selected clause pass.
