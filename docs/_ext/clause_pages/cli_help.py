"""The ``--help`` text of ``python -m conformance``, taken from its parser at build time."""

from __future__ import annotations

import os
from typing import List

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class CliHelp(SphinxDirective):
    """``.. cli-help::`` shows the runner's help as a literal block."""

    def run(self) -> List[nodes.Node]:
        from conformance.cli import build_parser  # imported late: only the page that shows it needs it

        saved = os.environ.get("COLUMNS")
        os.environ["COLUMNS"] = "88"  # argparse wraps to the terminal; pin it for a stable page
        try:
            text = build_parser().format_help()
        finally:
            if saved is None:
                del os.environ["COLUMNS"]
            else:
                os.environ["COLUMNS"] = saved
        return [nodes.literal_block(text, text, language="text")]
