"""A real JupyterHub for the course tests: the shipped example config, its proxy, the course service.

The hub, its proxy and the service it starts listen on 127.0.0.1 on free ports, keep their database,
cookie secret and course in a temporary folder, and are stopped by their own PIDs at the end. No
single-user server is ever spawned: people reach the course with their API tokens (made through the
hub's REST API) or through the hub's login page in a browser.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from journal.course.settings import CourseSettings

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
EXAMPLE = ROOT / "journal" / "course" / "hub" / "jupyterhub_config.py"
PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
SERVICE = "journal"
GROUPS_PREFIX = "tg-"
TUTORS = ("tina",)
PUBLIC_HOST = "course.example.test"   # a name people reach the hub by, as a hub without public_url is told
START_SECONDS = 120               # a busy two-core machine: the hub, its proxy and the service start in turn

TEST_CONFIG = """\
# Written by the course tests: the shipped example, plus what only a test needs.
load_subconfig({example!r})
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///" + {db!r}
c.JupyterHub.cookie_secret_file = {cookie!r}
c.JupyterHub.pid_file = {pid_file!r}
# After logging in, people land on the course rather than on a server of their own; none is ever spawned,
# and one asked for would fail at once (the dummy users have no system account), never start a process.
c.JupyterHub.default_url = "/services/{service}/"
c.Spawner.start_timeout = 5
# The tests' own admin: creates users and their tokens through the REST API.
c.JupyterHub.services.append({{"name": "test-admin", "api_token": {admin_token!r}}})
c.JupyterHub.load_roles.append({{"name": "test-admin", "services": ["test-admin"],
                                "scopes": ["admin:users", "tokens", "admin:groups", "read:services", "list:services"]}})
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HubError(AssertionError):
    pass


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict = field(default_factory=dict)

    def json(self):
        return json.loads(self.body or b"null")


def http(method: str, url: str, *, token: str | None = None, data=None, headers=None, timeout=60) -> Response:
    """One request with no redirects followed and no proxy; errors come back as responses."""
    body = None if data is None else (data if isinstance(data, bytes) else json.dumps(data).encode())
    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
    if token:
        request.add_header("Authorization", f"token {token}")
    if data is not None and not isinstance(data, bytes):
        request.add_header("Content-Type", "application/json")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as resp:
            return Response(resp.status, resp.read(), dict(resp.headers))
    except urllib.error.HTTPError as exc:
        return Response(exc.code, exc.read(), dict(exc.headers))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Hub:
    """A running hub: its public URL (the proxy), the admin's token, the course folder, the PIDs to stop."""

    url: str
    admin_token: str
    course: Path
    folder: Path
    process: subprocess.Popen
    log: Path
    tokens: dict = field(default_factory=dict)
    service: str = SERVICE
    tutors: tuple = TUTORS
    public_host: str = PUBLIC_HOST
    http = staticmethod(http)

    @property
    def api(self) -> str:
        return f"{self.url}/hub/api"

    @property
    def service_url(self) -> str:
        return f"{self.url}/services/{SERVICE}/"

    def admin(self, method, path, data=None) -> Response:
        return http(method, f"{self.api}/{path}", token=self.admin_token, data=data)

    def user(self, name: str) -> str:
        """A user of the hub (made if new) and their API token, with the same scopes as the user."""
        if name not in self.tokens:
            made = self.admin("POST", f"users/{name}")
            if made.status not in (201, 409):
                raise HubError(f"cannot make hub user {name}: {made.status} {made.body[:300]!r}")
            self.tokens[name] = self.token(name, note="course tests")
        return self.tokens[name]

    def token(self, name: str, *, scopes=None, note="") -> str:
        data = {"note": note, "expires_in": 3600}
        if scopes is not None:
            data["scopes"] = list(scopes)
        made = self.admin("POST", f"users/{name}/tokens", data)
        if made.status != 201:
            raise HubError(f"cannot make a token for {name}: {made.status} {made.body[:300]!r}")
        return made.json()["token"]

    def log_tail(self, lines=60) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no hub log)"

    # -- stopping everything by PID ---------------------------------------------------------------
    def pids(self) -> list[int]:
        """The service's and the proxy's PIDs, asked for before the hub goes."""
        found = []
        service = self.admin("GET", f"services/{SERVICE}")
        if service.status == 200 and service.json().get("pid"):
            found.append(int(service.json()["pid"]))
        proxy_pid = self.folder / "jupyterhub-proxy.pid"
        if proxy_pid.is_file():
            found.append(int(proxy_pid.read_text().strip()))
        return found

    def stop(self) -> None:
        others = self.pids()
        _terminate(self.process.pid, wait=self.process.wait)
        for pid in others:
            _terminate(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:                              # a zombie has exited already
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1] != "Z"
    except OSError:
        return False


def _terminate(pid: int, wait=None, seconds: float = 20) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    if wait is not None:
        try:
            wait(timeout=seconds)
            return
        except subprocess.TimeoutExpired:
            pass
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
        if wait is not None:
            wait(timeout=seconds)


def _proxy() -> Path:
    """The proxy installed from package-lock.json; `make setup` does it, and so does this, once."""
    if not PROXY.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True, timeout=300,
                       capture_output=True)
    return PROXY


def start_hub(folder: Path, *, course: Path, env: dict | None = None) -> Hub:
    """Start the hub with the example config in `folder` and wait until the course service answers."""
    folder.mkdir(parents=True, exist_ok=True)
    port, hub_port, api_port, service_port = _distinct_ports(4)
    admin_token = secrets.token_hex(32)
    config = folder / "jupyterhub_config.py"
    config.write_text(TEST_CONFIG.format(
        example=str(EXAMPLE), port=port, hub_port=hub_port, proxy_api_port=api_port, proxy=str(_proxy()),
        db=str(folder / "jupyterhub.sqlite"), cookie=str(folder / "jupyterhub_cookie_secret"),
        pid_file=str(folder / "jupyterhub.pid"), service=SERVICE, admin_token=admin_token), encoding="utf-8")
    hub_env = {**os.environ, "JOURNAL_COURSE_DIR": str(course), "JOURNAL_SERVICE_PORT": str(service_port),
               "JOURNAL_TUTORS": ",".join(TUTORS), "JOURNAL_HUB_AUTHENTICATOR": "dummy",
               "JOURNAL_COURSE_HOSTS": PUBLIC_HOST,
               "CONFIGPROXY_AUTH_TOKEN": secrets.token_hex(32),
               # The service runs in the hub's folder: without this it would import whichever checkout the
               # virtualenv's editable install points at, not the one under test (the hub passes PYTHONPATH on).
               "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
               **(env or {})}
    for key in ("JUPYTERHUB_API_TOKEN", "JUPYTERHUB_API_URL", "JUPYTERHUB_USER", "JOURNAL_ROLE"):
        hub_env.pop(key, None)
    log = folder / "hub.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=folder, env=hub_env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    hub = Hub(url=f"http://127.0.0.1:{port}", admin_token=admin_token, course=course, folder=folder,
              process=process, log=log)
    try:
        _wait_ready(hub)
    except BaseException:
        hub.stop()
        raise
    return hub


def _distinct_ports(n: int) -> list[int]:
    ports: set[int] = set()
    while len(ports) < n:
        ports.add(free_port())
    return list(ports)


def _wait_ready(hub: Hub) -> None:
    """Until the hub answers through its proxy and the service answers a user's token."""
    deadline = time.monotonic() + START_SECONDS
    last = ""
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            raise HubError(f"the hub exited with {hub.process.returncode}:\n{hub.log_tail()}")
        try:
            if http("GET", f"{hub.api}/", timeout=5).status == 200:
                service = http("GET", f"{hub.service_url}api/whoami", token=hub.user(TUTORS[0]), timeout=10)
                if service.status == 200:
                    return
                last = f"service answered {service.status}"
        except (OSError, HubError) as exc:
            last = str(exc)
        time.sleep(0.5)
    raise HubError(f"the hub or the course service did not answer in {START_SECONDS} s ({last}):\n{hub.log_tail()}")


@pytest.fixture(scope="session")
def hub(tmp_path_factory):
    """One running hub for every hub test; each test uses its own users and entries."""
    folder = tmp_path_factory.mktemp("hub")
    course = folder / "course"
    made = subprocess.run([sys.executable, "-m", "journal", "course", "init", str(course), "--title",
                           "Reflective practice"], capture_output=True, text=True, timeout=120)
    if made.returncode != 0:
        raise HubError(f"journal course init failed:\n{made.stdout}{made.stderr}")
    # Hub groups named tg-… are tutor groups (test_hub_groups.py).
    settings = CourseSettings.load(course / "course.toml")
    settings.groups_prefix = GROUPS_PREFIX
    settings.save(course / "course.toml")
    running = start_hub(folder, course=course)
    yield running
    running.stop()
