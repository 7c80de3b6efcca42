"""The results pages in a real browser: no table (or output block) wider than its column, no local path.

Runs against a built site (``DOCS_BUILT_HTML``, as tests/docs/test_docs_links.py) with
Debian's ``chromium`` in headless mode.  Screenshots of each page at each width are
written next to the site (``<site>/../screenshots``) for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List

import pytest

BUILT = os.environ.get("DOCS_BUILT_HTML", "")
pytestmark = pytest.mark.skipif(not BUILT, reason="DOCS_BUILT_HTML is not set (build the docs first)")

WIDTHS = (1400, 420)
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars")
# Measures the laid-out page and writes the result into the DOM, which --dump-dom prints.
PROBE = """<script>
window.addEventListener("load", () => {
  const column = document.querySelector("article").getBoundingClientRect();
  const page = document.documentElement;
  const found = {viewport: page.clientWidth, pageWidth: page.scrollWidth, tables: []};
  for (const table of document.querySelectorAll("article table, article pre")) {
    let box = table;  // what the reader sees: the table, or the scrolling box that holds it
    for (let el = table.parentElement; el && el.tagName !== "ARTICLE"; el = el.parentElement) {
      const overflow = getComputedStyle(el).overflowX;
      if (overflow === "auto" || overflow === "scroll") { box = el; break; }
    }
    const rect = box.getBoundingClientRect();
    const first = table.querySelector("tbody tr > td");
    found.tables.push({cls: table.tagName.toLowerCase() + "." + table.className,
                       left: rect.left, right: rect.right,
                       columnLeft: column.left, columnRight: column.right,
                       scrolls: table.scrollWidth > box.clientWidth + 1,
                       stickyFirst: first ? getComputedStyle(first).position === "sticky" : false});
  }
  const out = document.createElement("pre");
  out.id = "layout-probe";
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
});
</script>"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("chromium is not installed (Debian: apt-get install -y chromium); .ci/run installs it")
    return found


def run_chromium(args: List[str]) -> str:
    """Run headless Chromium with a fresh, empty profile; its standard output."""
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        done = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def site() -> Path:
    root = Path(BUILT).resolve()
    if not (root / "index.html").is_file():
        pytest.fail(f"DOCS_BUILT_HTML={BUILT!r} holds no built site (no index.html)")
    return root


@pytest.fixture(scope="module")
def pages(site: Path) -> Dict[str, str]:
    """The overview, one implementation's page (one with departures), and both matrix views."""
    implementations = sorted((site / "generated" / "results").glob("*.html"))
    with_departures = [p for p in implementations if p.name != "index.html"
                       and 'class="departure' in p.read_text(encoding="utf-8")]
    assert with_departures, "no implementation page with departures in the built site"
    return {"overview": "index.html",
            "implementation": with_departures[0].relative_to(site).as_posix(),
            "matrix": "generated/matrix.html",
            "matrix-departures": "generated/matrix-departures.html"}


@pytest.fixture(scope="module")
def probed_copy(site: Path, tmp_path_factory) -> Path:
    """A copy of the site whose pages carry the layout probe (the built site stays untouched)."""
    copy = tmp_path_factory.mktemp("site") / "html"
    shutil.copytree(site, copy)
    for page in copy.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("</body>", PROBE + "</body>", 1), encoding="utf-8")
    return copy


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["overview", "implementation", "matrix", "matrix-departures"])
def test_no_table_overflows_its_column(name, width, pages, probed_copy, site):
    page = probed_copy / pages[name]
    dom = run_chromium([f"--window-size={width},1600", "--virtual-time-budget=5000", "--dump-dom",
                        page.as_uri()])
    match = re.search(r'<pre id="layout-probe">(.*?)</pre>', dom, re.S)
    assert match, f"the probe did not run on {pages[name]}"
    found = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert found["tables"], f"{pages[name]} has no table or code block to check"
    assert found["pageWidth"] <= found["viewport"] + 1, f"{pages[name]} scrolls sideways at {width} px"
    for table in found["tables"]:
        where = f"{pages[name]} at {width} px, table {table['cls']!r}"
        assert table["left"] >= table["columnLeft"] - 1 and table["right"] <= table["columnRight"] + 1, (
            f"{where} spans {table['left']:.0f}-{table['right']:.0f} px, its column "
            f"{table['columnLeft']:.0f}-{table['columnRight']:.0f} px")
        if "trace-matrix" in table["cls"]:
            assert table["stickyFirst"], f"{where}: the clause column does not stay in view"
            if width >= 1400:
                assert not table["scrolls"], f"{where} does not fit the screen"
    shots = site.parent / "screenshots"
    shots.mkdir(exist_ok=True)
    shot = shots / f"{name}-{width}.png"
    run_chromium([f"--window-size={width},2400", f"--screenshot={shot}", (site / pages[name]).as_uri()])
    assert shot.stat().st_size > 10_000, f"{shot} is (almost) empty"


def local_paths() -> List[str]:
    """Strings that would show where and by whom the site was built."""
    found = ["/root/", "/work/", "/home/", sys.prefix + "/", str(Path(__file__).resolve().parents[2]) + "/"]
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    found.append(cache.rstrip("/") + "/")
    return sorted(set(found))


TMP_PATH_RE = re.compile(r"/tmp/[\w.-]+")
# Text of the repository itself (code, spec reproductions) may spell out example paths: that is
# content, not a trace of the machine that built the site.
REPOSITORY_TEXT = ("spec/clauses/*.toml", "reference/**/*.py", "conformance/**/*.py", "docs/**/*.md")


def paths_the_repository_spells() -> set:
    root = Path(__file__).resolve().parents[2]
    return {m.group(0) for pattern in REPOSITORY_TEXT for path in root.glob(pattern)
            for m in TMP_PATH_RE.finditer(path.read_text(encoding="utf-8"))}


def test_no_local_path_anywhere_in_the_site(site):
    forbidden, allowed = local_paths(), paths_the_repository_spells()
    offenders = []
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in {".html", ".txt", ".js", ".json", ".ipynb", ".css"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for needle in forbidden:
            if needle in text:
                at = text.index(needle)
                context = text[max(0, at - 60):at + 60]
                offenders.append(f"{path.relative_to(site)}: {needle!r} in ...{context!r}")
        for match in TMP_PATH_RE.finditer(text):
            if match.group(0) not in allowed:
                offenders.append(f"{path.relative_to(site)}: {match.group(0)!r}")
    assert not offenders, f"{len(offenders)} local path(s) in the built site:\n" + "\n".join(offenders[:40])
