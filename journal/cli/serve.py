"""`journal serve`: the published entries as web pages where peers read and comment (Voilà)."""

import sys

HELP = "serve published entries as web pages for peers to read and comment on"
ORDER = 70


def add_arguments(p):
    p.add_argument("--port", type=int, default=8866, help="port to listen on (default: 8866)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--no-browser", action="store_true", help="do not open the index page in a browser")
    p.add_argument("--token", nargs="?", const="", default=None, metavar="TOKEN",
                   help="require this token in the page address (without a value: make one up)")
    p.add_argument("--base-url", default="/", metavar="PATH",
                   help="path prefix when a proxy forwards to the server, e.g. /user/ada/proxy/absolute/8866/")


def run(args):
    import secrets
    import signal

    from ..serve import Server
    from ..serve.voila import is_local
    from . import open_journal

    journal = open_journal(args)
    token = args.token
    if token == "":
        token = secrets.token_urlsafe(24)
    if not is_local(args.host):
        if token:
            print(f"journal: warning: listening on {args.host}: anyone who can reach this machine and "
                  "has the address with its token can open the pages.", file=sys.stderr)
        else:
            print(f"journal: warning: listening on {args.host}: peers on the network can reach these pages "
                  "and post comments; give them a token (--token).", file=sys.stderr)
    # `kill` and Ctrl-C take the same road out, so Voilà and its kernels always stop.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, signal.default_int_handler)   # even when started with SIGINT ignored
    server = Server(journal, host=args.host, port=args.port, token=token or "", base_url=args.base_url)
    try:
        server.start()
        entries = len(server.pages)
        print(f"Serving {entries} published {'entry' if entries == 1 else 'entries'} of {journal.title!r}.")
        print(f"Open: {server.page_url()}")
        print("Press Ctrl-C to stop.", flush=True)
        if not args.no_browser:
            import webbrowser

            webbrowser.open(server.page_url())
        code = server.wait()
        if code:
            print(f"journal: error: Voilà stopped (exit {code}):\n{server.log_tail()}", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("Stopping…", file=sys.stderr, flush=True)
    finally:
        server.stop()
    print("Stopped.", file=sys.stderr)
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt
