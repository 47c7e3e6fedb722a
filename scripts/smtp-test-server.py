#!/usr/bin/python3
"""A real SMTP server for the mail tests: aiosmtpd on 127.0.0.1, on a port the kernel picks.

Every message it accepts is stored as one file in MAILDIR/new/ (Maildir layout), exactly as it was
received after SMTP dot-unstuffing, preceded by two envelope lines:

    X-MailFrom: <sender>
    X-RcptTo: <recipient>, <recipient>

Usage:
    smtp-test-server.py --maildir DIR [--port-file FILE] [--until-stdin-closes] [--remove-on-exit]

DIR must not exist yet. Once the server listens it prints "port N" on standard output and, with
--port-file, writes N to FILE (atomically). It stops on SIGTERM or SIGINT, and with
--until-stdin-closes also when its standard input reaches end of file, so a test process that
started it cannot leave it behind; --remove-on-exit then deletes DIR.

Needs Debian's python3-aiosmtpd (scripts/install-dependencies.sh installs it); run it with
/usr/bin/python3, the interpreter that package installs for.
"""

import argparse
import asyncio
import os
import shutil
import signal
import socket
import sys
import uuid

try:
    from aiosmtpd.smtp import SMTP
except ImportError:
    sys.stderr.write(
        "smtp-test-server.py: the Python module aiosmtpd is missing; "
        "install Debian's python3-aiosmtpd (scripts/install-dependencies.sh does)\n")
    sys.exit(69)


class MaildirHandler:
    """Stores each message as received, with its envelope, in a Maildir."""

    def __init__(self, maildir):
        self.maildir = maildir
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, sub))

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        head = "X-MailFrom: <%s>\r\nX-RcptTo: %s\r\n" % (
            envelope.mail_from, ", ".join("<%s>" % r for r in envelope.rcpt_tos))
        name = uuid.uuid4().hex
        temporary = os.path.join(self.maildir, "tmp", name)
        with open(temporary, "wb") as f:
            f.write(head.encode("ascii", "replace") + content)
        os.rename(temporary, os.path.join(self.maildir, "new", name))
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser(description="aiosmtpd on 127.0.0.1 with a Maildir, for tests")
    parser.add_argument("--maildir", required=True, help="the Maildir to create (must not exist)")
    parser.add_argument("--port-file", help="a file to write the bound port to")
    parser.add_argument("--until-stdin-closes", action="store_true",
                        help="also stop when standard input reaches end of file")
    parser.add_argument("--remove-on-exit", action="store_true", help="delete the Maildir when stopping")
    arguments = parser.parse_args()
    if os.path.exists(arguments.maildir):
        parser.error("%s exists already; give a path that does not" % arguments.maildir)

    handler = MaildirHandler(arguments.maildir)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    port = listener.getsockname()[1]

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(lambda: SMTP(handler, hostname="brygga-test-smtp"), sock=listener))
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, loop.stop)
    if arguments.until_stdin_closes:
        def on_input():
            if not os.read(sys.stdin.fileno(), 4096):
                loop.stop()
        loop.add_reader(sys.stdin.fileno(), on_input)

    if arguments.port_file:
        temporary = arguments.port_file + ".tmp"
        with open(temporary, "w") as f:
            f.write("%d\n" % port)
        os.rename(temporary, arguments.port_file)
    sys.stdout.write("port %d\n" % port)
    sys.stdout.flush()

    try:
        loop.run_forever()
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()
        if arguments.remove_on_exit:
            shutil.rmtree(arguments.maildir, ignore_errors=True)


if __name__ == "__main__":
    main()
