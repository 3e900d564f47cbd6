#!/usr/bin/python3
"""A real SMTP server for the tests: Debian's aiosmtpd with STARTTLS required and AUTH
(PLAIN/LOGIN) required after it, like NHSmail's relay on port 587.

Each accepted message is written to DIR as a JSON file (envelope, headers and the decoded text
and HTML parts). What it does next can be changed while it runs by writing DIR/mode:
  accept         (the default) take every message
  tempfail       answer 451 to every recipient (try again later)
  refuse         answer 550 to every recipient (no such mailbox)
  hold SECONDS       touch DIR/holding, then wait before answering a recipient (the
                     message has not been sent yet)
  hold-data SECONDS  touch DIR/holding, take the message, then wait before saying so
                     (the message is kept whatever happens to the client meanwhile)
Prints "READY <port>" once it listens.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import socket
import ssl
import sys
import time
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def mode(directory):
    try:
        with open(os.path.join(directory, "mode")) as f:
            return f.read().split()
    except FileNotFoundError:
        return ["accept"]


class Handler:
    def __init__(self, directory):
        self.directory = directory

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        m = mode(self.directory)
        if m[0] == "tempfail":
            return "451 4.3.0 Mailbox busy, try again later"
        if m[0] == "refuse":
            return "550 5.1.1 No such mailbox here"
        if m[0] == "hold":
            open(os.path.join(self.directory, "holding"), "w").close()
            await asyncio.sleep(float(m[1]))
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        m = mode(self.directory)
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        parts = {"text": "", "html": ""}
        for part in msg.walk():
            kind = part.get_content_type()
            if kind == "text/plain":
                parts["text"] += part.get_content()
            elif kind == "text/html":
                parts["html"] += part.get_content()
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "to": str(msg["To"]),
            "from": str(msg["From"]),
            "subject": str(msg["Subject"]),
            "message_id": str(msg["Message-ID"]),
            "authenticated": bool(session.authenticated),
            "tls": session.ssl is not None,
            **parts,
        }
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.json"
        tmp = os.path.join(self.directory, "." + name)
        with open(tmp, "w") as f:
            json.dump(record, f)
        os.rename(tmp, os.path.join(self.directory, name))
        if m[0] == "hold-data":
            # Taken (as a real server commits before it answers), then slow to say so.
            open(os.path.join(self.directory, "holding"), "w").close()
            await asyncio.sleep(float(m[1]))
        return "250 2.0.0 Message accepted for delivery"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--user", default="fellowship@nhs.net")
    p.add_argument("--password", default="relay password")
    a = p.parse_args()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == a.user.encode()
            and auth_data.password == a.password.encode()
        )
        return AuthResult(success=ok, handled=False)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(a.cert, a.key)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(
        Handler(a.dir),
        hostname="127.0.0.1",
        port=port,
        server_hostname="localhost",
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls=True,
    )
    controller.start()
    print(f"READY {port}", flush=True)
    try:
        sys.stdin.read()  # runs until the test closes our stdin (or kills us)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
