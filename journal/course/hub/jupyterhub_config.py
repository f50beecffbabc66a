"""JupyterHub configuration for a journal course: the course service, who may reach it, the tutors group.

Use it as the hub's whole configuration (`jupyterhub -f jupyterhub_config.py`), or load it from the hub's
own file, after that file's settings:

    c.JupyterHub.load_subconfig("<this file>")

The tests start a real hub with this file. It adds to what the hub already has (services, roles, groups),
and reads these environment variables, so the same file serves a real hub and the tests:

    JOURNAL_COURSE_DIR          the course folder, made with `journal course init` (required)
    JOURNAL_SERVICE_NAME        the service's name, so its pages are at /services/NAME/ (default: journal)
    JOURNAL_SERVICE_PORT        the port the service listens on, on 127.0.0.1 (default: 10101)
    JOURNAL_SERVICE_URL         where it listens instead, an address the proxy reaches (default:
                                http://127.0.0.1:JOURNAL_SERVICE_PORT; e.g. http://hub:10101 on Kubernetes)
    JOURNAL_COURSE_HOSTS        the host names people reach the hub by, comma-separated, when the hub has no
                                `public_url` (the course refuses requests for any other Host)
    JOURNAL_TUTORS_GROUP        the hub group of tutors (default: tutors; must match course.toml)
    JOURNAL_TUTORS              logins to add to that group when the hub starts, comma-separated (optional)
    JOURNAL_HUB_AUTHENTICATOR   "dummy" to let anyone in under any name (tests, a try-out on a laptop);
                                unset, the hub keeps its own authenticator
"""

import os
import sys

c = get_config()  # noqa: F821  (JupyterHub provides get_config when it loads this file)

NAME = os.environ.get("JOURNAL_SERVICE_NAME", "journal")
PORT = int(os.environ.get("JOURNAL_SERVICE_PORT", "10101"))
URL = os.environ.get("JOURNAL_SERVICE_URL", "") or f"http://127.0.0.1:{PORT}"
TUTORS = os.environ.get("JOURNAL_TUTORS_GROUP", "tutors")
COURSE = os.environ.get("JOURNAL_COURSE_DIR", "")
if not COURSE:
    sys.exit("jupyterhub_config.py: set JOURNAL_COURSE_DIR to the course folder (made with 'journal course init')")

# A hub-managed service: the hub starts it, gives it its OAuth client and API token in JUPYTERHUB_* variables,
# and the proxy routes /services/NAME/ to it. The same Python as the hub's, so the course server and the hub
# share one environment.
c.JupyterHub.services.append({
    "name": NAME,
    "url": URL,
    "command": [sys.executable, "-m", "journal", "course", "serve", "--dir", os.path.abspath(COURSE)],
    "display": True,                                    # listed in the hub's Services menu
    "oauth_no_confirm": True,                           # our own service: no "authorize?" page at every login
    # The course server decides who is a tutor from the hub's groups: let its OAuth tokens read them.
    "oauth_client_allowed_scopes": ["read:users:groups!user"],
    # A service sees only the variables given here; the hub's public_url reaches it without help.
    "environment": {"JOURNAL_COURSE_HOSTS": os.environ.get("JOURNAL_COURSE_HOSTS", "")},
})

# Who may reach the service. Users log in through the browser (the `user` role); a student's JupyterLab
# server shares entries with its own $JUPYTERHUB_API_TOKEN (the `server` role). Both may also read the
# service's address, so `journal course join` finds it without being told. Narrow scopes, not `inherit`:
# a server's token can reach the course and nothing else it did not have.
REACH = [f"access:services!service={NAME}", f"read:services!service={NAME}"]
c.JupyterHub.load_roles.extend([
    {"name": "user", "scopes": ["self", *REACH]},
    {"name": "server", "scopes": ["users:activity!user", "access:servers!server", *REACH]},
])

# Tutor groups may be hub groups (course.toml `groups_prefix`): the course service asks the hub who is in them,
# with its own token. Listing and reading groups is all it may do with that token.
c.JupyterHub.load_roles.append({"name": f"{NAME}-groups", "services": [NAME], "scopes": ["list:groups", "read:groups"]})

# The tutors group (course.toml names it): its members read everything and moderate every journal.
tutors = [login.strip() for login in os.environ.get("JOURNAL_TUTORS", "").split(",") if login.strip()]
c.JupyterHub.load_groups.update({TUTORS: {"users": tutors}})

if os.environ.get("JOURNAL_HUB_AUTHENTICATOR", "").strip().lower() == "dummy":
    c.JupyterHub.authenticator_class = "dummy"
    c.Authenticator.allow_all = True
