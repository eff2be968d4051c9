"""Signs a staff account in for the first time (one-time password, own password, TOTP) and prints
the Cookie header of its session: for scripts/bench, which measures the inbox as staff see it.

usage: staff_session.py BASE_URL LOGIN ONE_TIME_PASSWORD
"""

import base64
import hashlib
import hmac
import re
import struct
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar


def totp(key: str) -> str:
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    mac = hmac.new(secret, struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return str((struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000).zfill(6)


def main() -> None:
    base, login, password = sys.argv[1:4]
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def page(path: str, fields: dict | None = None) -> str:
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        with opener.open(base + path, data=data, timeout=30) as response:
            return response.read().decode()

    def csrf(html: str) -> str:
        return re.search(r'name="_csrf" value="([^"]*)"', html).group(1)

    html = page("/staff/sign-in")
    html = page("/staff/sign-in", {"_csrf": csrf(html), "login": login, "password": password})
    key = re.search(r'<dd class="code">([^<]*)</dd>', html).group(1)
    pending = re.search(r'name="pending" value="([^"]*)"', html).group(1)
    own = "ichigo ringo banana 2026"
    page(
        "/staff/setup",
        {"_csrf": csrf(html), "pending": pending, "password": own, "password_again": own, "code": totp(key)},
    )
    print("; ".join(f"{cookie.name}={cookie.value}" for cookie in jar))


if __name__ == "__main__":
    main()
