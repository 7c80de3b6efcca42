"""Building a Debian root: a minimal tree of a Debian suite holding its Pythons and pytest.

``debootstrap --variant=minbase`` fetches the suite from the mirror this
machine's apt already uses (``/etc/apt/sources.list*``, or
``$CONFORMANCE_DEBIAN_MIRROR``) into
``<cache>/debian/<suite>/root`` (about 460 MB, 1.5-3 minutes cold).  The root is
built once and reused; ``--rebuild`` replaces it.  It is never entered with
chroot: :mod:`conformance.sandbox` runs its interpreters through ``bwrap``.

Build one by hand (progress on stderr; exit 2 with one line when debootstrap,
bwrap or the mirror is missing) with :mod:`.build_root`::

    python -m conformance.interpreters.build_root [--suite forky] [--rebuild]

A suite moves: the root records what it was built from (``root.json``: the
suite's Release date, the package versions), and the matrix reports a column's
exact release, so a new patch release shows up as a new version, not as noise.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence

from conformance import sandbox
from conformance.interpreters.base import Environ, InterpreterError, cache_root

DEFAULT_SUITE = "forky"
# What each root holds: the interpreters the matrix judges, and Debian's own test tools.
PACKAGES = ("python3.14", "python3.15", "pypy3", "python3-pytest")
KEYRING = Path("/usr/share/keyrings/debian-archive-keyring.gpg")
SCRIPTS = Path("/usr/share/debootstrap/scripts")
# A suite newer than the installed debootstrap knows is built with the unstable script.
FALLBACK_SCRIPT = "sid"
SOURCES = (Path("/etc/apt/sources.list"), Path("/etc/apt/sources.list.d"))
RECORD = "root.json"
_SUITE = re.compile(r"^[a-z][a-z0-9-]*$")
# debootstrap's per-package lines: counted, and shown only now and then.
_PER_PACKAGE = re.compile(r"^I: (Retrieving|Validating|Extracting|Unpacking|Configuring) ")
SHOW_EVERY = 40


def progress(message: str) -> None:
    """Progress for the person waiting, on stderr."""
    sys.stderr.write(f"[debian] {message}\n")
    sys.stderr.flush()


def check_suite(suite: str) -> str:
    """``suite`` if it is a plausible suite name, else a one-line error."""
    if not _SUITE.match(suite):
        raise InterpreterError(f"{suite!r} is not a Debian suite name (e.g. forky, sid, trixie)")
    return suite


def suite_dir(suite: str, environ: Optional[Environ] = None) -> Path:
    """Where one suite's root and its records live."""
    return cache_root(environ) / "debian" / check_suite(suite)


def root_path(suite: str, environ: Optional[Environ] = None) -> Path:
    """The root of ``suite`` (it may not be built yet)."""
    return suite_dir(suite, environ) / "root"


def is_built(suite: str, environ: Optional[Environ] = None) -> bool:
    """Has ``suite``'s root been built completely?"""
    return (suite_dir(suite, environ) / RECORD).is_file() and root_path(suite, environ).is_dir()


def built_suites(environ: Optional[Environ] = None) -> List[str]:
    """Every suite with a complete root in the cache."""
    where = cache_root(environ) / "debian"
    if not where.is_dir():
        return []
    return sorted(d.name for d in where.iterdir() if _SUITE.match(d.name) and is_built(d.name, environ))


def _source_files() -> Iterator[Path]:
    for place in SOURCES:
        if place.is_file():
            yield place
        elif place.is_dir():
            yield from sorted(p for p in place.iterdir() if p.suffix in (".list", ".sources"))


def _archive_uris(text: str) -> Iterator[str]:
    """The URIs of ``deb`` entries, one-line (``deb URI suite``) or deb822 (``URIs:``) style."""
    deb822_types = ""
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("Types:"):
            deb822_types = line
        elif line.startswith("URIs:") and "deb" in deb822_types.split():
            yield from line.split()[1:]
        elif line.startswith("deb "):
            yield next(part for part in line.split()[1:] if not part.startswith("["))


def find_mirror(environ: Optional[Environ] = None) -> str:
    """The Debian archive mirror apt uses here (not a security or third-party one)."""
    env = os.environ if environ is None else environ
    if env.get("CONFORMANCE_DEBIAN_MIRROR"):
        return env["CONFORMANCE_DEBIAN_MIRROR"]
    for path in _source_files():
        try:
            uris = list(_archive_uris(path.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
        for uri in uris:
            if uri.rstrip("/").endswith("/debian"):
                return uri
    raise InterpreterError("no Debian mirror in /etc/apt/sources.list*: set CONFORMANCE_DEBIAN_MIRROR "
                           "to one (e.g. http://deb.debian.org/debian)")


def _find_debootstrap(environ: Environ) -> Optional[str]:
    """$CONFORMANCE_DEBOOTSTRAP, else debootstrap on PATH or in /usr/sbin (root's PATH may lack it)."""
    if environ.get("CONFORMANCE_DEBOOTSTRAP"):
        named = environ["CONFORMANCE_DEBOOTSTRAP"]
        return named if os.access(named, os.X_OK) else None
    return shutil.which("debootstrap", path=environ.get("PATH")) or next(
        (p for p in ("/usr/sbin/debootstrap", "/sbin/debootstrap") if os.access(p, os.X_OK)), None)


def _require_tools(environ: Environ) -> str:
    """debootstrap's path; the one-line error when a tool the root needs is missing."""
    debootstrap = _find_debootstrap(environ)
    if debootstrap is None:
        raise InterpreterError("debootstrap is not installed (apt-get install debootstrap): "
                               "it builds the Debian root")
    if not sandbox.available():
        raise InterpreterError("bwrap cannot run here (apt-get install bubblewrap): a Debian root's "
                               "interpreters run only inside it")
    if os.geteuid() != 0:
        raise InterpreterError("building a Debian root needs root (debootstrap unpacks packages as root)")
    return debootstrap


def debootstrap_command(debootstrap: str, suite: str, target: Path, mirror: str,
                        debs: Optional[Path] = None) -> List[str]:
    """The debootstrap call that builds ``suite`` into ``target`` (keeping the .debs in ``debs``)."""
    command = [debootstrap, "--variant=minbase", "--include=" + ",".join(PACKAGES)]
    if debs is not None:  # a rebuild downloads only what changed
        command.append(f"--cache-dir={debs}")
    if KEYRING.is_file():
        command.append(f"--keyring={KEYRING}")
    command += [suite, str(target), mirror]
    if not (SCRIPTS / suite).exists():
        command.append(str(SCRIPTS / FALLBACK_SCRIPT))
    return command


def _stream(process: subprocess.Popen) -> List[str]:
    """Relay debootstrap's progress compactly; return its last lines for an error message."""
    counted: Dict[str, int] = {}
    tail: List[str] = []
    assert process.stdout is not None
    for raw in process.stdout:
        line = raw.rstrip()
        tail = (tail + [line])[-5:]
        per_package = _PER_PACKAGE.match(line)
        if per_package:
            stage = per_package.group(1)
            counted[stage] = counted.get(stage, 0) + 1
            if counted[stage] % SHOW_EVERY == 1:
                progress(f"{stage.lower()} packages ({counted[stage]} so far) ...")
        elif line.startswith(("I:", "W:", "E:")):
            progress(line[3:])
    return tail


def _package_versions(root: Path, names: Sequence[str]) -> Dict[str, str]:
    """Installed versions of ``names``, read from the root's dpkg database."""
    versions: Dict[str, str] = {}
    package = ""
    status = root / "var" / "lib" / "dpkg" / "status"
    for line in status.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("Package: "):
            package = line.split(": ", 1)[1]
        elif line.startswith("Version: ") and package in names:
            versions[package] = line.split(": ", 1)[1]
    return versions


def build_root(suite: str = DEFAULT_SUITE, *, rebuild: bool = False,
               environ: Optional[Environ] = None) -> Path:
    """Build (or, with ``rebuild``, replace) ``suite``'s root; return it.  Raises InterpreterError."""
    home = suite_dir(suite, environ)
    home.mkdir(parents=True, exist_ok=True)
    with open(home / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder at a time; the others then find it built
        if is_built(suite, environ) and not rebuild:
            return root_path(suite, environ)
        env = os.environ if environ is None else environ
        debootstrap, mirror = _require_tools(env), find_mirror(env)
        partial = home / "root.partial"
        for stale in (partial, home / RECORD):
            if stale.is_dir():
                shutil.rmtree(stale)
            elif stale.exists():
                stale.unlink()
        progress(f"building a {suite} root from {mirror} into {partial.parent} (a few minutes) ...")
        started = time.monotonic()
        (home / "debs").mkdir(exist_ok=True)
        process = subprocess.Popen(debootstrap_command(debootstrap, suite, partial, mirror, home / "debs"),
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   stdin=subprocess.DEVNULL)
        tail = _stream(process)
        if process.wait() != 0:
            last = next((ln for ln in reversed(tail) if ln.startswith("E:")), tail[-1] if tail else "")
            raise InterpreterError(f"debootstrap of {suite} failed (exit {process.returncode}): {last}")
        root = root_path(suite, environ)
        if root.exists():
            shutil.rmtree(root)
        partial.rename(root)
        (home / "work").mkdir(exist_ok=True)  # where probes of the root may write
        built = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        record = {"suite": suite, "mirror": mirror, "built": built,
                  "seconds": round(time.monotonic() - started, 1),
                  "packages": _package_versions(root, PACKAGES)}
        (home / RECORD).write_text(json.dumps(record, indent=2) + "\n")
        progress(f"{suite} root ready in {record['seconds']} s: {root}")
        return root
