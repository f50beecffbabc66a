"""`journal course serve --dir COURSE`: the course server (a JupyterHub service, or standalone with tokens)."""

HELP = "serve a course: class index, entry pages, comments, moderation, tutors' downloads, the API"
ORDER = 20


def add_arguments(p):
    p.add_argument("--dir", metavar="COURSE", default=".", help="the course folder (default: the current folder)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on without a hub (default: 127.0.0.1); a hub gives its own")
    p.add_argument("--port", type=int, default=8867, help="port to listen on without a hub (default: 8867)")
    p.add_argument("--base-url", default="/", metavar="PATH", help="path prefix without a hub (default: /)")
    p.add_argument("--allow-host", action="append", default=[], metavar="HOST",
                   help="a host name visitors use to reach the server (the hub's public name); "
                        "local names always work; repeat for several")
    p.add_argument("--store", metavar="FACTORY",
                   help="another course store backend, as module:callable taking the course folder "
                        "(default: the folder, or PostgreSQL when course.toml sets db or --db is given)")
    p.add_argument("--db", metavar="URL", help="keep the course in this PostgreSQL database "
                                               "(postgresql://user@host:port/name), whatever course.toml says")


def run(args):
    import importlib

    from export.course import CourseRenderer
    from journal.course.backends import open_store
    from journal.course.groups import HubGroups, RosterFile
    from journal.course.lti.course import LtiCourse
    from journal.course.server import ServerState
    from journal.course.server.identity import course_secret, hub_environment
    from journal.course.server.run import hub_address, hub_hosts, serve
    from journal.environment import environment

    if args.store:
        module, _, name = args.store.partition(":")
        store = getattr(importlib.import_module(module), name)(args.dir)
    else:
        store = open_store(args.dir, args.db)
    settings = store.settings
    lti = LtiCourse(args.dir, settings, store.lti) if settings.lti.enabled else None
    if lti is not None:
        lti.key_set()                   # the tool's key made (or its permissions refused) before anyone asks
    # The LMS's roster, once synced, is the course's (re-read whenever a sync rewrites it).
    roster = RosterFile(settings.roster_path(args.dir))
    hub = hub_environment()
    env = environment()
    groups = HubGroups(env.hub_api_url, env.hub_api_token, settings.groups_prefix) \
        if hub and settings.groups_prefix else None
    hosts = [*args.allow_host, *filter(None, environment().course_hosts.split(","))]
    if hub:
        host, port, base = hub_address()
        hosts += hub_hosts()
    else:
        host, port, base = args.host, args.port, args.base_url
    state = ServerState(store, CourseRenderer(), secret=course_secret(args.dir), hosts=hosts, port=port,
                        base_url=base, roster=roster, hub=hub, groups=groups, lti=lti)

    def announce():
        mode = "as a JupyterHub service" if hub else "standalone (tokens from 'journal course token LOGIN')"
        print(f"Serving the course {store.settings.title!r} {mode} at http://{host}:{port}{state.url()}",
              flush=True)
        print("Press Ctrl-C to stop.", flush=True)

    return serve(state, host, port, announce=announce)
