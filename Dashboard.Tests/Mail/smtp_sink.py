#!/usr/bin/python3
"""A real SMTP server for the mail tests (Debian's python3-aiosmtpd).

usage: smtp_sink.py PORT FOLDER [STOP_AFTER]

Listens on 127.0.0.1:PORT and stores every accepted message as FOLDER/<n>-<uuid>.eml, headed by
X-Envelope-From / X-Envelope-To lines, written to a temporary name and renamed so a reader never
sees half a message. Prints "ready" once listening. With STOP_AFTER, the process exits (as a crashed
server would) when a client starts the transaction after the STOP_AFTER-th stored message: the
client has been told the earlier messages were accepted, and the next one is lost mid-send.
"""
import asyncio
import os
import sys
import uuid

from aiosmtpd.smtp import SMTP


class Store:
    def __init__(self, folder, stop_after):
        self.folder = folder
        self.stop_after = stop_after
        self.count = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.stop_after is not None and self.count >= self.stop_after:
            sys.stdout.flush()
            os._exit(3)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        head = f"X-Envelope-From: {envelope.mail_from}\r\n" + "".join(f"X-Envelope-To: {r}\r\n" for r in envelope.rcpt_tos)
        name = f"{self.count:05d}-{uuid.uuid4().hex}.eml"
        temporary = os.path.join(self.folder, "." + name + ".tmp")
        with open(temporary, "wb") as f:
            f.write(head.encode("ascii") + envelope.original_content)
        os.rename(temporary, os.path.join(self.folder, name))
        self.count += 1
        return "250 Message accepted for delivery"


async def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    stop_after = int(sys.argv[3]) if len(sys.argv) > 3 else None
    handler = Store(folder, stop_after)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, enable_SMTPUTF8=True), "127.0.0.1", port, reuse_address=True)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
