"""``--python pyodide``: the suite inside Pyodide (CPython 3.14 compiled to WebAssembly) under Node.js.

Everything it needs lives in one cache folder per Pyodide release,
``$XDG_CACHE_HOME/tempfile-conformance/pyodide-<version>/``:

* ``npm/``      the pinned npm package ``pyodide``, installed with the machine's npm on first use;
* ``wheels/``   the suite's dependencies, fetched with pip for Pyodide's platform tag
                (read from the package's ``pyodide-lock.json``);
* ``site/``     those wheels unpacked (Pyodide's own installer needs the network);
* ``pycache/``  byte code compiled inside Pyodide, so warm runs skip compiling.

The run mounts the project's source tree, the cache and an output folder
into Pyodide's in-memory file system with ``mountNodeFS``, each at its own
host path; the tests themselves make their files in Pyodide's own ``/tmp``.  Progress lines come
through on stderr; the JSON report is read back from the output folder.
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
from typing import Iterator, List, Sequence

from conformance.harness.scratch import harness_tmp_root, make_scratch, remove_untrusted_tree

PYODIDE_VERSION = "314.0.8"  # the npm package; its CPython is 3.14
HERE = Path(__file__).resolve().parent
DRIVER = HERE / "pyodide_driver.mjs"
INSIDE = HERE / "pyodide_inside.py"
PROJECT_ROOT = HERE.parent.parent


class PyodideError(Exception):
    """Pyodide cannot be prepared or run; one line for the user (exit status 2)."""


def progress(message: str) -> None:
    """Progress for the person waiting, on stderr."""
    sys.stderr.write(f"[--python pyodide] {message}\n")
    sys.stderr.flush()


def node_tools() -> tuple:
    """The paths of ``node`` and ``npm``; a one-line error when either is missing."""
    found = tuple(shutil.which(tool) for tool in ("node", "npm"))
    missing = [tool for tool, path in zip(("node", "npm"), found) if path is None]
    if missing:
        raise PyodideError(f"--python pyodide needs Node.js: {' and '.join(missing)} not found on PATH")
    return found


def cache_root() -> Path:
    """This Pyodide release's cache folder ($XDG_CACHE_HOME honoured)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "tempfile-conformance" / f"pyodide-{PYODIDE_VERSION}"


def _run_step(what: str, command: List[str], **kwargs) -> None:
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        tail = " | ".join(ln.strip() for ln in (done.stderr or done.stdout).strip().splitlines()[-3:])
        raise PyodideError(f"{what} failed (exit {done.returncode}): {tail}")


def ensure_npm_package(root: Path, npm: str) -> Path:
    """The folder holding ``pyodide.mjs``, installed with npm the first time."""
    package = root / "npm" / "node_modules" / "pyodide"
    if (package / "pyodide.mjs").is_file() and (package / "pyodide-lock.json").is_file():
        return package
    (root / "npm").mkdir(parents=True, exist_ok=True)
    (root / "npm" / "package.json").write_text('{"private": true}\n')
    progress(f"installing the npm package pyodide@{PYODIDE_VERSION} (first time only) ...")
    _run_step("npm install", [npm, "install", "--no-audit", "--no-fund", "--ignore-scripts",
                              f"pyodide@{PYODIDE_VERSION}"], cwd=root / "npm")
    return package


def platform_tags(package: Path) -> dict:
    """pip's view of Pyodide's platform, read from the package's lock file."""
    info = json.loads((package / "pyodide-lock.json").read_text())["info"]
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


def ensure_site(root: Path, package: Path) -> Path:
    """The suite's wheels for Pyodide's platform, fetched with pip and unpacked (first time only)."""
    tags = platform_tags(package)
    wanted = suite_requirements()
    digest = hashlib.sha256(json.dumps([tags, wanted]).encode()).hexdigest()[:12]
    site = root / "site"
    if (site / ".ready").is_file() and (site / ".ready").read_text().strip() == digest:
        return site
    wheels = root / "wheels"
    progress(f"fetching wheels for {tags['platform']} with pip (first time only) ...")
    _run_step("pip download of the suite's wheels",
              [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
               "--only-binary=:all:", "--implementation", "cp", "--python-version", tags["python_version"],
               "--abi", tags["abi"], "--platform", tags["platform"], "--platform", "any",
               "--dest", str(wheels), *wanted])
    if site.exists():
        remove_untrusted_tree(str(site), str(site.parent))
    site.mkdir()
    for wheel in sorted(wheels.glob("*.whl")):
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(site)
    (site / ".ready").write_text(digest + "\n")
    return site


@contextlib.contextmanager
def prepared() -> Iterator[Path]:
    """The cache folder, prepared under an exclusive lock, then held shared while a run uses it."""
    node_tools()
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        package = ensure_npm_package(root, node_tools()[1])
        ensure_site(root, package)
        (root / "pycache").mkdir(exist_ok=True)
        fcntl.flock(lock, fcntl.LOCK_SH)
        yield root


def launch_prefix(root: Path, mounts: Sequence[str]) -> List[str]:
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
    return [node_tools()[0], str(DRIVER), json.dumps(config)]


def forward_progress(command: List[str]) -> tuple:
    """Run the driver, passing its stderr through line by line; its exit status and last lines."""
    tail: List[str] = []
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True) as child:
        assert child.stderr is not None
        for line in child.stderr:
            sys.stderr.write(line)
            sys.stderr.flush()
            if line.strip():
                tail = (tail + [line.strip()])[-20:]
    return child.returncode, tail


def run_in_pyodide(argv: Sequence[str]) -> dict:
    """Run ``python -m conformance ARGV`` inside Pyodide; its result document."""
    with prepared() as root:
        scratch = make_scratch(harness_tmp_root(), "pyodide")
        try:
            progress(f"running the suite in Pyodide {PYODIDE_VERSION} under Node.js ...")
            output = os.path.join(scratch, "result.json")
            command = [*launch_prefix(root, [scratch]), "-m", "conformance", *argv,
                       "--format", "json", "--output", output]
            status, tail = forward_progress(command)
            if status == 2 or not os.path.isfile(output):
                last = tail[-1] if tail else f"exit status {status}, no output"
                raise PyodideError(f"under Pyodide: {last.replace('python -m conformance: error: ', '')}")
            with open(output, encoding="utf-8") as handle:
                return json.load(handle)
        finally:
            remove_untrusted_tree(scratch, harness_tmp_root())


def main(argv: Sequence[str]) -> int:
    """``python conformance/interpreters/pyodide.py ARGS``: the JSON report of the run on stdout."""
    try:
        document = run_in_pyodide(argv)
    except PyodideError as exc:
        sys.stderr.write(f"python -m conformance: error: {exc}\n")
        return 2
    json.dump(document, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
