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
                                "lti" to sign people in from the LMS the course's `[lti]` names (LTI 1.3,
                                with JUPYTERHUB_CRYPT_KEY set: the launch is kept encrypted as auth_state);
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
AUTHENTICATOR = os.environ.get("JOURNAL_HUB_AUTHENTICATOR", "").strip().lower()
# From the LMS, the course reads a person's own launch (their LMS role, name and course) from the hub's
# auth_state, with their own token: that one scope, and only on themselves.
LAUNCH_CLAIMS = ["admin:auth_state!user"] if AUTHENTICATOR == "lti" else []

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
    "oauth_client_allowed_scopes": ["read:users:groups!user", *LAUNCH_CLAIMS],
    # A service sees only the variables given here; the hub's public_url reaches it without help.
    "environment": {"JOURNAL_COURSE_HOSTS": os.environ.get("JOURNAL_COURSE_HOSTS", "")},
})

# Who may reach the service. Users log in through the browser (the `user` role); a student's JupyterLab
# server shares entries with its own $JUPYTERHUB_API_TOKEN (the `server` role). Both may also read the
# service's address, so `journal course join` finds it without being told. Narrow scopes, not `inherit`:
# a server's token can reach the course and nothing else it did not have.
REACH = [f"access:services!service={NAME}", f"read:services!service={NAME}"]
c.JupyterHub.load_roles.extend([
    {"name": "user", "scopes": ["self", *REACH, *LAUNCH_CLAIMS]},
    {"name": "server", "scopes": ["users:activity!user", "access:servers!server", *REACH]},
])

# Tutor groups may be hub groups (course.toml `groups_prefix`): the course service asks the hub who is in them,
# with its own token. Listing and reading groups is all it may do with that token.
c.JupyterHub.load_roles.append({"name": f"{NAME}-groups", "services": [NAME], "scopes": ["list:groups", "read:groups"]})

# The tutors group (course.toml names it): its members read everything and moderate every journal.
tutors = [login.strip() for login in os.environ.get("JOURNAL_TUTORS", "").split(",") if login.strip()]
c.JupyterHub.load_groups.update({TUTORS: {"users": tutors}})

if AUTHENTICATOR == "dummy":
    c.JupyterHub.authenticator_class = "dummy"
    c.Authenticator.allow_all = True
elif AUTHENTICATOR == "lti":
    # The LMS's registration of the tool, from the course's own course.toml [lti]: one place for its values.
    from journal.course.settings import FILENAME, CourseSettings

    lti = CourseSettings.load(os.path.join(COURSE, FILENAME)).lti
    if not lti.enabled:
        sys.exit(f"jupyterhub_config.py: JOURNAL_HUB_AUTHENTICATOR=lti, but {COURSE}/{FILENAME} has no [lti] issuer")
    c.JupyterHub.authenticator_class = "ltiauthenticator.lti13.auth.LTI13Authenticator"
    c.LTI13Authenticator.issuer = lti.issuer
    c.LTI13Authenticator.client_id = [lti.client_id]
    c.LTI13Authenticator.authorize_url = lti.auth_url
    c.LTI13Authenticator.jwks_endpoint = lti.jwks_url
    c.LTI13Authenticator.username_key = lti.username_key
    c.Authenticator.enable_auth_state = True            # the verified launch, encrypted with JUPYTERHUB_CRYPT_KEY
    c.Authenticator.allow_all = True                    # the LMS decides who launches; the course checks its context
    # A launch's target link is the course, so the person lands on it (the authenticator's `next`).
    c.JupyterHub.default_url = f"/services/{NAME}/"
