"""The one audit hook hands each listener only the events it asked for, and none of the unheard."""

from __future__ import annotations

import os
import sys

from conformance.harness.audit import open_unheard, subscribed


def test_a_listener_hears_only_the_events_it_asked_for(tmp_path):
    everything, opens = [], []
    with subscribed(lambda event, args: everything.append(event)), \
            subscribed(lambda event, args: opens.append(event), ("open",)):
        sys.audit("tempfile.mkstemp", str(tmp_path / "x"))
        os.close(os.open(tmp_path / "y", os.O_CREAT | os.O_WRONLY, 0o600))
    assert "tempfile.mkstemp" in everything and "open" in everything
    assert opens == ["open"]


def test_an_unheard_open_reaches_no_listener(tmp_path):
    heard = []
    with subscribed(lambda event, args: heard.append(args[0]), ("open",)):
        os.close(open_unheard(str(tmp_path), os.O_RDONLY))
        os.close(os.open(str(tmp_path), os.O_RDONLY))
    assert heard == [str(tmp_path)]  # the second open only


def test_a_listener_is_gone_after_its_block(tmp_path):
    heard = []
    with subscribed(lambda event, args: heard.append(event), ("tempfile.",)):
        sys.audit("tempfile.mkdtemp", "a")
    sys.audit("tempfile.mkdtemp", "b")
    assert heard == ["tempfile.mkdtemp"]
