"""The version-boundary check: right ranges pass, wrong ones are named with the versions."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Dict, Optional, Tuple

import pytest

from conformance import boundaries
from conformance import vocabulary as v
from conformance.boundaries import cli
from spec import load_catalogue

HEAD = '[meta]\napi = "demo"\n'
CLAUSE = """
[[clause]]
id = "{id}"
statement = "A statement."
level = "must"
kind = "{kind}"
platforms = ["{platform}"]
since = "{since}"
source = "https://docs.python.org/3.14/library/tempfile.html#tempfile.mkdtemp"
rationale = "Why."
{extra}
"""


def catalogue(tmp_path: Path, *clauses: dict):
    """A catalogue of derived demo clauses (id, since, optional until/extra/platform)."""
    body = HEAD
    for clause in clauses:
        extra = clause.get("extra", "")
        if clause.get("until"):
            extra = f'until = "{clause["until"]}"\n' + extra
        body += CLAUSE.format(id=clause["id"], since=clause["since"], extra=extra,
                              kind=clause.get("kind", "derived"), platform=clause.get("platform", "all"))
    (tmp_path / "demo.toml").write_text(textwrap.dedent(body))
    return load_catalogue(tmp_path)


def column(version: str, statuses: Dict[str, object], python: Optional[str] = None) -> dict:
    """A matrix column as the matrix writes it; a status may be (status, reason)."""
    clauses = []
    for cid, status in statuses.items():
        status, reason = status if isinstance(status, tuple) else (status, "")
        clauses.append({"id": cid, "status": status, "reason": reason})
    return {"key": f"cpython-{version}", "python": python, "result": {
        "target": {"name": "stdlib"}, "interpreter": {"implementation": "cpython"},
        "judged_version": version, "platform": "linux", "clauses": clauses}}


def matrix(*columns: dict) -> dict:
    return {"schema": v.MATRIX_SCHEMA, "columns": list(columns)}


def fake_runner(answers: Dict[Tuple[str, str], str]):
    """A probe runner answering (column key, as-version) with one status for every clause."""
    def run(col, as_version, ids):
        return {cid: answers[(col.key, as_version)] for cid in ids}
    return run


def verdict(cat, doc, answers):
    columns = boundaries.cpython_columns(doc)
    probes = cli.run_probes(boundaries.plan_probes(cat, columns), columns, fake_runner(answers))
    return {c.id: c for c in boundaries.check(cat, columns, probes)}


NA = v.NOT_APPLICABLE


def test_a_right_since_is_shown_at_its_edge(tmp_path):
    cat = catalogue(tmp_path, {"id": "demo.new", "since": "3.12"})
    doc = matrix(column("3.11", {"demo.new": NA}), column("3.12", {"demo.new": v.PASS}),
                 column("3.13", {"demo.new": v.PASS}))
    result = verdict(cat, doc, {("cpython-3.11", "3.12"): v.FAIL})["demo.new"]
    assert result.problems == []
    assert result.verified_on == ["3.12", "3.13"]
    assert [(e.side, e.outside, e.verdict) for e in result.edges] == [("since", "3.11", "shown")]


def test_a_since_too_late_is_contradicted_by_the_older_column(tmp_path):
    # The behaviour is already there on 3.11: judged as 3.12, 3.11 passes.
    cat = catalogue(tmp_path, {"id": "demo.new", "since": "3.12"})
    doc = matrix(column("3.11", {"demo.new": NA}), column("3.12", {"demo.new": v.PASS}))
    result = verdict(cat, doc, {("cpython-3.11", "3.12"): v.PASS})["demo.new"]
    assert result.problems == ["since = 3.12 contradicted: 3.11 (cpython-3.11) shows the behaviour too"]


def test_a_since_too_early_is_contradicted_inside_the_range(tmp_path):
    cat = catalogue(tmp_path, {"id": "demo.new", "since": "3.11"})
    doc = matrix(column("3.10", {"demo.new": NA}), column("3.11", {"demo.new": v.FAIL}),
                 column("3.12", {"demo.new": v.PASS}))
    result = verdict(cat, doc, {("cpython-3.10", "3.11"): v.FAIL})["demo.new"]
    assert result.problems == ["inside the range, 3.11 (cpython-3.11) gives fail"]


def test_until_edge_is_probed_above_the_range(tmp_path):
    cat = catalogue(tmp_path, {"id": "demo.old", "since": "3.8", "until": "3.11"})
    doc = matrix(column("3.11", {"demo.old": v.PASS}), column("3.12", {"demo.old": NA}))
    assert boundaries.plan_probes(cat, boundaries.cpython_columns(doc)) == {
        ("cpython-3.12", "3.11"): ["demo.old"]}
    good = verdict(cat, doc, {("cpython-3.12", "3.11"): v.FAIL})["demo.old"]
    bad = verdict(cat, doc, {("cpython-3.12", "3.11"): v.PASS})["demo.old"]
    assert good.problems == [] and bad.problems == [
        "until = 3.11 contradicted: 3.12 (cpython-3.12) shows the behaviour too"]


def test_classified_departures_count_inside_unclassified_do_not(tmp_path):
    cat = catalogue(tmp_path, {"id": "demo.new", "since": "3.12"})
    classified = (v.EXPECTED_FAIL, "bug: fixed in 3.12.2")
    doc = matrix(column("3.11", {"demo.new": NA}), column("3.12", {"demo.new": classified}),
                 column("3.13", {"demo.new": v.PASS}))
    result = verdict(cat, doc, {("cpython-3.11", "3.12"): v.FAIL})["demo.new"]
    assert result.problems == [] and result.classified_on == ["3.12"]
    doc["columns"][1] = column("3.12", {"demo.new": (v.EXPECTED_FAIL, "no class here")})
    result = verdict(cat, doc, {("cpython-3.11", "3.12"): v.FAIL})["demo.new"]
    assert result.problems == ["inside the range, 3.12 (cpython-3.12) gives expected-fail "
                               "without a departure class"]


def test_an_edge_the_clause_cannot_show_needs_a_reason(tmp_path):
    reason = 'boundary_unobservable = "fails everywhere; see demo.sig"'
    cat = catalogue(tmp_path, {"id": "demo.erratum", "since": "3.12"},
                    {"id": "demo.explained", "since": "3.12", "extra": reason})
    departed = (v.EXPECTED_FAIL, "erratum: the docs disagree")
    doc = matrix(column("3.11", {"demo.erratum": NA, "demo.explained": NA}),
                 column("3.12", {"demo.erratum": departed, "demo.explained": departed}))
    result = verdict(cat, doc, {("cpython-3.11", "3.12"): v.FAIL})
    assert result["demo.erratum"].problems == [
        "since edge: no column inside the range passes, so failing on 3.11 shows nothing"]
    assert result["demo.explained"].problems == []
    assert result["demo.explained"].edges[0].verdict == "unobservable"


def test_platform_clauses_are_unobservable_not_failed(tmp_path):
    cat = catalogue(tmp_path, {"id": "demo.win", "since": "3.12", "platform": "windows"})
    doc = matrix(column("3.11", {"demo.win": NA}), column("3.12", {"demo.win": NA}))
    result = verdict(cat, doc, {})["demo.win"]
    assert result.problems == [] and result.edges[0].verdict == "unobservable"


def test_departure_class_field_wins_over_the_reason_prefix():
    assert boundaries._departure_class({"departure_class": "bug", "reason": "erratum: x"}) == "bug"
    assert boundaries._departure_class({"reason": "platform: windows only"}) == "platform"
    assert boundaries._departure_class({"reason": "something"}) == v.UNCLASSIFIED


def test_cli_usage_error_is_one_line(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--format", "yaml", "x.json"])
    assert info.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_cli_unreadable_matrix_exits_2(tmp_path, capsys):
    assert cli.main([str(tmp_path / "missing.json")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_cli_json_names_the_versions_each_clause_passed_on(tmp_path):
    path = tmp_path / "matrix.json"
    path.write_text(json.dumps(matrix(column("3.13", {"module.names.documented-public": v.PASS}))))
    out = tmp_path / "boundaries.json"
    cli.main([str(path), "--no-probe", "--format", "json", "--output", str(out)])
    doc = json.loads(out.read_text())
    assert doc["schema"] == boundaries.BOUNDARIES_SCHEMA
    assert doc["verified_on"]["module.names.documented-public"] == {"versions": ["3.13"],
                                                                    "range": "3.13–3.13"}


def test_a_range_with_no_column_inside_shows_only_the_old_side(tmp_path):
    cat = catalogue(tmp_path, {"id": "demo.future", "since": "3.14"})
    doc = matrix(column("3.13", {"demo.future": NA}))
    result = verdict(cat, doc, {("cpython-3.13", "3.14"): v.FAIL})["demo.future"]
    assert result.problems == [] and result.edges[0].verdict == "old-only"
