#!/usr/bin/env python3
"""An SMTP server for Madoguchi's tests: aiosmtpd on 127.0.0.1, every message kept as a file.

    smtp_sink.py --dir DIR [--reject ADDR]... [--tempfail ADDR]... [--no-ehlo]
                 [--starttls | --implicit-tls] [--auth USER:PASSWORD]

Listens on a free port of 127.0.0.1 and, once listening, writes the port number to DIR/port.
Every message accepted becomes DIR/NNNN.json (written whole, then renamed into place):

    mail_from, rcpt_tos   the envelope
    helo                  the name the client gave in EHLO or HELO
    tls                   whether the message came inside TLS
    auth                  the user name the client logged in with, or null
    data_base64           the bytes after DATA, dot-stuffing undone by aiosmtpd
    parsed                what Python's email package (policy.default) reads from those bytes:
                          subject, from_name, from_address, to_address, message_id, date (ISO 8601),
                          content_type, charset, transfer_encoding, body, defects

--reject ADDR     550 to RCPT TO:<ADDR>        --tempfail ADDR  451 to RCPT TO:<ADDR>
--no-ehlo         502 to EHLO, as a server from before ESMTP would say
--starttls        offers STARTTLS; --implicit-tls speaks TLS from the first byte. Either way the
                  certificate is a fresh self-signed one for IP 127.0.0.1 (made with the openssl
                  command), written to DIR/cert.pem for the client to trust.
--auth U:P        offers AUTH PLAIN and LOGIN (inside TLS only, as aiosmtpd does by default) and
                  takes this pair only.

Exits when its standard input closes (the test process is gone) or on SIGTERM.
"""

import argparse
import asyncio
import base64
import email
import email.policy
import json
import os
import signal
import ssl
import subprocess
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, directory, reject, tempfail):
        self.directory = directory
        self.reject = set(reject)
        self.tempfail = set(tempfail)
        # Numbered on from what the folder holds, so a sink restarted on it (after an outage) adds.
        self.count = len([name for name in os.listdir(directory) if name.endswith(".json")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        if address in self.tempfail:
            return f"451 4.3.0 <{address}>: try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        raw = envelope.original_content
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "helo": session.host_name,
            # session.ssl is set by STARTTLS only; with implicit TLS the connection itself is TLS.
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "auth": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
            "data_base64": base64.b64encode(raw).decode("ascii"),
            "parsed": parse(raw),
        }
        path = os.path.join(self.directory, f"{self.count:04d}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.replace(path + ".tmp", path)
        return "250 2.0.0 OK: queued"


class SinkWithoutEHLO(Sink):
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        return ["502 5.5.1 EHLO not implemented"]


def parse(raw):
    """The message as Python's email package reads it: an independent reader for the tests."""
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        sender = message["from"].addresses[0]
        date = message["date"].datetime
        defects = [type(d).__name__ for d in message.defects]
        for name in ("subject", "from", "to", "date", "message-id"):
            defects += [f"{name}: {type(d).__name__}" for d in message[name].defects]
        return {
            "subject": str(message["subject"]),
            "from_name": sender.display_name,
            "from_address": sender.addr_spec,
            "to_address": message["to"].addresses[0].addr_spec,
            "message_id": str(message["message-id"]),
            "date": date.isoformat() if date else None,
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "transfer_encoding": message.get("content-transfer-encoding"),
            "body": message.get_content(),
            "defects": defects,
        }
    except Exception as error:  # a raw test message that is no RFC 5322 message: say so, keep going
        return {"error": f"{type(error).__name__}: {error}"}


def tls_context(directory):
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def authenticator(pair):
    user, _, password = pair.partition(":")

    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data == (user.encode(), password.encode())
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return check


async def serve(args):
    loop = asyncio.get_running_loop()
    handler = (SinkWithoutEHLO if args.no_ehlo else Sink)(args.dir, args.reject, args.tempfail)
    context = tls_context(args.dir) if args.starttls or args.implicit_tls else None
    options = {"hostname": "sink.test", "loop": loop}
    if args.starttls:
        options["tls_context"] = context
    if args.auth:
        options["authenticator"] = authenticator(args.auth)
    server = await loop.create_server(
        lambda: SMTP(handler, **options), host="127.0.0.1", port=args.port, ssl=context if args.implicit_tls else None)
    port_file = os.path.join(args.dir, "port")
    with open(port_file + ".tmp", "w") as out:
        out.write(str(server.sockets[0].getsockname()[1]))
    os.replace(port_file + ".tmp", port_file)

    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    stdin = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin)

    async def until_stdin_closes():
        while await stdin.read(4096):
            pass
        stop.set()

    watcher = asyncio.create_task(until_stdin_closes())
    await stop.wait()
    watcher.cancel()
    server.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0, help="listen here (0: a free port), e.g. to come back after an outage")
    parser.add_argument("--reject", action="append", default=[])
    parser.add_argument("--tempfail", action="append", default=[])
    parser.add_argument("--no-ehlo", action="store_true")
    tls = parser.add_mutually_exclusive_group()
    tls.add_argument("--starttls", action="store_true")
    tls.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
