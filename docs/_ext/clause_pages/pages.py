"""The generated pages: rendered from templates/ at ``builder-inited``, and the build-level checks.

Each page is a short reST skeleton whose directives build the real content as
docutils nodes (so clause text is never parsed as markup).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from trace_model import Trace, gather
from trace_model.results import page_slug
from trace_model.scan import source_docname

from spec import load_catalogue

from .state import GENERATED, BuildState, current_trace

logger = logging.getLogger(__name__)

TEMPLATES = Environment(loader=FileSystemLoader(str(Path(__file__).with_name("templates"))),
                        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                        keep_trailing_newline=True, autoescape=False)
TESTS_FOLDER = "conformance/tests/"


def _render(template: str, title: str, **context) -> str:
    return TEMPLATES.get_template(template).render(template=template, title=title, **context)


def _page_name(relpath: str) -> str:
    """The name of a source listing's page within generated/source/."""
    return source_docname(relpath).split("/", 2)[2]


def page_texts(trace: Trace, notebooks: Sequence[str]) -> Dict[str, str]:
    """Relative path under docs/generated -> page text."""
    catalogue = trace.catalogue
    pages = {"clauses/index.rst": _render("clauses_index.rst.jinja", "Clause catalogue", apis=catalogue.apis)}
    for api in catalogue.apis:
        pages[f"clauses/{api.name}.rst"] = _render("clause_group.rst.jinja", api.title, api=api)
    pages["traceability.rst"] = _render("traceability.rst.jinja", "Traceability")
    pages["matrix.rst"] = _render("matrix.rst.jinja", "Verdict matrix", view="groups")
    pages["matrix-departures.rst"] = _render("matrix.rst.jinja", "Verdict matrix: departures only",
                                             view="departures")
    slugs = {run.key: page_slug(run) for run in trace.runs}
    pages["results/index.rst"] = _render("results_index.rst.jinja", "Results by implementation",
                                         pages=list(slugs.values()))
    for run in trace.runs:
        pages[f"results/{slugs[run.key]}.rst"] = _render("implementation.rst.jinja", run.label, key=run.key)
    pages["figures.rst"] = _render("figures.rst.jinja", "Security, faults and load: figures")
    groups = [("Reference implementation", [_page_name(f) for f in trace.code.files]),
              ("Conformance tests", [_page_name(f) for f in trace.tests.files])]
    pages["source/index.rst"] = _render("source_index.rst.jinja", "Source listings", groups=groups)
    for relpath in trace.source_files():
        title = relpath[len(TESTS_FOLDER):] if relpath.startswith(TESTS_FOLDER) else relpath
        pages[f"source/{_page_name(relpath)}.rst"] = _render("source_page.rst.jinja", title, relpath=relpath)
    pages["notebooks/index.rst"] = _render("notebooks_index.rst.jinja", "Notebooks",
                                           notebooks=[Path(n).stem for n in notebooks])
    return pages


def _write_if_changed(path: Path, text: str) -> None:
    # An unchanged file keeps its time stamp, so Sphinx does not re-read it for nothing.
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def generate(app: Sphinx) -> None:
    """Gather the trace and write every generated page (``builder-inited``)."""
    root = Path(app.config.trace_repo_root)
    reports = Path(app.config.trace_reports_dir) if app.config.trace_reports_dir else root / "reports"
    trace = gather(root, load_catalogue(), reports)
    BuildState.trace = trace
    out_dir = Path(app.srcdir) / GENERATED
    notebooks = _copy_notebooks(root / "notebooks", out_dir / "notebooks")
    pages = page_texts(trace, notebooks)
    for rel, text in pages.items():
        _write_if_changed(out_dir / rel, text)
    for stale in out_dir.rglob("*.rst"):
        if stale.relative_to(out_dir).as_posix() not in pages:
            stale.unlink()
    BuildState.generated = {f"{GENERATED}/{rel[:-4]}" for rel in pages}
    _report_problems(root, trace)


def _copy_notebooks(source: Path, dest: Path) -> List[str]:
    """Copy ``notebooks/*.ipynb`` under the docs source (myst-nb reads only from there)."""
    names = sorted(p.name for p in source.glob("*.ipynb")) if source.is_dir() else []
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        if not (dest / name).exists() or (dest / name).read_bytes() != (source / name).read_bytes():
            shutil.copyfile(source / name, dest / name)
    for stale in dest.glob("*.ipynb"):
        if stale.name not in names:
            stale.unlink()
    return names


def _clause_location(root: Path, clause) -> str:
    """``spec/clauses/FILE.toml:LINE`` of the clause's id line, for a clickable warning."""
    path = root / "spec" / "clauses" / clause.file
    pattern = re.compile(r'^\s*id\s*=\s*["\']' + re.escape(clause.id) + r'["\']')
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if pattern.match(line):
            return f"{path}:{lineno}"
    return f"{path}:1"


def _report_problems(root: Path, trace: Trace) -> None:
    for clause_id in trace.untested():
        logger.warning("clause %s has no conformance test and no unobservable reason", clause_id,
                       location=_clause_location(root, trace.catalogue[clause_id]),
                       type="clause_pages", subtype="no-test")
    for place, cid in trace.code.unknown + trace.tests.unknown:
        logger.warning("%r names no clause in the catalogue", cid,
                       location=f"{root / place.relpath}:{place.lineno}", type="clause_pages",
                       subtype="stray")
    for problem in trace.tests.problems:
        logger.warning("%s", problem, type="clause_pages", subtype="parse")


def outdated(app: Sphinx, env, added, changed, removed) -> List[str]:
    """Generated pages depend on the whole repository: re-read them every build."""
    return sorted(d for d in BuildState.generated if d in env.found_docs)


def finished(app: Sphinx, exception: Optional[BaseException]) -> None:
    """Fail the build at its end while any clause lacks both a test and a reason."""
    if exception is None and app.config.trace_untested_is_error and BuildState.trace is not None:
        missing = current_trace().untested()
        if missing:
            raise ExtensionError(f"{len(missing)} clause(s) have no test and no unobservable reason: "
                                 + ", ".join(missing[:20]) + (" ..." if len(missing) > 20 else ""))
