"""A black-box conformance suite for implementations of Python's tempfile API.

Run it with ``python -m conformance --target stdlib`` (see ``--help``).
"""

__version__ = "0.1.0"
