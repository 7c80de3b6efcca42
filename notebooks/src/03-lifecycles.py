# %% [markdown]
# # 3. Lifecycles: what survives close, exit, garbage collection and `SIGKILL`
#
# **What you will learn**
#
# * how `NamedTemporaryFile`'s two switches, `delete` and `delete_on_close` (new in
#   Python 3.12), decide *when* the file disappears;
# * what happens to each kind of temporary object when you close it, leave its `with`
#   block, drop the last reference to it, or when the process is killed outright;
# * that `TemporaryDirectory` cleans up after you when garbage collected, and complains
#   with a `ResourceWarning` when it has to;
# * that no cleanup code runs on `SIGKILL`, so only a file without a name is truly safe
#   from being left behind.
#
# Every table below is built by *running* each case, not typed in by hand. All files
# are created in a scratch directory that this notebook removes at the end.

# %%
import atexit
import gc
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import warnings
from html import escape

import reference

SCRATCH = os.path.realpath(tempfile.mkdtemp(prefix="nb03-life-"))
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)
IMPLEMENTATIONS = {"stdlib": tempfile, "reference": reference}
print("scratch directory:", os.path.basename(SCRATCH), "in", os.path.dirname(SCRATCH))
print("running Python", sys.version.split()[0])

# %% [markdown]
# A tiny table helper (we do not assume pandas is installed): it renders as HTML in a
# notebook viewer and as aligned text everywhere else.

# %%
class Table:
    def __init__(self, headers, rows):
        self.headers, self.rows = headers, [[str(cell) for cell in row] for row in rows]

    def _repr_html_(self):
        head = "".join(f"<th>{escape(h)}</th>" for h in self.headers)
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in self.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def __repr__(self):
        widths = [max(len(str(x)) for x in column) for column in zip(self.headers, *self.rows)]
        lines = [self.headers, ["-" * w for w in widths], *self.rows]
        return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths)) for line in lines)


def exists(path):
    return "exists" if os.path.lexists(path) else "gone"

# %% [markdown]
# ## `NamedTemporaryFile`: the `delete` x `delete_on_close` matrix
#
# For each combination we observe four moments:
#
# 1. **close inside `with`**: we call `f.close()` while still inside the `with` block;
# 2. **`with` exit**: after the block ends;
# 3. **close, no `with`**: an object created without a `with` block and closed;
# 4. **dropped**: an object created without `with`, never closed, whose last reference
#    we delete (then we run the garbage collector to be sure).
#
# `delete_on_close` appeared in Python 3.12. On an older interpreter the stdlib rejects
# the keyword with a `TypeError`, and the table says so.

# %%
def named_file_case(module, **options):
    try:
        with module.NamedTemporaryFile(dir=SCRATCH, **options) as f:
            f.write(b"data")
            f.close()
            after_close = exists(f.name)
        after_exit = exists(f.name)
    except TypeError as exc:
        return [f"TypeError ({exc})".replace("got an unexpected keyword argument", "rejects")] + [""] * 3
    loose = module.NamedTemporaryFile(dir=SCRATCH, **options)
    loose.close()
    after_plain_close = exists(loose.name)
    dropped = module.NamedTemporaryFile(dir=SCRATCH, **options)
    name = dropped.name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)   # an unclosed file may complain; not our topic here
        del dropped
        gc.collect()
    after_drop = exists(name)
    for leftover in (f.name, loose.name, name):
        if os.path.lexists(leftover):
            os.unlink(leftover)
    return [after_close, after_exit, after_plain_close, after_drop]


OPTION_SETS = [
    {"delete": True},
    {"delete": True, "delete_on_close": True},
    {"delete": True, "delete_on_close": False},
    {"delete": False},
    {"delete": False, "delete_on_close": True},
    {"delete": False, "delete_on_close": False},
]
rows = []
for impl_name, module in IMPLEMENTATIONS.items():
    for options in OPTION_SETS:
        label = ", ".join(f"{k}={v}" for k, v in options.items())
        rows.append([impl_name, label] + named_file_case(module, **options))
Table(["implementation", "arguments", "close inside with", "with exit", "close, no with", "dropped"], rows)

# %% [markdown]
# How to read it:
#
# * `delete=True` with `delete_on_close=True` (the default): the file goes at the first
#   `close()`, and the `with` exit has nothing left to do.
# * `delete=True` with `delete_on_close=False`: closing keeps the file, so you can close
#   it and hand the *name* to another program (which is how you use it on Windows, where
#   an open temporary file cannot be opened a second time). It is removed when the
#   `with` block ends, or, without a `with`, when the object is garbage collected.
# * `delete=False`: nothing is ever removed; the file is yours to clean up.
#   `delete_on_close` is then ignored.

# %% [markdown]
# ## Garbage collection of a `TemporaryDirectory`
#
# A `TemporaryDirectory` that is never cleaned up explicitly is removed when the object
# is finalized, but the object announces it with a `ResourceWarning`: relying on the
# garbage collector is a bug you are being told about. (`ResourceWarning` is ignored by
# default; we record it explicitly. Run your tests with `-W error::ResourceWarning` to
# catch these.)

# %%
def directory_gc_case(module, **options):
    try:
        holder = module.TemporaryDirectory(dir=SCRATCH, **options)
    except TypeError as exc:
        return [f"TypeError ({exc})".replace("got an unexpected keyword argument", "rejects"), ""]
    path = holder.name
    with open(os.path.join(path, "inside.txt"), "w") as handle:
        handle.write("content")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del holder
        gc.collect()
    messages = [f"{w.category.__name__}: {w.message}".replace(SCRATCH, "<scratch>") for w in caught]
    state = exists(path)
    if os.path.lexists(path):
        shutil.rmtree(path)
    return [state, "; ".join(messages) or "(none)"]


rows = [[impl, label] + directory_gc_case(module, **opts)
        for impl, module in IMPLEMENTATIONS.items()
        for label, opts in (("default", {}), ("delete=False", {"delete": False}))]
Table(["implementation", "arguments", "after the object is dropped", "warnings"], rows)

# %% [markdown]
# `TemporaryDirectory(delete=False)` (new in 3.12) keeps the directory even on
# finalization and then has no reason to warn.

# %% [markdown]
# ## Killed with `SIGKILL`
#
# Cleanup in `tempfile` is ordinary Python code: `close()`, `__exit__`, finalizers.
# `SIGKILL` cannot be caught, so none of it runs. To see the consequence we start a
# child process that creates an object inside a `with` block, tells us the path, and
# waits; then we kill it and look at what remains.
#
# `TemporaryFile()` has no path to report: on Linux it is opened with `O_TMPFILE` (a
# file that never had a name) or, where that is unavailable, unlinked straight after
# creation. We instead check that the child's private subdirectory stays empty.

# %%
CHILD_CASES = {
    "NamedTemporaryFile()": "m.NamedTemporaryFile(dir=d)",
    "NamedTemporaryFile(delete_on_close=False)": "m.NamedTemporaryFile(dir=d, delete_on_close=False)",
    "TemporaryDirectory()": "m.TemporaryDirectory(dir=d)",
    "SpooledTemporaryFile(max_size=10), rolled over": "m.SpooledTemporaryFile(max_size=10, dir=d)",
    "TemporaryFile()": "m.TemporaryFile(dir=d)",
}
CHILD_TEMPLATE = """
import os, sys, time
import {module} as m
d = sys.argv[1]
with {expression} as obj:
    if hasattr(obj, "write"):
        obj.write(b"x" * 100)
        obj.flush()
    print("ready", flush=True)
    time.sleep(60)
"""


def killed_case(module_name, expression):
    case_dir = tempfile.mkdtemp(dir=SCRATCH)
    code = CHILD_TEMPLATE.format(module=module_name, expression=expression)
    child = subprocess.Popen([sys.executable, "-c", code, case_dir], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        ready = child.stdout.readline().strip()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        error = child.stderr.read().strip().splitlines()
        child.stdout.close()
        child.stderr.close()
    if ready != "ready":
        shutil.rmtree(case_dir)
        return "child failed to start: " + (error[-1].split(":")[0] if error else "?")
    left = os.listdir(case_dir)
    shutil.rmtree(case_dir)
    return f"{len(left)} entr{'y' if len(left) == 1 else 'ies'} left behind" if left else "nothing left"


rows = []
for label, expression in CHILD_CASES.items():
    rows.append([label] + [killed_case(module, expression) for module in ("tempfile", "reference")])
Table(["object (inside a with block when killed)", "stdlib", "reference"], rows)

# %% [markdown]
# On Python 3.11 or older the stdlib does not know `delete_on_close`, so the child of
# the second row dies of a `TypeError` and the stdlib column says "child failed to
# start: TypeError". Everything with a name outlives `SIGKILL`;
# the unnamed `TemporaryFile()` leaves nothing, because the kernel frees its storage
# when the last descriptor closes, and the kernel closes every descriptor of a dead
# process. (A spooled file that had not yet rolled over would leave nothing either: it
# only ever lived in memory.)

# %%
shutil.rmtree(SCRATCH)
print("scratch removed:", not os.path.exists(SCRATCH))

# %% [markdown]
# ## Summary
#
# * `NamedTemporaryFile(delete=True)` removes its file at the first `close()` unless
#   `delete_on_close=False`, in which case removal waits for the `with` exit (or the
#   object's finalization). `delete=False` never removes anything.
# * `TemporaryDirectory` removes itself on `with` exit, on `cleanup()`, or, with a
#   `ResourceWarning`, when garbage collected; `delete=False` turns that off.
# * `SIGKILL` skips every cleanup: named files and directories stay behind, so long
#   running services should put their temporary files in a directory that something
#   else (a systemd `PrivateTmp`, a tmpfs, a cron job) will clear.
# * Only `TemporaryFile()` is leak-proof against a hard kill: it has no name to leave.
