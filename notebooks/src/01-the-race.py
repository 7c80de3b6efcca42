# %% [markdown]
# # 1. The race: why `mktemp()` is unsafe and `mkstemp()` is not
#
# **What you will learn**
#
# * what a *time-of-check to time-of-use* (TOCTOU) race looks like with temporary files;
# * how a second, hostile process can slip a symbolic link in at the name that `mktemp()`
#   handed out, so that the victim writes into a file it never meant to touch;
# * how often that attack wins, as a function of how long the victim dawdles between
#   getting the name and opening it;
# * why the same attack can never win against `mkstemp()`: the name is claimed and
#   the file opened in *one* system call that refuses anything already there.
#
# Everything happens inside a scratch directory that this notebook creates in the next
# cell and removes at the end. Nothing outside it is read or written.

# %%
%matplotlib inline
import atexit
import collections
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time

import matplotlib.pyplot as plt

import reference
from conformance.targets import resolve_target

SCRATCH = tempfile.mkdtemp(prefix="nb01-race-")
# If a later cell fails, the kernel still runs its exit hooks when it shuts down.
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)
print("scratch directory:", os.path.basename(SCRATCH), "in", os.path.dirname(SCRATCH))

# %% [markdown]
# ## The two implementations we compare
#
# We run every experiment against the interpreter's own `tempfile` (the *stdlib*) and
# against this project's annotated `reference` implementation. Both are loaded through
# the conformance harness's `resolve_target()`, because the harness gives us one extra
# tool we need below: **name injection**, a way to decide in advance which name the next
# creating call will try. (For the stdlib that hook lives in an adapter; the reference
# offers it itself.)

# %%
IMPLEMENTATIONS = {name: resolve_target(name) for name in ("stdlib", "reference")}
for name, target in IMPLEMENTATIONS.items():
    print(f"{name:<10} module={target.module.__name__:<10} capabilities={sorted(target.capabilities)}")

# %% [markdown]
# ## The threat model (read this before trusting the numbers)
#
# The victim wants a private scratch file. The attacker is **another process**, running
# as a user who may create entries in the same directory (think of a shared `/tmp`). The
# attacker's goal: make the victim write into a file of the attacker's choosing. Here
# that file is `precious.txt`, standing in for something the victim can write but the
# attacker cannot, such as the victim's own `~/.bashrc`.
#
# To plant the link in time the attacker needs the name *before* the victim opens it.
# With today's `tempfile` the random part of a name is hard to guess (notebook 6 looks
# at that), so a real attacker would need a predictable name generator, a leaked name
# (a log line, a command line visible in `/proc`), or many guesses. We do **not**
# model the guessing. Instead the victim **tells the attacker each name through a pipe**
# the moment it has it. That is the worst case for the victim, and exactly the situation
# with a predictable name. What we measure is therefore *how wide the window is*, not how
# easy names are to guess.
#
# Between getting the name and opening the file the victim does some "work": a busy
# loop of a chosen length, from 0 µs (open at once) to a millisecond. Real programs do
# real work there: format a path, log something, check a setting, get preempted by the
# scheduler.

# %% [markdown]
# ## The attacker
#
# A small stand-alone script, run with `subprocess` so it is a genuinely separate
# process with its own scheduler slot. For every name it reads on stdin it tries to
# create a symbolic link at that name pointing at `precious.txt`, then reports whether
# it got there first (`planted`) or found the name already taken (`late`).

# %%
ATTACKER_SOURCE = '''
import os, sys
precious = sys.argv[1]
sys.stdout.write("ready\\n")
sys.stdout.flush()
for line in sys.stdin:
    name = line.rstrip("\\n")
    try:
        os.symlink(precious, name)
        verdict = "planted"
    except FileExistsError:
        verdict = "late"
    sys.stdout.write(verdict + "\\n")
    sys.stdout.flush()
'''

attacker_script = os.path.join(SCRATCH, "attacker.py")
with open(attacker_script, "w") as handle:
    handle.write(ATTACKER_SOURCE)

PRECIOUS = os.path.join(SCRATCH, "precious.txt")
ORIGINAL = "the owner's data, which must never change\n"
VICTIM_DIR = os.path.join(SCRATCH, "shared-tmp")   # plays the role of a shared /tmp
os.mkdir(VICTIM_DIR)

attacker = subprocess.Popen([sys.executable, attacker_script, PRECIOUS],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
# Wait until the attacker's interpreter has started, or the first rounds would be unfair to it.
assert attacker.stdout.readline().strip() == "ready"


def tell_attacker(name):
    attacker.stdin.write(name + "\n")
    attacker.stdin.flush()


def attacker_verdict():
    return attacker.stdout.readline().strip()


def restore_precious():
    with open(PRECIOUS, "w") as handle:
        handle.write(ORIGINAL)


def precious_was_touched():
    with open(PRECIOUS) as handle:
        return handle.read() != ORIGINAL


def work(microseconds):
    """The victim's busy work between learning the name and opening it."""
    deadline = time.perf_counter() + microseconds / 1e6
    while time.perf_counter() < deadline:
        pass


def clear_victim_dir():
    for entry in os.listdir(VICTIM_DIR):
        os.unlink(os.path.join(VICTIM_DIR, entry))

# %% [markdown]
# ## One round against `mktemp()`
#
# The victim asks `mktemp()` for a name, tells the attacker, works for a while, then
# opens the name for writing with plain `open(name, "w")`, which follows symbolic links
# and happily truncates whatever is there. The attack **wins** when `precious.txt` no
# longer holds its original text.

# %%
def mktemp_round(module, delay_us):
    restore_precious()
    name = module.mktemp(dir=VICTIM_DIR)
    tell_attacker(name)
    work(delay_us)
    with open(name, "w") as handle:
        handle.write("the victim's secret\n")
    verdict = attacker_verdict()          # wait for the attacker, so rounds never overlap
    won = precious_was_touched()
    clear_victim_dir()
    return {"attacker": verdict, "won": won}


print("no delay:   ", mktemp_round(tempfile, 0))
# The machine is shared and noisy, so give the slow case a few tries and say how many it took.
for attempt in range(1, 21):
    outcome = mktemp_round(tempfile, 2000)
    if outcome["won"]:
        break
print("2 ms delay: ", outcome, "after", attempt, "round(s)")

# %% [markdown]
# With no delay the victim usually opens first and the attacker arrives `late` (not
# always: the scheduler may run the attacker first). Give the attacker two milliseconds
# and it plants its link in time: the victim's "secret" lands in
# `precious.txt`, and the owner's data is gone.

# %%
with open(PRECIOUS) as handle:
    print(repr(handle.read()))

# %% [markdown]
# ## The same round against `mkstemp()`
#
# `mkstemp()` never hands out a name before the file exists: it chooses a name and
# creates the file in one `open()` call with `O_CREAT | O_EXCL`. With `O_EXCL` the
# kernel refuses to open anything that already exists *at the moment of the call*,
# and it treats a symbolic link as existing even if the link dangles. So the attacker's
# link makes that one attempt fail with `EEXIST`, and `mkstemp()` simply tries the next
# candidate name.
#
# To give the attacker the same head start as before, we use name injection: the victim
# decides the first candidate name, tells the attacker, works, and only then calls
# `mkstemp()`, which must try exactly that name first.

# %%
def mkstemp_round(target, delay_us):
    restore_precious()
    predicted = "pred" + secrets.token_hex(3)
    predicted_path = os.path.join(VICTIM_DIR, "tmp" + predicted)
    tell_attacker(predicted_path)
    work(delay_us)
    with target.inject_names([predicted, "next" + secrets.token_hex(3)]):
        fd, path = target.module.mkstemp(dir=VICTIM_DIR)
    os.write(fd, b"the victim's secret\n")
    os.close(fd)
    verdict = attacker_verdict()
    result = {
        "attacker": verdict,
        "won": precious_was_touched(),
        "victim moved on to another name": path != predicted_path,
        "victim's file is a regular file": os.path.isfile(path) and not os.path.islink(path),
    }
    clear_victim_dir()
    return result


print("stdlib:   ", mkstemp_round(IMPLEMENTATIONS["stdlib"], 2000))
print("reference:", mkstemp_round(IMPLEMENTATIONS["reference"], 2000))

# %% [markdown]
# The attacker planted its link in time, exactly as before, yet nothing happened to
# `precious.txt`. The victim's first attempt hit the link, failed, and the second
# candidate produced a fresh regular file that only the victim holds open.

# %% [markdown]
# ## Measuring: success rate against the length of the window
#
# Now many rounds for each delay, each implementation and each function. A round takes
# well under a millisecond on an idle machine, so this whole measurement fits in a few
# seconds. The rounds of all settings are interleaved in a shuffled order. Expect the numbers to move from run to run, and to move a lot on a busy
# machine: when other processes compete for the CPU, the victim can be descheduled
# between `mktemp()` and `open()`, which widens the window for free and lets the
# attacker win even with no deliberate delay. That is not an artefact of the
# experiment; it is exactly what happens to real programs on a loaded server.

# %%
DELAYS_US = [0, 5, 10, 20, 50, 100, 500]
ROUNDS = 60

# Every (implementation, function, delay) setting gets ROUNDS rounds, run in shuffled order
# so that a burst of activity on the machine spreads over all settings instead of one.
settings = [(impl, kind, delay) for impl in IMPLEMENTATIONS for kind in ("mktemp", "mkstemp")
            for delay in DELAYS_US]
schedule = settings * ROUNDS
random.Random(1).shuffle(schedule)

outcomes = collections.defaultdict(list)
timer = time.perf_counter()
for impl, kind, delay in schedule:
    target = IMPLEMENTATIONS[impl]
    result = mktemp_round(target.module, delay) if kind == "mktemp" else mkstemp_round(target, delay)
    outcomes[impl, kind, delay].append(result)
print(f"{len(schedule)} rounds in {time.perf_counter() - timer:.1f} s")


def share(impl, kind, test):
    return [sum(map(test, outcomes[impl, kind, delay])) / ROUNDS for delay in DELAYS_US]


rates = {impl: {"mktemp won": share(impl, "mktemp", lambda r: r["won"]),
                "mkstemp won": share(impl, "mkstemp", lambda r: r["won"]),
                "mkstemp: link planted first": share(impl, "mkstemp", lambda r: r["attacker"] == "planted")}
         for impl in IMPLEMENTATIONS}

print(f"{'delay (µs)':>10} | " + " | ".join(f"{impl}: mktemp won / mkstemp won (planted)" for impl in rates))
for i, delay in enumerate(DELAYS_US):
    cells = [f"{r['mktemp won'][i]:>17.0%} / {r['mkstemp won'][i]:>4.0%} ({r['mkstemp: link planted first'][i]:.0%})"
             for r in rates.values()]
    print(f"{delay:>10} | " + " | ".join(cells))

# %%
fig, ax = plt.subplots(figsize=(9, 4))
styles = {"stdlib": "-", "reference": "--"}
for impl_name, series in rates.items():
    ax.plot(DELAYS_US, series["mktemp won"], styles[impl_name], marker="o", color="tab:red",
            label=f"mktemp: attack wins ({impl_name})")
    ax.plot(DELAYS_US, series["mkstemp won"], styles[impl_name], marker="s", color="tab:green",
            label=f"mkstemp: attack wins ({impl_name})")
    ax.plot(DELAYS_US, series["mkstemp: link planted first"], styles[impl_name], color="tab:gray",
            alpha=0.6, label=f"mkstemp: link was there first ({impl_name})")
ax.set_xscale("symlog", linthresh=5)
ax.set_xticks(DELAYS_US)
ax.set_xticklabels([str(d) for d in DELAYS_US])
ax.set_xlabel("victim's work between getting the name and opening it (µs)")
ax.set_ylabel("fraction of rounds")
ax.set_ylim(-0.05, 1.05)
ax.set_title("Symlink attack on a known temporary name")
ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1))
fig.tight_layout()
plt.show()

# %% [markdown]
# Read the grey line carefully: against `mkstemp()` the attacker was often first (its
# link was in place before the victim's `open()`), about as often as it won against
# `mktemp()`, or more. The grey line tends to sit higher than the red one because the victim
# spends a few extra microseconds inside the name-injection hook and `mkstemp()` before
# its `open()`, a head start the attacker gladly takes. Being first simply buys it
# nothing.

# %% [markdown]
# The measured figures, in one place:

# %%
for impl_name, series in rates.items():
    print(f"{impl_name:<10} mktemp: attack won {series['mktemp won'][0]:.0%} of rounds with no delay, "
          f"{series['mktemp won'][-1]:.0%} with {DELAYS_US[-1]} µs; "
          f"mkstemp: attack won {max(series['mkstemp won']):.0%} at any delay, although the link was "
          f"planted first in {sum(series['mkstemp: link planted first']) / len(DELAYS_US):.0%} of rounds")
assert all(rate == 0 for series in rates.values() for rate in series["mkstemp won"])

# %% [markdown]
# ## What this run measured
#
# The summary's numbers come from the rounds above, so they are this build's, not a
# claim made once on another machine. A trend counts only when the share of rounds won
# moves by more than two standard errors of a share measured over that many rounds.

# %%
def trend(won):
    """'rises', 'falls' or 'shows no clear trend' from the shortest to the longest delay."""
    spread = 2 * max(0.5 / ROUNDS ** 0.5, 1e-9)  # two standard errors of a share near 50 %
    change = won[-1] - won[0]
    return "rises" if change > spread else "falls" if change < -spread else "shows no clear trend"


for impl_name, series in rates.items():
    won = series["mktemp won"]
    print(f"{impl_name}: against mktemp() the attack won {min(won):.0%} to {max(won):.0%} of the "
          f"rounds over delays of {DELAYS_US[0]} to {DELAYS_US[-1]} µs, and the share {trend(won)} as "
          f"the delay grows; against mkstemp() it won {max(series['mkstemp won']):.0%}.")

# %% [markdown]
# ## Why no amount of speed helps the attacker
#
# * **Exclusive creation.** `O_CREAT | O_EXCL` makes "does it exist?" and "create it"
#   one indivisible step inside the kernel. There is no gap between check and use.
# * **Links are not followed.** With `O_EXCL` a symbolic link in the final path
#   component counts as an existing entry and the call fails; the kernel does not
#   walk through it to the file it names.
# * **Retry, not give up.** On `EEXIST` the creating functions draw another name and
#   try again, up to `TMP_MAX` times, so a planted entry costs the victim one more
#   system call, not an error.
# * **Private from birth.** The file is created with mode `0o600`, so nobody else can
#   open it even by its real name afterwards.
#
# `mktemp()` cannot offer any of this: it returns a *string*, and whatever the caller
# does with that string later is a separate step the attacker can get in front of.
#
# We do not have to take the flags on trust. Python raises an `open` audit event for
# every file it opens, with the flags passed to the kernel. The harness's
# `AuditRecorder` listens to those events (through one shared hook, because an audit
# hook can never be removed again) and we decode the flags:

# %%
from conformance.harness.audit import AuditRecorder

FLAG_NAMES = ["O_WRONLY", "O_RDWR", "O_CREAT", "O_EXCL", "O_TRUNC", "O_NOFOLLOW", "O_CLOEXEC"]


def decode(flags):
    found = [name for name in FLAG_NAMES if flags & getattr(os, name)]
    return " | ".join(found if flags & os.O_ACCMODE else ["O_RDONLY"] + found)


calls = {}
for impl_name, target in IMPLEMENTATIONS.items():
    with AuditRecorder(("open",)) as recorder:
        fd, path = target.module.mkstemp(dir=VICTIM_DIR)
        os.close(fd)
    calls[f"{impl_name}: mkstemp()"] = recorder.named("open")
    with AuditRecorder(("open",)) as recorder:
        name = target.module.mktemp(dir=VICTIM_DIR)
        with open(name, "w"):
            pass
    calls[f"{impl_name}: open(mktemp(), 'w')"] = recorder.named("open")
    clear_victim_dir()
for label, events in calls.items():
    for _path, _mode, flags in events:
        print(f"{label:<32} {decode(flags)}")

# %% [markdown]
# `O_EXCL` and `O_NOFOLLOW` are there for `mkstemp()` and absent from the plain `open()`
# that follows `mktemp()`, which also asks for `O_TRUNC`: it would empty whatever it
# found. (`O_CLOEXEC` is Python's default for every descriptor; it keeps the file from
# leaking into programs started later.)
# Below we also check the one thing an attacker could still hope for, a leftover
# link: all the victim's files were removed each round and the attacker only ever
# touched `shared-tmp`.

# %%
attacker.stdin.close()
attacker.wait(timeout=10)
print("attacker exit status:", attacker.returncode)
print("left in shared-tmp:", os.listdir(VICTIM_DIR))
shutil.rmtree(SCRATCH)
print("scratch removed:", not os.path.exists(SCRATCH))

# %% [markdown]
# ## Summary
#
# * `mktemp()` returns only a name. Anyone who learns or guesses that name can create
#   the entry first; a symbolic link then redirects the victim's `open()` anywhere.
#   How often the attack wins depends on the machine more than on the wait: "What this
#   run measured" gives this run's share of rounds and whether it grew with the delay.
#   Any share above zero is a lost file.
# * `mkstemp()` claims the name and opens the file in a single exclusive,
#   non-following `open()`. A planted link makes one attempt fail and the function
#   quietly moves to another name; the attack success rate is zero however early the
#   attacker strikes (the run above asserts it).
# * The stdlib and the reference behave the same way here.
# * The lesson for your code: never create a temporary file from a name you were
#   handed earlier. Use `mkstemp()`, `NamedTemporaryFile()` or `TemporaryDirectory()`,
#   which create the object in the same step that picks its name.
