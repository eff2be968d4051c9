"""Fault test: an acknowledged submission survives a crash.

Starts the real server (MADOGUCHI_BIN) on 127.0.0.1 with a fresh data folder — or on the
PostgreSQL in DATABASE_URL when set — sends JSON submissions from 8 threads, kills the server
with SIGKILL in the middle of the load, starts it again on the same data, and checks that every
application it had acknowledged (201 with a 受付番号) is there, with its status readable.
Bounded: at most 3 s of load, loopback only; it stops by itself.
"""

from __future__ import annotations

import signal
import tempfile
import threading
import time
import uuid

import requests
from conftest import BIN, free_port, sample_body, start


def test_acknowledged_submissions_survive_sigkill() -> None:
    assert BIN, "MADOGUCHI_BIN must name the madoguchi executable"
    body = sample_body("ninshin-todoke")
    with tempfile.TemporaryDirectory(prefix="madoguchi-crash-") as data_dir:
        port = free_port()
        server = start(data_dir, port)
        url = f"http://127.0.0.1:{port}/api/v1/applications"
        acknowledged: list[dict] = []
        lock = threading.Lock()
        stop = threading.Event()

        def client() -> None:
            session = requests.Session()
            while not stop.is_set():
                try:
                    response = session.post(
                        url,
                        data=body.encode(),
                        headers={"Content-Type": "application/json", "Idempotency-Key": f"crash-{uuid.uuid4()}"},
                        timeout=5,
                    )
                except requests.RequestException:
                    return  # the server is gone
                if response.status_code == 201:
                    with lock:
                        acknowledged.append(response.json())

        threads = [threading.Thread(target=client) for _ in range(8)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and len(acknowledged) < 300:
            time.sleep(0.05)
        server.send_signal(signal.SIGKILL)  # no shutdown, no flush: a crash
        server.wait()
        stop.set()
        for thread in threads:
            thread.join()
        assert len(acknowledged) > 0, "no submission was acknowledged before the crash"

        server = start(data_dir, port)
        try:
            missing = []
            for receipt in acknowledged:
                response = requests.get(
                    f"{url}/{receipt['receipt_number']}", headers={"X-Inquiry-Key": receipt["inquiry_key"]}, timeout=5
                )
                if response.status_code != 200 or response.json()["status"] != "received":
                    missing.append((receipt["receipt_number"], response.status_code))
            numbers = [receipt["receipt_number"] for receipt in acknowledged]
            assert missing == [], f"acknowledged but lost after the crash: {missing[:10]}"
            assert len(set(numbers)) == len(numbers), "a 受付番号 was given twice"
            print(f"{len(acknowledged)} acknowledged submissions, all present after SIGKILL and restart")
        finally:
            server.terminate()
            server.wait(timeout=15)
