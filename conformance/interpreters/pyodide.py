"""``--python pyodide``: the suite inside Pyodide (CPython 3.14 compiled to WebAssembly) under Node.js.

Everything it needs lives in one cache folder per Pyodide release,
``<cache_root>/pyodide-<version>/`` (see :func:`.base.cache_root`):

* ``npm/``      the pinned npm package ``pyodide``, installed with the machine's npm on first use;
* ``wheels/``   the suite's dependencies, fetched with pip for Pyodide's platform tag
                (read from the package's ``pyodide-lock.json``);
* ``site/``     those wheels unpacked (Pyodide's own installer needs the network);
* ``pycache/``  byte code compiled inside Pyodide, so warm runs skip compiling.

The run mounts the project's source tree, the cache and an output folder
into Pyodide's in-memory file system with ``mountNodeFS``, each at its own
host path; the tests themselves make their files in Pyodide's own ``/tmp``.
:mod:`.pyodide_driver` (Node) and :mod:`.pyodide_inside` (the first Python to
run in there) together behave like a ``python`` command, so the interpreter
layer starts Pyodide as it starts any other Python.  Progress lines come
through on stderr.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import ContextManager, Iterator, List, Optional, Sequence, Tuple

from conformance.harness.scratch import remove_untrusted_tree
from conformance.interpreters.base import Environ, Interpreter, InterpreterError, Launch, Provider, cache_root

PYODIDE_VERSION = "314.0.8"  # the npm package, pinned
PYODIDE_PYTHON = (3, 14, 2)  # the CPython inside it (its pyodide-lock.json says so; checked on install)
HERE = Path(__file__).resolve().parent
DRIVER = HERE / "pyodide_driver.mjs"
INSIDE = HERE / "pyodide_inside.py"
PROJECT_ROOT = HERE.parent.parent


def progress(message: str) -> None:
    """Progress for the person waiting, on stderr."""
    sys.stderr.write(f"[--python pyodide] {message}\n")
    sys.stderr.flush()


def node_tools(environ: Environ) -> Tuple[str, str]:
    """The paths of ``node`` and ``npm``; a one-line error when either is missing."""
    found = [shutil.which(tool, path=environ.get("PATH")) for tool in ("node", "npm")]
    missing = [tool for tool, path in zip(("node", "npm"), found) if path is None]
    if missing:
        raise InterpreterError(f"--python pyodide needs Node.js: {' and '.join(missing)} not found on PATH")
    return found[0], found[1]  # type: ignore[return-value]


def pyodide_cache(environ: Environ) -> Path:
    """This Pyodide release's cache folder."""
    return cache_root(environ) / f"pyodide-{PYODIDE_VERSION}"


def _run_step(what: str, command: List[str], **kwargs) -> None:
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        tail = " | ".join(ln.strip() for ln in (done.stderr or done.stdout).strip().splitlines()[-3:])
        raise InterpreterError(f"{what} failed (exit {done.returncode}): {tail}")


def ensure_npm_package(root: Path, npm: str) -> Path:
    """The folder holding ``pyodide.mjs``, installed with npm the first time."""
    package = root / "npm" / "node_modules" / "pyodide"
    if not ((package / "pyodide.mjs").is_file() and (package / "pyodide-lock.json").is_file()):
        (root / "npm").mkdir(parents=True, exist_ok=True)
        (root / "npm" / "package.json").write_text('{"private": true}\n')
        progress(f"installing the npm package pyodide@{PYODIDE_VERSION} (first time only) ...")
        _run_step("npm install", [npm, "install", "--no-audit", "--no-fund", "--ignore-scripts",
                                  f"pyodide@{PYODIDE_VERSION}"], cwd=root / "npm")
    python = lock_info(package)["python"]
    if tuple(int(part) for part in python.split(".")[:3]) != PYODIDE_PYTHON:
        raise InterpreterError(f"pyodide@{PYODIDE_VERSION} holds Python {python}, not "
                               f"{'.'.join(map(str, PYODIDE_PYTHON))}: update PYODIDE_PYTHON with the pin")
    return package


def lock_info(package: Path) -> dict:
    """The ``info`` table of the package's ``pyodide-lock.json`` (Python version, ABI, arch)."""
    return json.loads((package / "pyodide-lock.json").read_text())["info"]


def platform_tags(info: dict) -> dict:
    """pip's view of Pyodide's platform, from the lock file's ``info``."""
    major, minor = info["python"].split(".")[:2]
    return {"python_version": f"{major}.{minor}", "abi": f"cp{major}{minor}",
            "platform": f"pyemscripten_{info['abi_version']}_{info['arch']}"}


def suite_requirements() -> List[str]:
    """What the suite needs inside Pyodide: the project's own dependencies."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - 3.9 and 3.10
        import tomli as tomllib
    with (PROJECT_ROOT / "pyproject.toml").open("rb") as handle:
        return list(tomllib.load(handle)["project"]["dependencies"])


def pip_download_command(tags: dict, wanted: Sequence[str], dest: Path) -> List[str]:
    """pip asked for wheels of Pyodide's platform only (pure-Python ones are ``any``)."""
    return [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
            "--only-binary=:all:", "--implementation", "cp", "--python-version", tags["python_version"],
            "--abi", tags["abi"], "--platform", tags["platform"], "--platform", "any",
            "--dest", str(dest), *wanted]


def ensure_site(root: Path, package: Path) -> Path:
    """The suite's wheels for Pyodide's platform, fetched with pip and unpacked (first time only)."""
    tags = platform_tags(lock_info(package))
    wanted = suite_requirements()
    digest = hashlib.sha256(json.dumps([tags, wanted]).encode()).hexdigest()[:12]
    site = root / "site"
    if (site / ".ready").is_file() and (site / ".ready").read_text().strip() == digest:
        return site
    progress(f"fetching wheels for {tags['platform']} with pip (first time only) ...")
    _run_step("pip download of the suite's wheels", pip_download_command(tags, wanted, root / "wheels"))
    if site.exists():  # half-built by an interrupted run
        remove_untrusted_tree(str(site), str(site.parent))
    site.mkdir()
    for wheel in sorted((root / "wheels").glob("*.whl")):
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(site)
    (site / ".ready").write_text(digest + "\n")
    return site


@contextlib.contextmanager
def prepared(environ: Environ) -> Iterator[Path]:
    """The cache folder, prepared under an exclusive lock, then held shared while a run uses it."""
    npm = node_tools(environ)[1]
    root = pyodide_cache(environ)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ensure_site(root, ensure_npm_package(root, npm))
        (root / "pycache").mkdir(exist_ok=True)
        fcntl.flock(lock, fcntl.LOCK_SH)
        yield root


def launch_prefix(node: str, root: Path, mounts: Sequence[str]) -> List[str]:
    """The argv prefix that acts as ``python`` inside Pyodide, the project importable.

    ``mounts`` (host folders) appear at the same paths inside, with the project's
    source tree and the cache, so a path on the command line means the same file.
    """
    config = {
        "pyodide": str(root / "npm" / "node_modules" / "pyodide") + "/",
        "mounts": [str(PROJECT_ROOT), str(root), *mounts],
        # The suite's knobs (CONFORMANCE_HYPOTHESIS, CONFORMANCE_DEBUG, ...) reach it inside.
        "env": {k: v for k, v in os.environ.items() if k.startswith("CONFORMANCE_")},
        "prelude": [str(INSIDE), "--site", str(root / "site"), "--pycache", str(root / "pycache"),
                    "--path", str(PROJECT_ROOT)],
    }
    return [node, str(DRIVER), json.dumps(config)]


class PyodideProvider(Provider):
    """Pyodide under Node.js: ``--python pyodide`` (or ``pyodide:314.0.8``), one matrix column."""

    name = "pyodide"

    def _interpreter(self, environ: Environ) -> Interpreter:
        return Interpreter("cpython", PYODIDE_PYTHON, node_tools(environ)[0], self.name,
                           spec=self.name, root=str(pyodide_cache(environ)), platform="emscripten")

    def discover(self, environ: Environ) -> List[Interpreter]:
        try:
            return [self._interpreter(environ)]  # installed on first use, so a fresh clone has it too
        except InterpreterError:
            return []  # no Node.js here: no column

    def resolve(self, rest: str, environ: Environ) -> Optional[Interpreter]:
        if rest not in ("", PYODIDE_VERSION):
            raise InterpreterError(f"pyodide:{rest}: this project pins pyodide {PYODIDE_VERSION}")
        return self._interpreter(environ)

    def command(self, interp: Interpreter, argv: Sequence[str]) -> List[str]:
        with prepared(os.environ) as root:
            return [*launch_prefix(interp.executable, root, []), *argv]

    def prepare(self, interp: Interpreter, scratch: str) -> ContextManager[Launch]:
        return _launch(interp, scratch)


@contextlib.contextmanager
def _launch(interp: Interpreter, scratch: str) -> Iterator[Launch]:
    with prepared(os.environ) as root:
        progress(f"Pyodide {PYODIDE_VERSION} ready in {root}")
        yield Launch(tuple(launch_prefix(interp.executable, root, [scratch])))
