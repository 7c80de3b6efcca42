"""The charts of the figures page, drawn with matplotlib from the figures the tests recorded."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from trace_model import Trace
from trace_model.results import NOT_JUDGED, UNEXPLAINED, departure_kind, short_name
from trace_model.runs import TargetRun

from conformance.vocabulary import PASS

OK_COLOUR, BAD_COLOUR, MUTED = "#4c78a8", "#c0392b", "#9e9e9e"


def is_number(text: str) -> bool:
    """Whether a recorded figure reads as a number (some are words)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def numbers(run: TargetRun, name: str, group: str = "") -> List[float]:
    """Every numeric value of figure ``name`` the run recorded (in clauses of ``group`` if given)."""
    return [float(v) for cid, _, n, v in run.figures
            if n == name and is_number(v) and (not group or cid.split(".", 1)[0] == group)]


def held(trace: Trace, run: TargetRun, group: str) -> Tuple[int, int]:
    """(clauses that passed, clauses that applied) of one group."""
    judged = [run.verdicts[c.id].status for c in trace.catalogue.by_api(group) if c.id in run.verdicts]
    return sum(s == PASS for s in judged), sum(s not in NOT_JUDGED for s in judged)


@dataclass
class RunFigures:
    """What the figures page shows of one run."""

    run: TargetRun
    security: Tuple[int, int]
    worst_chi2: float = math.nan
    alphabet: float = math.nan
    files_per_second: float = math.nan
    load_trials: float = 0
    errors: float = 0
    collisions: float = 0
    leaks: float = 0
    workers: str = ""  # how the load tests ran, in their own words
    anomalies: List[str] = field(default_factory=list)


def run_figures(trace: Trace, run: TargetRun) -> RunFigures:
    """Gather one run's figures and flag what should have been zero or present."""
    out = RunFigures(run, held(trace, run, "security"))
    chi2, alphabet = numbers(run, "worst_chi2"), numbers(run, "alphabet_size")
    out.worst_chi2 = max(chi2) if chi2 else math.nan
    out.alphabet = min(alphabet) if alphabet else math.nan
    rates = numbers(run, "files_per_second", "load")
    out.files_per_second = statistics.median(rates) if rates else math.nan
    out.load_trials = sum(numbers(run, "trials", "load"))
    out.errors, out.collisions = sum(numbers(run, "errors")), sum(numbers(run, "collisions"))
    out.leaks = sum(numbers(run, "leaks"))
    out.workers = next((v for _, _, n, v in run.figures if n == "workers"), "")
    label = run.label
    if out.errors:
        out.anomalies.append(f"{label}: {out.errors:g} errors while under load (expected 0).")
    if rates and not out.load_trials:
        out.anomalies.append(f"{label}: the load tests made no file at all, so its rate measures nothing.")
    if out.collisions:
        out.anomalies.append(f"{label}: {out.collisions:g} name collisions (expected 0).")
    if out.leaks:
        out.anomalies.append(f"{label}: {out.leaks:g} descriptors leaked after faults (expected 0).")
    good, applicable = out.security
    if good < applicable:
        known = sum(1 for c in trace.catalogue.by_api("security") if c.id in run.verdicts
                    and departure_kind(run.verdicts[c.id]) not in (None, UNEXPLAINED))
        out.anomalies.append(f"{label}: {applicable - good} of {applicable} security clauses did not hold"
                             f" ({known} of them listed as known departures).")
    return out


def _bar_chart(path: Path, title: str, labels: Sequence[str], values: Sequence[float],
               colours: Sequence[str], notes: Sequence[str], xlabel: str, line: float = math.nan,
               line_label: str = "") -> None:
    import matplotlib
    matplotlib.use("Agg")  # no display: the build runs headless
    from matplotlib import pyplot

    fig, axes = pyplot.subplots(figsize=(7.2, 0.32 * len(labels) + 1.3), dpi=110)
    positions = range(len(labels))
    shown = [0 if math.isnan(v) else v for v in values]
    axes.barh(positions, shown, color=colours)
    axes.set_yticks(list(positions), labels)
    axes.invert_yaxis()
    top = max(shown + [0 if math.isnan(line) else line, 1])
    for y, (value, note) in enumerate(zip(shown, notes)):
        axes.text(value + top * 0.01, y, note, va="center", fontsize=8)
    if not math.isnan(line):
        axes.axvline(line, color="#555555", linestyle="--", linewidth=1, label=line_label)
        axes.legend(loc="lower right", fontsize=8)
    axes.set_xlim(0, top * 1.25)
    axes.set_xlabel(xlabel, fontsize=9)
    axes.set_title(title, fontsize=10)
    axes.tick_params(labelsize=8)
    fig.tight_layout()
    # No time stamp in the file, so an unchanged chart is an unchanged file.
    fig.savefig(path, metadata={"Software": None})
    pyplot.close(fig)


def draw_charts(figures: Sequence[RunFigures], folder: Path) -> Dict[str, str]:
    """Draw the three charts into ``folder``; chart name -> file name."""
    folder.mkdir(parents=True, exist_ok=True)
    labels = [f"{short_name(f.run)}  {f.run.label.split(' (judged')[0]}" for f in figures]
    files = {"attacks": "attacks.png", "entropy": "entropy.png", "load": "load.png"}
    rates = [100 * g / a if a else math.nan for g, a in (f.security for f in figures)]
    _bar_chart(folder / files["attacks"], "Attacks resisted: security clauses that held", labels, rates,
               [OK_COLOUR if r == 100 else BAD_COLOUR for r in rates],
               [f"{g}/{a}" if a else "none apply" for g, a in (f.security for f in figures)],
               "per cent of the applicable security clauses")
    alphabet = next((f.alphabet for f in figures if not math.isnan(f.alphabet)), math.nan)
    bits = f"{math.log2(alphabet):.2f}" if not math.isnan(alphabet) else "?"
    _bar_chart(folder / files["entropy"],
               "Name randomness: worst chi-square of a name position", labels,
               [f.worst_chi2 for f in figures], [OK_COLOUR] * len(figures),
               ["not measured" if math.isnan(f.worst_chi2) else f"{f.worst_chi2:g}" for f in figures],
               f"chi-square, lower is closer to uniform ({alphabet:g} symbols, {bits} bits each)",
               alphabet - 1,
               f"mean for uniform names ({alphabet - 1:g} degrees of freedom)")
    workers = next((f.workers for f in figures if f.workers), "")
    _bar_chart(folder / files["load"], "Load: files per second (median of the load tests)", labels,
               [f.files_per_second for f in figures],
               [BAD_COLOUR if f.errors or not f.load_trials else OK_COLOUR for f in figures],
               [f"{f.errors:g} errors" if f.errors else ("not measured" if math.isnan(f.files_per_second)
                                                         else f"{f.files_per_second:g}/s")
                for f in figures],
               f"files per second, {workers or 'workers not recorded'} (reported, never asserted)")
    return files
