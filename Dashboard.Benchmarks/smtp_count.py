#!/usr/bin/python3
"""The SMTP server of the mail-rate benchmark (Debian's python3-aiosmtpd).

usage: smtp_count.py PORT

Listens on 127.0.0.1:PORT, accepts every message and keeps none: after each accepted message it
prints the running count on its own line, so the benchmark timestamps every hand-over as it happens.
Storing nothing keeps the server's own cost as small as aiosmtpd allows; the app and the MailKit
yardstick send to this same process in the same run, so whatever it costs is charged to both.
"""
import asyncio
import sys

from aiosmtpd.smtp import SMTP


class Count:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        sys.stdout.write(f"{self.count}\n")
        sys.stdout.flush()
        return "250 Message accepted for delivery"


async def main():
    port = int(sys.argv[1])
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(Count(), enable_SMTPUTF8=True), "127.0.0.1", port, reuse_address=True)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
