"""What the fault tests share: the executable under test, a free port, a sample submission, a
started server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time

import requests

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


def start(data_dir: str, port: int, prefix: tuple[str, ...] = (), timeout: float = 60) -> subprocess.Popen:
    """`madoguchi serve` on 127.0.0.1:`port` with its data in `data_dir`, run behind `prefix` (strace,
    say), returned once it answers /health; its output goes to a log in `data_dir`."""
    env = dict(os.environ, MADOGUCHI_DATA_DIR=data_dir)
    with open(os.path.join(data_dir, f"server-{port}.log"), "ab") as log:
        process = subprocess.Popen(
            [*prefix, BIN, "serve", "--hostname", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
            start_new_session=True,  # its own process group: a prefix and the server stop together
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except requests.RequestException:
            pass
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}")
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    raise AssertionError("server did not become healthy")
