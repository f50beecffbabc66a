"""`journal serve`: the published entries as web pages where peers read and comment (one journal, no hub).

The single-journal mode of the course server: pages are rendered once per change, no kernel runs per visitor.
"""

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
    p.add_argument("--allow-host", action="append", default=[], metavar="HOST",
                   help="a host name visitors use to reach this machine (local names always work)")


def run(args):
    import secrets
    from urllib.parse import quote

    from export.course import CourseRenderer

    from ..course.server import ServerState
    from ..course.server.ports import check_port, is_local
    from ..course.server.run import serve
    from ..course.single import SingleJournalStore
    from . import open_journal

    journal = open_journal(args)
    token = secrets.token_urlsafe(24) if args.token == "" else (args.token or "")
    if not is_local(args.host):
        if token:
            print(f"journal: warning: listening on {args.host}: anyone who can reach this machine and "
                  "has the address with its token can open the pages.", file=sys.stderr)
        else:
            print(f"journal: warning: listening on {args.host}: peers on the network can reach these pages "
                  "and post comments; give them a token (--token).", file=sys.stderr)
    check_port(args.host, args.port)
    store = SingleJournalStore(journal)
    hosts = list(args.allow_host)
    if not is_local(args.host) and args.host not in ("0.0.0.0", "::"):
        hosts.append(args.host)
    state = ServerState(store, CourseRenderer(), single=True, shared_token=token, hosts=hosts, port=args.port,
                        base_url=args.base_url, secret=secrets.token_urlsafe(32))
    shown = "localhost" if args.host in ("0.0.0.0", "::") else args.host
    address = f"http://{shown}:{args.port}{state.url()}" + (f"?token={quote(token)}" if token else "")

    def announce():
        entries = len(store.entries())
        print(f"Serving {entries} published {'entry' if entries == 1 else 'entries'} of {journal.title!r}.")
        print(f"Open: {address}")
        print("Press Ctrl-C to stop.", flush=True)
        if not args.no_browser:
            import webbrowser

            webbrowser.open(address)

    return serve(state, args.host, args.port, announce=announce)
