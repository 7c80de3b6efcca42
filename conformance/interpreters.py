"""``--python``: run the suite under another interpreter, in a cached virtual environment.

``--python 3.9`` means pyenv's newest 3.9.x, ``--python pypy3`` a command on
PATH, anything with a slash a path.  The environment lives in
``~/.cache/tempfile-conformance/venvs/<impl>-<version>-<hash>``, the hash
taken over the project's version and requirements.  The project itself is
installed from a copy of its source files (not editable, as a fresh clone
would install it) and reinstalled whenever a hash of those files (spec,
reference, conformance, pyproject.toml) changes.  The child run writes JSON;
the caller renders it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, Tuple

from conformance.harness.scratch import harness_tmp_root, make_scratch, remove_untrusted_tree

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.9 and 3.10
    import tomli as tomllib

# Installed next to the project, so `pytest -n` works in the environment too.
EXTRA_REQUIREMENTS = ("pytest-xdist>=3",)
# The project is installed without build isolation (fast reinstalls), so the
# environment carries the build backend itself.
BUILD_REQUIREMENTS = ("setuptools>=61", "wheel")
PROJECT_PARTS = ("spec", "reference", "conformance")
PROJECT_FILES = ("pyproject.toml", "README.md")
MIN_VERSION = (3, 9)

# The child imports the installed project first and the caller's directory last,
# so a target module sitting in the caller's directory is still importable.
_BOOT = ("import runpy, sys; cwd = sys.path.pop(0); sys.path.append(cwd); "
         "runpy.run_module('conformance', run_name='__main__', alter_sys=True)")


class InterpreterError(Exception):
    """The interpreter cannot be found, prepared or run; one line for the user."""


@dataclass(frozen=True)
class Interpreter:
    """A Python found on this machine."""

    executable: str
    implementation: str  # sys.implementation.name
    version: str  # platform.python_version()
    version_info: Tuple[int, int]

    @property
    def label(self) -> str:
        return f"{self.implementation} {self.version}"


def progress(message: str) -> None:
    """Progress for the person waiting, on stderr."""
    sys.stderr.write(f"[--python] {message}\n")
    sys.stderr.flush()


def pyenv_root() -> Optional[Path]:
    """Where pyenv keeps its versions, if pyenv is here."""
    if os.environ.get("PYENV_ROOT"):
        return Path(os.environ["PYENV_ROOT"])
    pyenv = shutil.which("pyenv")
    if pyenv:
        found = subprocess.run([pyenv, "root"], capture_output=True, text=True)
        if found.returncode == 0 and found.stdout.strip():
            return Path(found.stdout.strip())
    default = Path.home() / ".pyenv"
    return default if default.is_dir() else None


def _pyenv_python(version: str) -> Optional[str]:
    root = pyenv_root()
    if root is None or not (root / "versions").is_dir():
        return None
    pattern = re.compile(rf"^{re.escape(version)}\.(\d+)$")
    patches = []
    for entry in (root / "versions").iterdir():
        match = pattern.match(entry.name)
        if match and (entry / "bin" / "python").exists():
            patches.append((int(match.group(1)), entry / "bin" / "python"))
    return str(max(patches)[1]) if patches else None


def find_interpreter(spec: str) -> str:
    """Turn ``3.9`` / ``pypy3`` / ``/path/to/python`` into an executable path."""
    if re.fullmatch(r"3\.\d{1,2}", spec):
        found = _pyenv_python(spec) or shutil.which(f"python{spec}")
        if found is None:
            raise InterpreterError(f"no Python {spec} found (looked in pyenv's versions and PATH)")
        return found
    if os.sep in spec:
        if not (os.path.isfile(spec) and os.access(spec, os.X_OK)):
            raise InterpreterError(f"{spec!r} is not an executable file")
        return os.path.abspath(spec)
    found = shutil.which(spec)
    if found is None:
        raise InterpreterError(f"no interpreter called {spec!r} on PATH")
    return found


_PROBE = ("import platform, sys; print(sys.implementation.name); print(platform.python_version()); "
          "print(sys.version_info[0], sys.version_info[1])")


def probe(executable: str) -> Interpreter:
    """Ask the interpreter what it is; refuse anything older than 3.9."""
    try:
        out = subprocess.run([executable, "-c", _PROBE], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InterpreterError(f"cannot run {executable}: {exc}") from None
    lines = out.stdout.split("\n")
    if out.returncode != 0 or len(lines) < 3:
        raise InterpreterError(f"{executable} does not look like a Python interpreter")
    major, minor = (int(x) for x in lines[2].split())
    if (major, minor) < MIN_VERSION:
        raise InterpreterError(f"{executable} is Python {lines[1]}; the suite needs 3.9 or newer")
    return Interpreter(executable, lines[0].strip(), lines[1].strip(), (major, minor))


def project_root() -> Path:
    """The source tree this package was loaded from (it must hold pyproject.toml)."""
    root = Path(__file__).resolve().parent.parent
    if not (root / "pyproject.toml").is_file() or not (root / "spec" / "clauses").is_dir():
        raise InterpreterError("--python needs the project's source tree (run from a clone, "
                               f"not an installed copy; looked in {root})")
    return root


def source_files(root: Path) -> Iterator[Path]:
    """The project's own files that an install copies, relative to ``root``, sorted."""
    for name in PROJECT_FILES:
        if (root / name).is_file():
            yield Path(name)
    for part in PROJECT_PARTS:
        for path in sorted((root / part).rglob("*")):
            rel = path.relative_to(root)
            if path.is_file() and "__pycache__" not in rel.parts and path.suffix not in (".pyc", ".pyo"):
                yield rel


def tree_digest(root: Path, files: Sequence[Path]) -> str:
    """A short hash of the project files' names and contents."""
    digest = hashlib.sha256()
    for rel in files:
        digest.update(str(rel).encode() + b"\0")
        digest.update((root / rel).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def requirements(root: Path) -> List[str]:
    """What the environment needs besides the project: its dependencies and build tools."""
    with (root / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    return list(BUILD_REQUIREMENTS) + list(project.get("dependencies", [])) + list(EXTRA_REQUIREMENTS)


def requirements_digest(root: Path) -> str:
    """A short hash of the project's version and requirements: it names the environment."""
    with (root / "pyproject.toml").open("rb") as handle:
        version = str(tomllib.load(handle)["project"].get("version", ""))
    return hashlib.sha256("\n".join([version, *requirements(root)]).encode()).hexdigest()[:12]


def cache_dir() -> Path:
    """Where the prepared environments live ($XDG_CACHE_HOME honoured)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "tempfile-conformance" / "venvs"


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / "python"


def _run_step(what: str, command: List[str], **kwargs) -> None:
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        tail = " | ".join(ln.strip() for ln in (done.stderr or done.stdout).strip().splitlines()[-3:])
        raise InterpreterError(f"{what} failed (exit {done.returncode}): {tail}")


def _stage_sources(root: Path, files: Sequence[Path], into: Path) -> None:
    for rel in files:
        (into / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / rel, into / rel)


def _create(interp: Interpreter, venv: Path, root: Path) -> None:
    """A new environment holding the project's requirements (not the project yet)."""
    if venv.exists():
        remove_untrusted_tree(str(venv), str(venv.parent))  # a half-built one from an interrupted run
    progress(f"creating a virtual environment at {venv}")
    _run_step("creating the virtual environment", [interp.executable, "-m", "venv", str(venv)])
    progress("installing the dependencies (pip; first time only) ...")
    _run_step("pip install of the dependencies",
              [str(_venv_python(venv)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
               *requirements(root)])
    (venv / ".ready").write_text(json.dumps({"interpreter": interp.executable}) + "\n")


def _install_project(venv: Path, root: Path, files: Sequence[Path], digest: str) -> None:
    """(Re)install this source tree, from a copy of its files, as a fresh clone would."""
    staging = make_scratch(harness_tmp_root(), "src")
    try:
        _stage_sources(root, files, Path(staging))
        progress(f"installing this source tree ({digest}) ...")
        _run_step("pip install of the project",
                  [str(_venv_python(venv)), "-m", "pip", "install", "--quiet",
                   "--disable-pip-version-check", "--no-deps", "--no-build-isolation",
                   "--force-reinstall", staging])
    finally:
        remove_untrusted_tree(staging, harness_tmp_root())
    (venv / ".project").write_text(digest + "\n")


@contextlib.contextmanager
def prepared_venv(interp: Interpreter) -> Iterator[Path]:
    """A ready environment for ``interp`` with this source tree installed; yields its python.

    The lock is exclusive while the environment is built or the project
    reinstalled, then shared while the caller runs: another run may use the same
    environment at the same time, but none reinstalls it under a running suite.
    """
    root = project_root()
    files = list(source_files(root))
    prefix = f"{interp.implementation}-{interp.version}-"
    venv = cache_dir() / (prefix + requirements_digest(root))
    venv.parent.mkdir(parents=True, exist_ok=True)
    progress(f"preparing venv for {interp.label} ({interp.executable})")
    with open(venv.parent / (prefix + "lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ((venv / ".ready").is_file() and _venv_python(venv).exists()):
            _create(interp, venv, root)
            for stale in venv.parent.glob(prefix + "*"):  # older requirement sets
                if stale.is_dir() and stale != venv:
                    remove_untrusted_tree(str(stale), str(venv.parent))
        digest = tree_digest(root, files)
        installed = (venv / ".project").read_text().strip() if (venv / ".project").exists() else ""
        if installed == digest:
            progress(f"reusing {venv}")
        else:
            _install_project(venv, root, files, digest)
        fcntl.flock(lock, fcntl.LOCK_SH)
        yield _venv_python(venv)


def run_elsewhere(spec: str, argv: Sequence[str]) -> dict:
    """Run ``python -m conformance ARGV`` under interpreter ``spec``; return its result document."""
    interp = probe(find_interpreter(spec))
    scratch = make_scratch(harness_tmp_root(), "run")
    output = os.path.join(scratch, "result.json")
    try:
        with prepared_venv(interp) as python:
            progress(f"running the suite under {interp.label} ...")
            command = [str(python), "-c", _BOOT, *argv, "--format", "json", "--output", output]
            done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if done.returncode == 2 or not os.path.isfile(output):
            lines = [ln for ln in done.stderr.strip().splitlines() if ln.strip()]
            last = lines[-1] if lines else f"exit status {done.returncode}, no output"
            last = last.replace("python -m conformance: error: ", "")
            raise InterpreterError(f"under {interp.label}: {last}")
        with open(output, encoding="utf-8") as handle:
            return json.load(handle)
    finally:
        remove_untrusted_tree(scratch, harness_tmp_root())
