"""The JSON API against its own OpenAPI document, with schemathesis (PyPI).

Schemathesis reads the served /api/openapi.yaml and sends, for every operation, the document's
examples, boundary values of every parameter and body member (the coverage phase), generated
requests (fuzzing, hypothesis), chains of calls (stateful), and methods the document does not
declare. Every check it has runs on every answer: no 5xx, status codes, content types and bodies as
documented, 405 with Allow for an undeclared method, no answer to a bad request that looks like
success, and the rest (all but one, said below).

Bounded: a fixed seed and number of examples per operation, a timeout per request and for the
whole run; it talks only to the server scripts/test started on 127.0.0.1.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

MAX_EXAMPLES = 150
SEED = 20261206
RUN_TIMEOUT_SECONDS = 600


def test_the_api_answers_as_its_openapi_document_says_to_generated_requests(base_url, tmp_path):
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{base_url}/api/openapi.yaml",
        "--url",
        base_url,
        "--checks",
        "all",
        # `data` is the procedure's form, which one generic schema cannot state: a body that the
        # schema allows (an empty `data` for the document's example procedure id) is then
        # refused with 422 and the fields it lacks, as documented, not accepted.
        "--exclude-checks",
        "positive_data_acceptance",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--request-timeout",
        "10",
        "--generation-database",
        "none",
        "--no-color",
        "--report-dir",
        str(tmp_path),
    ]
    run = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=RUN_TIMEOUT_SECONDS, check=False
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-12000:]
    # and it did test: every operation of the document, and every case it generated passed
    operations = re.search(r"Selected: (\d+)/(\d+)\s+Tested: (\d+)", output)
    assert operations and operations.group(1) == operations.group(2) == operations.group(3), output[-4000:]
    cases = re.search(r"(\d+) generated, (\d+) passed", output)
    assert cases and int(cases.group(1)) > 0 and cases.group(1) == cases.group(2), output[-4000:]
