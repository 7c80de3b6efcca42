# %% [markdown]
# # 2. Where temporary files go
#
# **What you will learn**
#
# * the order in which `gettempdir()` considers candidate directories: the environment
#   variables `TMPDIR`, `TEMP` and `TMP`, then the platform's usual places, and the
#   current directory last of all;
# * that a candidate is accepted only if a file can really be created in it, so missing
#   paths, plain files and unwritable directories are skipped;
# * why "unwritable" is tricky to demonstrate when you are root, and how to drop the
#   privilege that lets root write anywhere;
# * that the answer is computed once and cached in the module global `tempdir`, and how
#   to make it look again;
# * the odd side effect of setting `tempdir` to a `bytes` path.
#
# Each scenario runs in a fresh child interpreter with an environment we control, so
# no cached answer leaks from one scenario to the next. Every directory involved lives
# in a scratch directory created below and removed at the end.

# %%
import atexit
import os
import shutil
import stat
import subprocess
import sys
import tempfile

import reference

SCRATCH = os.path.realpath(tempfile.mkdtemp(prefix="nb02-where-"))
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)


def make_dir(name, mode=0o700):
    path = os.path.join(SCRATCH, name)
    os.mkdir(path)
    os.chmod(path, mode)
    return path


DIR_A = make_dir("a")
DIR_B = make_dir("b")
DIR_C = make_dir("c")
READ_ONLY = make_dir("read-only", 0o500)          # owner may list and enter, not create
NOT_A_DIR = os.path.join(SCRATCH, "plain-file")
with open(NOT_A_DIR, "w") as handle:
    handle.write("I am a file, not a directory\n")
MISSING = os.path.join(SCRATCH, "does-not-exist")
WORKDIR = make_dir("work")
print("scratch directory:", os.path.basename(SCRATCH), "in", os.path.dirname(SCRATCH))

# %% [markdown]
# ## A child process with exactly the environment we choose
#
# `ask_child()` starts a new interpreter, imports the chosen implementation (the
# stdlib's `tempfile` or the project's `reference`), and prints what `gettempdir()`
# answers. The three variables are removed from the inherited environment first and
# then only the ones the scenario names are set. Paths are shown relative to the
# scratch directory to keep the table short.

# %%
TEMP_VARS = ("TMPDIR", "TEMP", "TMP")


def child_env(**chosen):
    env = {k: v for k, v in os.environ.items() if k not in TEMP_VARS}
    env.update(chosen)
    return env


def child_code(module_name):
    return f"import {module_name} as m; print(m.gettempdir())"


def ask_child(module_name, prefix=(), cwd=WORKDIR, **chosen):
    proc = subprocess.run([*prefix, sys.executable, "-c", child_code(module_name)],
                          env=child_env(**chosen), cwd=cwd, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        return "error: " + proc.stderr.strip().splitlines()[-1]
    return proc.stdout.strip()


def short(path):
    return path.replace(SCRATCH, "<scratch>")


def show(rows):
    """Print a small table: scenario, then one column per implementation."""
    print(f"{'scenario':<52} {'stdlib':<24} {'reference':<24}")
    for label, answers in rows:
        print(f"{label:<52} {short(answers[0]):<24} {short(answers[1]):<24}")

# %% [markdown]
# ## The environment variables, in order
#
# `TMPDIR` beats `TEMP`, which beats `TMP`. An empty value counts as "not set". A
# relative value is accepted and turned into an absolute path.

# %%
SCENARIOS = [
    ("TMPDIR, TEMP and TMP all set", dict(TMPDIR=DIR_A, TEMP=DIR_B, TMP=DIR_C)),
    ("TEMP and TMP set", dict(TEMP=DIR_B, TMP=DIR_C)),
    ("only TMP set", dict(TMP=DIR_C)),
    ("TMPDIR empty, TEMP set", dict(TMPDIR="", TEMP=DIR_B)),
    ("TMPDIR relative ('../a'), run from <scratch>/work", dict(TMPDIR="../a")),
]
show([(label, [ask_child(m, **env) for m in ("tempfile", "reference")]) for label, env in SCENARIOS])

# %% [markdown]
# ## Candidates that cannot hold a file are skipped
#
# `gettempdir()` does not trust a candidate because it exists; it proves the candidate
# works by creating (and removing) a small file there. A path that does not exist or
# is a plain file fails that test and the search moves on.

# %%
SCENARIOS = [
    ("TMPDIR missing, TEMP set", dict(TMPDIR=MISSING, TEMP=DIR_B)),
    ("TMPDIR is a plain file, TEMP set", dict(TMPDIR=NOT_A_DIR, TEMP=DIR_B)),
    ("TMPDIR is mode 0o500, TEMP set (as root!)", dict(TMPDIR=READ_ONLY, TEMP=DIR_B)),
]
show([(label, [ask_child(m, **env) for m in ("tempfile", "reference")]) for label, env in SCENARIOS])
print("\nrunning as uid", os.geteuid())

# %% [markdown]
# ### Root and permission bits
#
# The last line above may surprise you: if this notebook runs as **root**, the
# read-only directory was *accepted*. Root holds the capability `CAP_DAC_OVERRIDE`,
# which lets it ignore the write bit, so for root a `0o500` directory really is
# writable and `gettempdir()` is right to take it. (Running as an ordinary user, the
# directory would have been skipped.)
#
# To watch the skip happen as root we start the child without that privilege.
# `setpriv` can remove capabilities from the child's bounding and inheritable sets
# before it starts Python; the child is still uid 0 but now obeys permission bits.

# %%
NO_OVERRIDE = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
               "--bounding-set=-dac_override,-dac_read_search"]
if os.geteuid() != 0:
    print("not root: permission bits already apply, the row above shows the skip")
elif shutil.which("setpriv") is None or subprocess.run(NO_OVERRIDE + ["true"]).returncode != 0:
    print("setpriv is not available here, so this demonstration is skipped")
else:
    show([("same, child without CAP_DAC_OVERRIDE",
           [ask_child(m, prefix=NO_OVERRIDE, TMPDIR=READ_ONLY, TEMP=DIR_B) for m in ("tempfile", "reference")])])

# %% [markdown]
# ## The platform's directories, and the current directory last
#
# With none of the variables set, a POSIX system tries `/tmp`, `/var/tmp` and
# `/usr/tmp`, in that order. (Windows has its own list: directories under the user
# profile and the system drive.) Only when all of those fail does the search fall back
# to the **current working directory**.

# %%
show([("no variable set", [ask_child(m) for m in ("tempfile", "reference")])])

# %% [markdown]
# Seeing the last resort requires `/tmp` and `/var/tmp` to be unusable, and we must not
# break them for everyone else on the machine. A private *mount namespace* does it:
# inside `unshare -m`, the child covers `/tmp` and `/var/tmp` with empty read-only
# file systems that nobody else can see, and they vanish when the child exits. The
# child's working directory is our scratch `work` directory, bind-mounted at `/srv`
# (because the real `/tmp` is hidden inside the namespace). This needs root and a
# kernel that allows namespaces (and a Python installed outside `/tmp`); where it is
# not possible the cell says so.

# %%
def ask_child_without_tmp(module_name):
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return None, "needs root and the unshare tool"
    # Inside the namespace /tmp is empty, and this notebook's virtual environment (and the
    # checkout on PYTHONPATH) may live there. So the child runs the interpreter the venv
    # links to, and imports a copy of `reference` placed in the work directory (/srv).
    python = os.path.realpath(sys.executable)
    if python.startswith(("/tmp/", "/var/tmp/")):
        return None, "the interpreter itself lives under /tmp"
    packages = os.path.join(WORKDIR, "packages")
    shutil.copytree(os.path.dirname(reference.__file__), os.path.join(packages, "reference"),
                    dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    script = " && ".join([
        f"mount --bind {WORKDIR} /srv",
        "mount -t tmpfs -o ro tmpfs /tmp",
        "mount -t tmpfs -o ro tmpfs /var/tmp",
        "cd /srv",
        f"exec {python} -c '{child_code(module_name)}'",
    ])
    try:
        proc = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
                              env=child_env(PYTHONPATH="/srv/packages", PYTHONDONTWRITEBYTECODE="1"),
                              capture_output=True, text=True, timeout=60)
    finally:
        shutil.rmtree(packages)
    if proc.returncode != 0:
        return None, proc.stderr.strip()
    return proc.stdout.strip(), ""


found, problem = ask_child_without_tmp("tempfile")
# Only a machine that forbids namespaces may skip this demonstration; any other failure
# (such as the child's interpreter not being found) is a bug of this notebook and stops the build.
NOT_ALLOWED = ("needs root", "Operation not permitted", "Permission denied", "lives under /tmp")
if found is None and not any(reason in problem for reason in NOT_ALLOWED):
    raise RuntimeError(f"the namespace demonstration failed: {problem}")
if found is None:
    print("this demonstration could not run here, so it is skipped:", problem.splitlines()[-1:])
else:
    print("stdlib   :", found)
    print("reference:", ask_child_without_tmp("reference")[0])
    print("files the probes left in work:", os.listdir(WORKDIR))

# %% [markdown]
# Where the namespace could be set up, the answer is `/srv`, the child's working
# directory: every earlier candidate failed.
# That fallback is why a program started from your project folder may, on a
# misconfigured machine, drop temporary files right next to your source code.

# %% [markdown]
# ## The answer is cached in `tempdir`
#
# Back in this notebook's own process. The module global `tempdir` starts as `None`.
# The first call to `gettempdir()` (or to any function that needs the default
# directory) runs the search and stores the result in `tempdir`; later calls return it
# without looking at the environment again. Changing `TMPDIR` afterwards has no effect
# until `tempdir` is set back to `None`.
#
# We save and restore everything we change, so the rest of the kernel is not affected.

# %%
def caching_demo(module):
    saved_env = os.environ.get("TMPDIR")
    saved_tempdir = module.tempdir
    try:
        module.tempdir = None
        os.environ["TMPDIR"] = DIR_A
        first = module.gettempdir()
        os.environ["TMPDIR"] = DIR_B
        second = module.gettempdir()
        cached = module.tempdir
        module.tempdir = None
        third = module.gettempdir()
        return [first, second, cached, third]
    finally:
        module.tempdir = saved_tempdir
        if saved_env is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved_env


steps = ["TMPDIR=a, first call", "TMPDIR=b, second call", "value of tempdir now",
         "after tempdir = None"]
results = {name: caching_demo(module) for name, module in (("stdlib", tempfile), ("reference", reference))}
show([(step, [short(results["stdlib"][i]), short(results["reference"][i])]) for i, step in enumerate(steps)])

# %% [markdown]
# Setting `tempdir` yourself skips the search entirely: it is the first thing
# `gettempdir()` looks at, ahead of every environment variable.

# %% [markdown]
# ## A `bytes` value in `tempdir` changes return types
#
# Functions like `mkstemp()` return `str` paths when all of `prefix`, `suffix` and
# `dir` are left out. Except: if `tempdir` holds a `bytes` path, the default directory
# is bytes, and so are the paths these functions return. (Python 3.9 did not handle
# this case at all and failed with a `TypeError` from mixing `str` and `bytes`;
# from 3.10 on the result is bytes.) `gettempdir()` itself still returns `str`;
# `gettempdirb()` is its bytes twin.

# %%
def bytes_demo(module):
    saved_tempdir = module.tempdir
    try:
        module.tempdir = os.fsencode(DIR_C)
        fd, path = module.mkstemp()
        os.close(fd)
        os.unlink(path)
        made_dir = module.mkdtemp()
        os.rmdir(made_dir)
        return {"mkstemp() path": type(path).__name__, "mkdtemp()": type(made_dir).__name__,
                "gettempdir()": type(module.gettempdir()).__name__,
                "gettempdirb()": type(module.gettempdirb()).__name__}
    finally:
        module.tempdir = saved_tempdir


for name, module in (("stdlib", tempfile), ("reference", reference)):
    print(f"{name:<10}", bytes_demo(module))

# %% [markdown]
# Libraries that set `tempdir` to bytes can therefore surprise every other caller in
# the process. Prefer passing `dir=` explicitly, or setting `TMPDIR` before the first
# call.

# %%
shutil.rmtree(SCRATCH)
print("scratch removed:", not os.path.exists(SCRATCH))

# %% [markdown]
# ## Summary
#
# * `gettempdir()` tries `TMPDIR`, `TEMP`, `TMP`, then the platform's own directories
#   (`/tmp`, `/var/tmp`, `/usr/tmp` on POSIX), then the current directory.
# * A candidate wins only if a file can actually be created in it; missing paths,
#   plain files and (for non-root users) unwritable directories are passed over.
# * Root ignores permission bits, so tests of "unwritable" must drop
#   `CAP_DAC_OVERRIDE` (here with `setpriv`) or they prove nothing.
# * The result is cached in `tempdir`; environment changes after the first call are
#   ignored until `tempdir` is reset to `None`. Setting `tempdir` overrides the search.
# * A `bytes` `tempdir` makes the creating functions return `bytes` paths when called
#   without arguments. The stdlib and the reference agree on every row above.
