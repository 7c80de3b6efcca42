# %% [markdown]
# # 6. Names and entropy
#
# **What you will learn**
#
# * what the random part of a temporary name is made of (alphabet and length),
#   found out by *looking at names*, not by reading source code;
# * how many distinct names that allows, and what the birthday bound says about the
#   chance that two names collide, checked against measurement;
# * why the random generator's *seed* matters, with a demonstration that names from a
#   generator seeded with the current time can be predicted;
# * what happens across `fork()`: whether parent and child draw the same names.
#
# All files are created in (and removed from) this notebook's scratch directory.

# %%
%matplotlib inline
import atexit
import collections
import json
import math
import os
import random
import shutil
import string
import subprocess
import sys
import tempfile
import time

import matplotlib.pyplot as plt

import reference

SCRATCH = os.path.realpath(tempfile.mkdtemp(prefix="nb06-names-"))
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)
IMPLEMENTATIONS = {"stdlib": tempfile, "reference": reference}
print("scratch directory:", os.path.basename(SCRATCH), "in", os.path.dirname(SCRATCH))

# %% [markdown]
# ## Collecting names
#
# With an empty `prefix` and `suffix`, the name `mkstemp()` creates *is* the random
# part. We create and immediately remove 6,000 files per implementation.

# %%
POOL = 6_000


def draw_names(module, count, where=SCRATCH):
    names = []
    for _ in range(count):
        fd, path = module.mkstemp(prefix="", suffix="", dir=where)
        os.close(fd)
        os.unlink(path)
        names.append(os.path.basename(path))
    return names


timer = time.perf_counter()
pools = {name: draw_names(module, POOL) for name, module in IMPLEMENTATIONS.items()}
print(f"{POOL * len(pools)} names in {time.perf_counter() - timer:.1f} s")
for name, names in pools.items():
    print(f"{name:<10} e.g. {names[:4]}")

# %% [markdown]
# ## Alphabet and length

# %%
for name, names in pools.items():
    lengths = collections.Counter(len(n) for n in names)
    alphabet = "".join(sorted(set("".join(names))))
    print(f"{name:<10} lengths seen: {dict(lengths)}; {len(alphabet)} distinct characters: {alphabet}")

LENGTH = len(pools["stdlib"][0])
ALPHABET = sorted(set("".join(pools["stdlib"])))
SPACE = len(ALPHABET) ** LENGTH
print(f"\n{len(ALPHABET)} symbols ^ {LENGTH} positions = {SPACE:,} names = {math.log2(SPACE):.1f} bits")
print("lowercase letters, digits and underscore:",
      set(ALPHABET) == set(string.ascii_lowercase + string.digits + "_"))

# %% [markdown]
# Lower-case letters, digits and `_`: 37 symbols, none of which needs quoting in a shell
# or differs only by case (so names stay distinct on case-insensitive file systems).
# Eight of them give about 41.7 bits.
#
# Is every symbol equally likely? With 48,000 characters per implementation each symbol
# should appear about 1,300 times. For a uniform draw the chi-square statistic below
# lands near 36 (its degrees of freedom) and exceeds 75 in fewer than one run in five
# thousand.

# %%
fig, ax = plt.subplots(figsize=(8, 3))
width = 0.4
for offset, (name, names) in zip((-width / 2, width / 2), pools.items()):
    counts = collections.Counter("".join(names))
    observed = [counts.get(symbol, 0) for symbol in ALPHABET]
    expected = len(names) * LENGTH / len(ALPHABET)
    chi_square = sum((o - expected) ** 2 / expected for o in observed)
    print(f"{name:<10} chi-square = {chi_square:.1f} with {len(ALPHABET) - 1} degrees of freedom")
    ax.bar([i + offset for i in range(len(ALPHABET))], observed, width=width, label=name)
ax.axhline(POOL * LENGTH / len(ALPHABET), color="black", linestyle=":", label="uniform")
ax.set_xticks(range(len(ALPHABET)))
ax.set_xticklabels(ALPHABET, fontsize=7)
ax.set_ylabel("occurrences")
ax.set_title(f"How often each symbol appears in {POOL:,} names")
ax.legend(fontsize=8, loc="lower right")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Collisions: the birthday bound against measurement
#
# If names are drawn uniformly from `N` possibilities, the chance that `n` of them are
# all different is the product of `(1 - i/N)` for `i` below `n`, which is close to
# `exp(-n(n-1) / 2N)`. So a repeat becomes likely (50%) around `n = 1.18 * sqrt(N)`.
#
# For the real `N` of 3.5 trillion that is about 2.2 million names, far more than we
# want to create here. We can still *test* the bound: cut every name down to its first
# two or three characters (`N` = 1,369 or 50,653), take many groups of `n` names at
# random from the pool (300 groups for each `n`), and count the groups that contain a
# repeat. Picking from a finite pool rather than drawing fresh names lowers the chance
# of a repeat very slightly; with `n` at most a tenth of the pool the difference is
# too small to see.

# %%
def chance_of_repeat(n, space):
    return 1 - math.exp(-n * (n - 1) / (2 * space))


GROUPS = 300
picker = random.Random(6)   # fixed, so the picture repeats; the names themselves are fresh each run


def measured_repeats(names, n, keep):
    groups = [picker.sample(names, n) for _ in range(GROUPS)]
    hits = sum(len({name[:keep] for name in group}) < n for group in groups)
    return hits / GROUPS


EXPERIMENTS = {2: range(5, 121, 5), 3: range(25, 601, 25)}
fig, axes = plt.subplots(1, 2, figsize=(9, 3.4))
for ax, (keep, sizes) in zip(axes, EXPERIMENTS.items()):
    space = len(ALPHABET) ** keep
    ax.plot(sizes, [chance_of_repeat(n, space) for n in sizes], color="black", label="birthday bound")
    for name, names in pools.items():
        ax.plot(sizes, [measured_repeats(names, n, keep) for n in sizes], "o", markersize=3, label=name)
    ax.set_title(f"first {keep} characters: N = {space:,}", fontsize=9)
    ax.set_xlabel("names per group (n)")
axes[0].set_ylabel("groups with a repeat")
axes[0].legend(fontsize=8)
fig.tight_layout()
plt.show()

for name, names in pools.items():
    print(f"{name:<10} full-name repeats in the pool of {POOL}: {POOL - len(set(names))}")
print(f"birthday bound for a repeat among {POOL} full names: {chance_of_repeat(POOL, SPACE):.1e}")
print(f"names needed for a 50% chance of one repeat: {1.1774 * math.sqrt(SPACE):,.0f}")

# %% [markdown]
# Measurement follows the curve. And a collision of full names is harmless anyway:
# creation is exclusive (notebook 1), so a repeated name only costs one more attempt.
# Randomness here is about *not wasting attempts* and *not being guessable*, not about
# correctness.

# %% [markdown]
# ## Why the seed matters: predicting names from a time-seeded generator
#
# Suppose someone writes their own name generator and seeds it with the clock, a
# mistake that is easy to make and was common in real software. An attacker who knows
# roughly when the program started (a log line, a file's timestamp, `ps`) simply tries
# every second in a window, regenerates the first name, and compares it with one name
# it observed. Once the seed is found, **every later name is known in advance**: exactly
# the situation that made the attack in notebook 1 win.

# %%
SYMBOLS = "abcdefghijklmnopqrstuvwxyz0123456789_"


def naive_names(rng, count):
    return ["".join(rng.choice(SYMBOLS) for _ in range(8)) for _ in range(count)]


victim_seed = int(time.time()) - random.Random().randrange(30)   # "started some time in the last 30 s"
victim_rng = random.Random(victim_seed)
first_seen = naive_names(victim_rng, 1)[0]                      # one name the attacker observed

timer = time.perf_counter()
now = int(time.time())
recovered = next(seed for seed in range(now - 60, now + 1)
                 if naive_names(random.Random(seed), 1)[0] == first_seen)
predicted = naive_names(random.Random(recovered), 6)[1:]
actual = naive_names(victim_rng, 5)
print(f"seed found by trying 61 seconds in {1000 * (time.perf_counter() - timer):.1f} ms")
print("predicted next names:", predicted)
print("actual next names:   ", actual)
print("all predicted correctly:", predicted == actual)

# %% [markdown]
# A generator created with no seed argument, as `tempfile` does, is seeded from the
# operating system's random source (`os.urandom`), so there is no small window of
# seeds to search. One honest caveat: `random.Random` is a Mersenne Twister, which is
# *not* a cryptographically secure generator; with enough observed output its state can
# in principle be reconstructed. The names only expose part of each draw, and, more
# importantly, the security of `mkstemp()` does not rest on names being secret: an
# attacker who guesses a name can only make one creation attempt fail. Unpredictability
# keeps that nuisance rare; exclusive creation is what keeps you safe.

# %% [markdown]
# ## Across `fork()`
#
# A forked child starts with a copy of its parent's memory, *including the state of any
# random generator*. If both then continued the same sequence, they would try the same
# names in the same order, and every creation in one of them would first collide with
# the other. `tempfile` notices that the process id has changed and builds a fresh
# generator in the child. A naively kept private generator does not.
#
# The experiment runs in a child interpreter (forking a notebook kernel, which runs
# background threads, is asking for trouble). That interpreter draws a few names, then
# forks; parent and child each draw five more, from `tempfile`/`reference` and from a
# private `random.Random()` instance created before the fork.

# %%
FORK_SCRIPT = '''
import json, os, random, sys
import {module} as m

where = sys.argv[1]
SYMBOLS = "abcdefghijklmnopqrstuvwxyz0123456789_"


def module_names(count):
    names = []
    for _ in range(count):
        fd, path = m.mkstemp(prefix="", dir=where)
        os.close(fd)
        os.unlink(path)
        names.append(os.path.basename(path))
    return names


def private_names(rng, count):
    return ["".join(rng.choice(SYMBOLS) for _ in range(8)) for _ in range(count)]


module_names(3)                 # the module's generator exists before the fork
private = random.Random()       # so does our private one (seeded from os.urandom)
read_end, write_end = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(read_end)
    found = {{"module": module_names(5), "private": private_names(private, 5)}}
    os.write(write_end, json.dumps(found).encode())
    os._exit(0)
os.close(write_end)
parent = {{"module": module_names(5), "private": private_names(private, 5)}}
with os.fdopen(read_end, "rb") as pipe:
    child = json.loads(pipe.read())
os.waitpid(pid, 0)
print(json.dumps({{"parent": parent, "child": child}}))
'''

for module_name in ("tempfile", "reference"):
    proc = subprocess.run([sys.executable, "-c", FORK_SCRIPT.format(module=module_name), SCRATCH],
                          capture_output=True, text=True, timeout=60, check=True)
    seen = json.loads(proc.stdout)
    for source in ("module", "private"):
        parent, child = seen["parent"][source], seen["child"][source]
        label = f"{module_name}.mkstemp" if source == "module" else "private random.Random"
        print(f"{label:<24} parent {parent[:3]}  child {child[:3]}  identical: {parent == child}")

# %% [markdown]
# The module's names differ between parent and child; the private generator's names are
# identical, name for name. (Python's *module-level* `random` functions are reseeded in
# a forked child since 3.7; a `random.Random` instance of your own is not. Another
# reason not to roll your own name generator.)

# %% [markdown]
# ## What this run measured
#
# The figures the summary relies on, from the names drawn above.

# %%
names_for_even_odds = 1.18 * math.sqrt(SPACE)  # where a repeat becomes 50% likely
print(f"random part: {LENGTH} characters from {len(ALPHABET)} symbols = {math.log2(SPACE):.1f} bits; "
      f"a 50% chance of any repeat needs about {names_for_even_odds / 1e6:.1f} million names")

# %%
shutil.rmtree(SCRATCH)
print("scratch removed:", not os.path.exists(SCRATCH))

# %% [markdown]
# ## Summary
#
# * The random part of a name is a fixed number of characters from a small alphabet
#   (lower-case letters, digits, `_`); the line above gives this run's length, alphabet
#   size and bits, and the symbols come out uniformly.
# * The birthday bound predicts repeats well: measured on truncated names it matches
#   the curve; for full names a repeat becomes likely only after the millions of names
#   printed above.
# * A clock-seeded generator is predictable in milliseconds; `tempfile`'s generator is
#   seeded from the OS, and safety comes from exclusive creation anyway.
# * After `fork()` the parent and child draw different names from `tempfile` (and from
#   the reference), whereas a private generator copied by the fork repeats itself.
