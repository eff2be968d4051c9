"""What the fault tests share: the executable under test, a free port, a sample submission."""

from __future__ import annotations

import os
import socket
import subprocess

BIN = os.environ.get("MADOGUCHI_BIN", "")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample_body(procedure: str) -> str:
    """A complete submission of `procedure` as JSON (`madoguchi catalog sample`)."""
    assert BIN, "MADOGUCHI_BIN must name the madoguchi executable"
    return subprocess.run(
        [BIN, "catalog", "sample", procedure], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
