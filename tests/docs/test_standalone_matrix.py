"""The standalone matrix page (reports/matrix.html): readable first, linked into the site, no local paths."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from trace_model.results import page_slug
from trace_model.runs import load_runs
from trace_model.scan import clause_anchor

from conformance.matrix import html_page, model
from conformance.vocabulary import ADAPTER, EXPECTED_FAIL, FAIL, PASS, STATUSES

ROOT = Path(__file__).resolve().parents[2]
MESSAGE = "AssertionError: isfile('/tmp/tfconf-session-1a2b/t-9/x') in /root/.pyenv/versions/3.9.18/lib/a.py"


def one_clause(cid: str, status: str, departure=None, message: str = "") -> dict:
    tests = [{"nodeid": f"conformance/tests/test_{cid.split('.')[0]}.py::test_it", "outcome": "failed",
              "message": message, "duration": 0.0, "properties": {}}] if message else []
    return {"id": cid, "api": cid.split(".")[0], "level": "must", "tier": "core", "kind": "documented",
            "status": status, "reason": message.splitlines()[0] if message else "",
            "departure_class": departure, "tests": tests}


def result(clauses: list, name: str) -> dict:
    return {"schema": "tempfile-conformance/1", "target": {"name": name, "implementation": "cpython 3.9.18"},
            "interpreter": {"implementation": "cpython", "version": "3.9.18",
                            "executable": "/work/checkout/.venv/bin/python"},
            "platform": "linux", "judged_version": "3.9",
            "expectations": "/work/checkout/conformance/expectations/adapter-fakefs.toml",
            "clauses": clauses, "summary": {s: sum(c["status"] == s for c in clauses) for s in STATUSES},
            "errors": []}


@pytest.fixture
def matrix() -> dict:
    clauses = [one_clause("mkstemp.mode.owner-only", PASS),
               one_clause("mkdtemp.abspath", EXPECTED_FAIL, ADAPTER, MESSAGE),
               one_clause("cleanup.confinement", FAIL, None, "assert 0o644 == 0o600")]
    column = {"key": "fake_fs", "short": "ffs", "label": "a fake file system", "family": "adapter",
              "target": "adapter:fake_fs", "python": "/root/.pyenv/versions/3.9.18/bin/python",
              "version": "3.9.18", "document": result(clauses, "adapter:fake_fs"), "error": "",
              "duration": 1.0}
    return model.build_matrix([column], "2026-01-01 00:00 UTC", "cpython 3.9.18 on linux", 2.0)


def test_the_page_opens_with_its_key_and_totals_and_fits_a_phone(matrix):
    page = html_page.render_html(matrix)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert page.index("<h2>Key</h2>") < page.index("<h2>Totals</h2>") < page.index("<h2>Clauses</h2>")
    assert "white-space:normal" in page and "position:sticky" in page  # reasons wrap, ids stay in view
    # One colour per class: each kind of departure has its own rule.
    colours = re.findall(r"\.([a-z-]+)\{background:(#[0-9a-f]{6})", page)
    assert len({bg for kind, bg in colours if kind in html_page.KINDS}) == len(html_page.KINDS)


def test_no_path_of_the_machine_that_ran_it(matrix):
    page = html_page.render_html(matrix)
    for local in ("/root/", "/work/", "/tmp/", ".venv"):
        assert local not in page, local
    assert "…/x" in page and "adapter-fakefs.toml" in page  # what a reader can use is kept


def test_departures_link_to_the_pages_the_docs_build_writes(matrix, tmp_path):
    page = html_page.render_html(matrix, site="SITE/")
    (tmp_path / "matrix.json").write_text(json.dumps(matrix))
    runs, _ = load_runs([tmp_path / "matrix.json"])
    expected = f"SITE/generated/results/{page_slug(runs[0])}.html#departure-"
    assert f'href="{expected}mkdtemp-abspath"' in page and f'href="{expected}cleanup-confinement"' in page
    assert (f'href="SITE/generated/clauses/mkstemp.html#{clause_anchor("mkstemp.mode.owner-only")}"'
            in page)


BUILT = os.environ.get("DOCS_BUILT_HTML", "")
PUBLISHED = ROOT / "reports" / "matrix.html"


@pytest.mark.skipif(not (BUILT and PUBLISHED.is_file()),
                    reason="needs a built site (DOCS_BUILT_HTML) and a matrix run (reports/matrix.html)")
def test_every_link_of_the_published_page_lands_in_the_built_site():
    site = Path(BUILT).resolve()
    page = PUBLISHED.read_text(encoding="utf-8")
    missing = []
    for href in sorted(set(re.findall(r'href="([^"]+)"', page))):
        parts = urlsplit(href)
        assert href.startswith(html_page.DOCS_SITE), href
        target = site / unquote(parts.path)[len(html_page.DOCS_SITE):]
        if not target.is_file():
            missing.append(href)
        elif parts.fragment and f'id="{parts.fragment}"' not in target.read_text(encoding="utf-8"):
            missing.append(href)
    assert not missing, f"{len(missing)} link(s) of reports/matrix.html land nowhere: {missing[:10]}"
