"""Every environment variable the journal reads, declared once, as JupyterHub's HubAuth declares its inputs.

Each is a trait with its variable, its default and what it is for; `environment()` reads them all at the
moment it is called (a test, a kernel or a server may change them between calls). Nothing else in the
journal reads `os.environ`: a module asks `environment().journal_role`, and `journal/environment.py` is the
one list of what the journal can be told from outside (tests/test_docs.py checks the README lists them).

The `references` package reads its own (JPY_SESSION_NAME): it sits below the journal and knows nothing of it.
The example hub configuration (course/hub/jupyterhub_config.py) reads the hub deployment's own variables: JupyterHub
runs it as a config file, and its docstring lists them.
"""

from __future__ import annotations

import os

from traitlets import HasTraits, Unicode


def _variable(name: str, help: str, default: str = "") -> Unicode:
    return Unicode(default, help=help).tag(variable=name)


class Environment(HasTraits):
    """The environment as the journal reads it; every value stripped of surrounding white space."""

    # -- who is at the keyboard
    journal_role = _variable("JOURNAL_ROLE", "The role this process acts in on a journal: peer, author or "
                             "tutor. Unset: decided by the login (the journal's username is its author).")
    hub_user = _variable("JUPYTERHUB_USER", "The JupyterHub user whose server this is (set by the hub); "
                         "the login this process acts as, before the operating system's.")
    # -- which journal and entry
    journal_dir = _variable("JOURNAL_DIR", "The journal folder a server's kernels belong to; a notebook's "
                            "panel finds its journal here rather than above the notebook.")
    session_name = _variable("JPY_SESSION_NAME", "The notebook a kernel runs for (set by Jupyter's server): "
                             "how a comment panel knows its entry.")
    server_software = _variable("SERVER_SOFTWARE", "The server a kernel runs under (Voilà sets voila/…): on "
                                "a served page the operating system's user is not the reader.")
    # -- the course
    course_token = _variable("JOURNAL_COURSE_TOKEN", "A standalone course server's token ('journal course "
                             "token LOGIN'); wins over the hub's token.")
    hub_api_token = _variable("JUPYTERHUB_API_TOKEN", "The hub's API token of this server or service (set "
                              "by the hub): the student's identity to the course, the service's to the hub.")
    hub_api_url = _variable("JUPYTERHUB_API_URL", "The hub's API (set by the hub): where 'journal course "
                            "join' asks for the course service's address.")
    hub_public_hub_url = _variable("JUPYTERHUB_PUBLIC_HUB_URL", "The hub's public address (set by the hub "
                                   "where it knows one): the course address browsers reach.")
    hub_public_url = _variable("JUPYTERHUB_PUBLIC_URL", "The hub's public URL (set by the hub where it has "
                               "public_url): a host name the course server answers to.")
    service_url = _variable("JUPYTERHUB_SERVICE_URL", "Where the hub runs the course service (set by the hub "
                            "for a managed service): the address and port it listens on.")
    service_prefix = _variable("JUPYTERHUB_SERVICE_PREFIX", "The path the hub's proxy serves the course service "
                               "under (set by the hub), e.g. /services/journal/.")
    course_hosts = _variable("JOURNAL_COURSE_HOSTS", "Host names, comma-separated, the course server answers "
                             "to besides its own address (a hub without public_url sets it for the service).")
    lti_key = _variable("JOURNAL_LTI_KEY", "The course's private LTI signing key (PEM); unset: the course "
                        "folder's [lti] key_file, made on first use.")
    # -- tutors' tools
    smtp_password = _variable("JOURNAL_SMTP_PASSWORD", "The SMTP password for e-mail digests; never kept in "
                              "course.toml.")
    pg_bindir = _variable("PG_BINDIR", "The folder of PostgreSQL's initdb and pg_ctl, for a throwaway "
                          "cluster; unset: found on PATH or in Debian's install.")
    config_home = _variable("XDG_CONFIG_HOME", "Where the journal keeps the courses you trust "
                            "(journal/courses.txt); unset: ~/.config.")

    @property
    def under_hub(self) -> bool:
        """Started by JupyterHub as a managed service: its token, its API and its prefix are all set."""
        return bool(self.hub_api_token and self.hub_api_url and self.service_prefix)

    @classmethod
    def variables(cls) -> dict[str, str]:
        """Trait name -> environment variable, for every input declared here."""
        return {name: trait.metadata["variable"] for name, trait in cls.class_traits().items()
                if "variable" in trait.metadata}


def environment(environ=None) -> Environment:
    """The environment now (`environ`: a mapping to read instead, e.g. a service's own)."""
    env = os.environ if environ is None else environ
    return Environment(**{name: env[variable].strip() for name, variable in Environment.variables().items()
                          if variable in env})
