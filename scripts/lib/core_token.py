"""A core system's access token for scripts/bench: a client_secret_jwt assertion (RFC 7523, HS256,
stdlib only) exchanged at the token endpoint. Prints the token.

    python3 core_token.py BASE_URL CLIENT_ID SECRET
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sys
import time
import urllib.parse
import urllib.request
import uuid


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main() -> None:
    base, client, secret = sys.argv[1:4]
    endpoint = base.rstrip("/") + "/core/v1/token"
    now = int(time.time())
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = b64(
        json.dumps(
            {"iss": client, "sub": client, "aud": endpoint, "iat": now, "exp": now + 120, "jti": str(uuid.uuid4())}
        ).encode()
    )
    signature = b64(hmac.new(secret.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest())
    body = urllib.parse.urlencode(
        {
            "grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": f"{header}.{claims}.{signature}",
        }
    ).encode()
    with urllib.request.urlopen(urllib.request.Request(endpoint, data=body, method="POST"), timeout=10) as answer:
        print(json.load(answer)["access_token"])


if __name__ == "__main__":
    main()
