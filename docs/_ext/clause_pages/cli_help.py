"""The ``--help`` text of ``python -m conformance``, taken from its parser at build time."""

from __future__ import annotations

import importlib
import os
from typing import List

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class CliHelp(SphinxDirective):
    """``.. cli-help:: [MODULE]`` shows the help of MODULE's ``build_parser()`` (``conformance.cli``)."""

    optional_arguments = 1

    def run(self) -> List[nodes.Node]:
        # Imported late: only the page that shows it needs the command's module.
        build_parser = (importlib.import_module(self.arguments[0] if self.arguments
                                                       else "conformance.cli")).build_parser

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
