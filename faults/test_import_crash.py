"""Fault test: `madoguchi import` killed at any point and run again loses nothing and doubles nothing.

Writes signed packages with `madoguchi demo-packages`, starts `madoguchi import` on them and kills
it with SIGKILL after a varying delay, several times, then lets a last run finish. Every package
must then be in exactly once (one application per portal 受付番号, its receipt and its files), and
a further run must find them all already present. On the PostgreSQL in DATABASE_URL when set, else
on SQLite in a fresh data folder. Bounded: a few hundred packages, loopback only.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import tempfile
import time
import uuid

from conftest import BIN, ROOT

COUNT = 240


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([BIN, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=600)


def counts(data_dir: str, prefix: str) -> tuple[int, int, int]:
    """Portal receipts, distinct portal 受付番号 and applications of this run's packages."""
    query = (
        "SELECT COUNT(*), COUNT(DISTINCT p.portal_number), COUNT(DISTINCT a.id) FROM portal_receipts p "
        f"JOIN applications a ON a.id = p.application_id WHERE p.portal_number LIKE '{prefix}-%'"
    )
    url = os.environ.get("DATABASE_URL")
    if url:
        out = subprocess.run(["psql", url, "-At", "-F", ",", "-c", query], check=True, capture_output=True, text=True)
        return tuple(int(x) for x in out.stdout.strip().split(","))  # type: ignore[return-value]
    with sqlite3.connect(os.path.join(data_dir, "madoguchi.sqlite")) as db:
        return db.execute(query).fetchone()


def test_an_import_killed_at_any_point_and_run_again_takes_each_package_once() -> None:
    assert BIN, "MADOGUCHI_BIN must name the madoguchi executable"
    prefix = "K" + uuid.uuid4().hex[:8].upper()
    with tempfile.TemporaryDirectory(prefix="madoguchi-import-crash-") as data_dir:
        packages = os.path.join(data_dir, "packages")
        env = dict(os.environ, MADOGUCHI_DATA_DIR=data_dir)
        run(["migrate"], env)
        run(["demo-packages", "--count", str(COUNT), "--out", packages, "--prefix", prefix], env)
        env["MADOGUCHI_PORTAL_TRUST_ANCHORS"] = os.path.join(packages, "trust-anchors.pem")
        rng = random.Random(prefix)
        kills = 0
        for _ in range(4):
            process = subprocess.Popen(
                [BIN, "import", packages], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            time.sleep(rng.uniform(0.2, 1.2))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)  # no shutdown: a crash at whatever it was doing
                kills += 1
            process.wait()
        taken_before = counts(data_dir, prefix)[0]
        final = run(["import", packages], env).stdout
        assert "quarantined" not in final, final
        receipts, numbers, applications = counts(data_dir, prefix)
        assert (receipts, numbers, applications) == (COUNT, COUNT, COUNT), (receipts, numbers, applications, final)
        again = run(["import", packages], env).stdout
        assert f"already present: {COUNT}" in again and "imported: 0" in again, again
        print(f"{kills} kills; {taken_before} of {COUNT} in before the last run; then all, each once")
