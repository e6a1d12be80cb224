"""A real SMTP server for the notification tests: Debian's aiosmtpd
(python3-aiosmtpd) on a loopback port chosen by the kernel.

  smtp_test_server.py --mode plain|starttls|smtps --cert C --key K --spool DIR
                      [--user NAME --password SECRET]

plain:    no TLS offered (STARTTLS is not advertised);
starttls: STARTTLS offered and required before MAIL; AUTH only after it;
smtps:    implicit TLS from the first byte.
With --user, AUTH (PLAIN, LOGIN) is required and checked. Prints the port on
one line once listening; writes each accepted message to DIR/<n>.json as
{"mail_from", "rcpt_tos", "data", "tls", "login"} before answering 250.
"""
import argparse
import asyncio
import itertools
import json
import logging
import os
import ssl
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Spool:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": envelope.content.decode("utf-8", "replace"),
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "login": session.auth_data.login.decode() if session.authenticated else None,
        }
        path = os.path.join(self.directory, f"{next(self.counter)}.json")
        with open(path + ".tmp", "w") as out:
            json.dump(record, out)
        os.rename(path + ".tmp", path)
        return "250 OK queued"


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == user
              and auth_data.password.decode() == password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data)
    return authenticate


def main():
    # smtps with AUTH is TLS from the first byte, which aiosmtpd's
    # "AUTH without STARTTLS" warning does not know about.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["plain", "starttls", "smtps"], required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--spool", required=True)
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    options = {"hostname": "localhost", "auth_require_tls": args.mode != "smtps"}
    if args.mode == "starttls":
        options.update(tls_context=context, require_starttls=True)
    if args.user:
        options.update(auth_required=True,
                       authenticator=make_authenticator(args.user, args.password))

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    handler = Spool(args.spool)
    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(handler, loop=loop, **options), host="127.0.0.1", port=0,
        ssl=context if args.mode == "smtps" else None))
    print(server.sockets[0].getsockname()[1], flush=True)
    loop.run_forever()


if __name__ == "__main__":
    main()
