"""The mutants are conformance *targets*, not tests: pytest must never collect them."""

collect_ignore_glob = ["m_*.py", "_mutant.py", "coverage_report.py"]
