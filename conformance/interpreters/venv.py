"""The cached virtual environment an interpreter runs the suite in (the providers' default).

The environment lives in ``$XDG_CACHE_HOME/tempfile-conformance/venvs/<impl>-<version>-<hash>``,
the hash taken over the project's version and requirements.  The project itself is
installed from a copy of its source files (not editable, as a fresh clone would
install it) and reinstalled whenever a hash of those files (spec, reference,
conformance, pyproject.toml) changes.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import ContextManager, Dict, Iterator, List, Sequence, Tuple

from conformance.harness.scratch import harness_tmp_root, make_scratch, remove_untrusted_tree
from conformance.interpreters.base import Interpreter, InterpreterError, Launch, Provider, cache_root

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.9 and 3.10
    import tomli as tomllib

# Installed next to the project, so `pytest -n` works in the environment too.
EXTRA_REQUIREMENTS = ("pytest-xdist>=3",)
# The project is installed without build isolation (fast reinstalls), so the
# environment carries the build backend itself.
BUILD_REQUIREMENTS = ("setuptools>=61", "wheel")
# The newest releases that still run on a Python older than the project's own floor
# (pytest 8.4 and pytest-xdist 3.7 left 3.8 behind), pinned exactly so
# an old release's column is reproducible.  The project is a 3.9+ tool, yet it judges
# these versions: there it is installed with --ignore-requires-python.
LEGACY_PINS: Dict[Tuple[int, int], Tuple[str, ...]] = {
    (3, 8): ("pytest==8.3.5", "pytest-xdist==3.6.1"),
}
PROJECT_PARTS = ("spec", "reference", "conformance")
PROJECT_FILES = ("pyproject.toml", "README.md")


def progress(message: str) -> None:
    """Progress for the person waiting, on stderr."""
    sys.stderr.write(f"[--python] {message}\n")
    sys.stderr.flush()


def project_root() -> Path:
    """The source tree this package was loaded from; for an installed copy, one staged from it."""
    root = Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and (root / "spec" / "clauses").is_dir():
        return root
    from conformance.installed import stage_installed_project

    staged = make_scratch(harness_tmp_root(), "installed")
    atexit.register(remove_untrusted_tree, staged, harness_tmp_root())
    return stage_installed_project(Path(staged))


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


def requirements(root: Path, minor: Tuple[int, int] = (3, 99)) -> List[str]:
    """What an environment for Python ``minor`` needs besides the project: dependencies, build tools."""
    with (root / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    return (list(BUILD_REQUIREMENTS) + list(project.get("dependencies", [])) + list(EXTRA_REQUIREMENTS)
            + list(LEGACY_PINS.get(minor, ())))


def requirements_digest(root: Path, minor: Tuple[int, int] = (3, 99)) -> str:
    """A short hash of the project's version and requirements: it names the environment."""
    with (root / "pyproject.toml").open("rb") as handle:
        version = str(tomllib.load(handle)["project"].get("version", ""))
    return hashlib.sha256("\n".join([version, *requirements(root, minor)]).encode()).hexdigest()[:12]


def cache_dir() -> Path:
    """Where the prepared environments live (under the project's cache folder)."""
    return cache_root() / "venvs"


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
               *requirements(root, interp.minor)])
    (venv / ".ready").write_text(json.dumps({"interpreter": interp.executable}) + "\n")


def _install_project(interp: Interpreter, venv: Path, root: Path, files: Sequence[Path],
                     digest: str) -> None:
    """(Re)install this source tree, from a copy of its files, as a fresh clone would."""
    staging = make_scratch(harness_tmp_root(), "src")
    try:
        _stage_sources(root, files, Path(staging))
        progress(f"installing this source tree ({digest}) ...")
        legacy = ["--ignore-requires-python"] if interp.minor in LEGACY_PINS else []
        _run_step("pip install of the project",
                  [str(_venv_python(venv)), "-m", "pip", "install", "--quiet",
                   "--disable-pip-version-check", "--no-deps", "--no-build-isolation",
                   "--force-reinstall", *legacy, staging])
    finally:
        remove_untrusted_tree(staging, harness_tmp_root())
    (venv / ".project").write_text(digest + "\n")


@contextlib.contextmanager
def prepared_venv(interp: Interpreter) -> Iterator[str]:
    """A ready environment for ``interp`` with this source tree installed; yields its python.

    The lock is exclusive while the environment is built or the project
    reinstalled, then shared while the caller runs: another run may use the same
    environment at the same time, but none reinstalls it under a running suite.
    """
    root = project_root()
    files = list(source_files(root))
    prefix = f"{interp.implementation}-{interp.version_text}-"
    venv = cache_dir() / (prefix + requirements_digest(root, interp.minor))
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
            _install_project(interp, venv, root, files, digest)
        fcntl.flock(lock, fcntl.LOCK_SH)
        yield str(_venv_python(venv))



class VenvProvider(Provider):
    """A kind whose interpreters run the suite from a cached virtual environment (pyenv, paths, host, uv)."""

    def prepare(self, interp: Interpreter, scratch: str) -> ContextManager[Launch]:
        """``interp`` with a cached venv holding the project and its test requirements."""
        return _venv_launch(prepared_venv(interp))


@contextlib.contextmanager
def _venv_launch(prepared: ContextManager[str]) -> Iterator[Launch]:
    with prepared as python:
        yield Launch((str(python),))
