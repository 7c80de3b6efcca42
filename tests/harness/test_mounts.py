"""Read-only binds in a private mount namespace: in force in the child, invisible to everyone else."""

from __future__ import annotations

import errno
import os

import pytest

from conformance import host
from conformance.harness import mounts


def test_no_bind_before_leaving_the_hosts_namespace(tmp_path):
    with pytest.raises(RuntimeError):
        mounts.bind_onto_itself(str(tmp_path), read_only=True)


@pytest.mark.skipif(not host.has("mount-namespace"), reason="needs root and a private mount namespace")
def test_a_read_only_view_holds_in_the_child_only(tmp_path):
    locked, open_dir = tmp_path / "locked", tmp_path / "locked" / "open"
    open_dir.mkdir(parents=True)
    pid = os.fork()
    if pid == 0:  # the child: exit status 0 when the view is what it should be
        code = 1
        try:
            mounts.read_only_view([str(locked)], [str(open_dir)], str(open_dir))
            try:
                (locked / "refused").write_text("x")
            except OSError as exc:
                if exc.errno == errno.EROFS:
                    (open_dir / "allowed").write_text("x")  # writable inside the read-only one
                    code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    (locked / "after").write_text("x")  # the parent never saw the read-only mount
    assert sorted(os.listdir(locked)) == ["after", "open"]
    assert os.listdir(open_dir) == ["allowed"]
