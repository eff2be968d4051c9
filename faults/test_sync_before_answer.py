"""Fault test: on SQLite, a submission is answered only after its commit is on disk.

The crash test (test_crash_durability.py) kills the server, but the kernel keeps what the server
wrote in its page cache, so it passes even if nothing is ever fsynced: only a power cut would show
the difference. This test looks at the system calls instead. It runs the real server (MADOGUCHI_BIN)
under strace, sends JSON submissions one at a time, and checks, for every 201 answer, that the
write-ahead log was fsynced (fsync or fdatasync on `madoguchi.sqlite-wal`) after the last write to
the log before the answer, and that the sync had finished before the answer was sent.

SQLite only: with PostgreSQL the database server makes the commit durable (`synchronous_commit`),
in another process. Bounded: 12 submissions, loopback only; it stops by itself.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import uuid

import pytest
import requests
from conftest import BIN, free_port, sample_body, start

SUBMISSIONS = 12

# `strace -f -ttt -y` lines: "PID SECONDS.ffffff call(fd</path>, ...) = result", or a call split
# across two lines by another thread's: "... <unfinished ...>" then "... <... call resumed>...".
LINE = re.compile(r"^(\d+)\s+(\d+\.\d+)\s+(.*)$")
CALL = re.compile(r"^(\w+)\((\d+)<([^>]*)>")
RESUMED = re.compile(r"^<\.\.\. (\w+) resumed>")


def calls(trace: str) -> list[dict]:
    """The traced calls with their start and end times, file path and whether they succeeded."""
    finished: list[dict] = []
    pending: dict[tuple[str, str], dict] = {}
    for raw in trace.splitlines():
        match = LINE.match(raw)
        if not match:
            continue
        pid, at, text = match.group(1), float(match.group(2)), match.group(3)
        resumed = RESUMED.match(text)
        if resumed:
            call = pending.pop((pid, resumed.group(1)), None)
            if call is None:
                continue
            call["end"], call["text"] = at, call["text"] + text
        else:
            found = CALL.match(text)
            if not found:
                continue
            call = {"name": found.group(1), "path": found.group(3), "start": at, "end": at, "text": text}
            if text.endswith("<unfinished ...>"):
                pending[(pid, call["name"])] = call
                continue
        call["ok"] = not re.search(r"= -1 ", call["text"])
        finished.append(call)
    return finished


def test_every_answer_comes_after_its_commit_is_synced(tmp_path) -> None:
    assert BIN, "MADOGUCHI_BIN must name the madoguchi executable"
    if os.environ.get("DATABASE_URL"):
        pytest.skip("PostgreSQL makes its commits durable in its own process")
    strace = shutil.which("strace")
    assert strace, "strace is needed (scripts/test installs it)"
    body = sample_body("ninshin-todoke")
    with tempfile.TemporaryDirectory(prefix="madoguchi-sync-") as data_dir:
        port = free_port()
        trace_file = str(tmp_path / "trace.txt")
        traced_calls = "trace=pwrite64,write,writev,sendmsg,sendto,fsync,fdatasync"
        strace_command = (strace, "-f", "-ttt", "-y", "-qq", "-s", "24", "-o", trace_file, "-e", traced_calls)
        server = start(data_dir, port, prefix=strace_command, timeout=120)
        try:
            answered = 0
            for _ in range(SUBMISSIONS):
                response = requests.post(
                    f"http://127.0.0.1:{port}/api/v1/applications",
                    data=body.encode(),
                    headers={"Content-Type": "application/json", "Idempotency-Key": f"sync-{uuid.uuid4()}"},
                    timeout=30,
                )
                assert response.status_code == 201, response.text
                answered += 1
        finally:
            # Stop the traced server itself; strace then ends with it.
            with open(f"/proc/{server.pid}/task/{server.pid}/children") as f:
                for child in f.read().split():
                    os.kill(int(child), signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        with open(trace_file, encoding="utf-8", errors="replace") as f:
            traced = calls(f.read())

    def is_log(call: dict) -> bool:
        return call["path"].endswith("madoguchi.sqlite-wal")

    sends = ("write", "writev", "sendmsg", "sendto")
    answers = [c for c in traced if c["name"] in sends and "201 Created" in c["text"]]
    log_writes = [c for c in traced if c["name"] == "pwrite64" and is_log(c) and c["ok"]]
    log_syncs = [c for c in traced if c["name"] in ("fsync", "fdatasync") and is_log(c) and c["ok"]]
    assert len(answers) == answered, f"found {len(answers)} of {answered} answers in the trace"
    assert log_writes, "no write to the write-ahead log was traced"
    unsynced = []
    for answer in answers:
        written = [w["end"] for w in log_writes if w["end"] <= answer["start"]]
        assert written, "an answer came before anything was written to the log"
        last_write = max(written)
        if not any(s["start"] >= last_write and s["end"] <= answer["start"] for s in log_syncs):
            unsynced.append(answer["start"])
    assert unsynced == [], f"{len(unsynced)} of {len(answers)} answers were sent before their commit was synced"
    print(f"{len(answers)} answers, each after an fsync of the log that followed its last write")
