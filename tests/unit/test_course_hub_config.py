"""The example hub configuration: what it reads is documented, and it adds to a hub's config without replacing it."""

import re
from pathlib import Path

from traitlets.config import Config, PyFileConfigLoader

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "journal" / "course" / "hub" / "jupyterhub_config.py"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def load(env, monkeypatch, existing=None):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    loader = PyFileConfigLoader(EXAMPLE.name, str(EXAMPLE.parent))
    loader.config = Config(existing or {})
    return loader.load_config()


def test_every_variable_it_reads_is_in_the_readme():
    names = set(re.findall(r"\"(JOURNAL_[A-Z_]+)\"", EXAMPLE.read_text()))
    assert names >= {"JOURNAL_COURSE_DIR", "JOURNAL_HUB_AUTHENTICATOR"}
    assert not [n for n in names if n not in README]
    assert "journal/course/hub/jupyterhub_config.py" in README and "load_subconfig" in README


def test_it_registers_the_service_roles_and_group(monkeypatch, tmp_path):
    c = load({"JOURNAL_COURSE_DIR": str(tmp_path), "JOURNAL_SERVICE_PORT": "12345", "JOURNAL_TUTORS": "tina, tom"},
             monkeypatch)
    service, = c.JupyterHub.services.get_value([])
    assert service["url"] == "http://127.0.0.1:12345" and service["oauth_no_confirm"] is True
    assert service["oauth_client_allowed_scopes"] == ["read:users:groups!user"]
    assert service["command"][-4:] == ["course", "serve", "--dir", str(tmp_path)]
    roles = {r["name"]: r["scopes"] for r in c.JupyterHub.load_roles.get_value([])}
    for name in ("user", "server"):
        assert "access:services!service=journal" in roles[name] and "inherit" not in roles[name]
    assert c.JupyterHub.load_groups.get_value({}) == {"tutors": {"users": ["tina", "tom"]}}
    assert "authenticator_class" not in c.JupyterHub, "a real hub keeps its own authenticator"


def test_it_adds_to_what_the_hub_already_has(monkeypatch, tmp_path):
    c = load({"JOURNAL_COURSE_DIR": str(tmp_path), "JOURNAL_HUB_AUTHENTICATOR": "dummy"}, monkeypatch)
    existing = [{"name": "grader", "url": "http://127.0.0.1:9999"}]
    assert [s["name"] for s in c.JupyterHub.services.get_value(list(existing))] == ["grader", "journal"]
    assert c.JupyterHub.authenticator_class == "dummy"


def test_its_address_and_public_host_names_can_be_set(monkeypatch, tmp_path):
    c = load({"JOURNAL_COURSE_DIR": str(tmp_path), "JOURNAL_SERVICE_URL": "http://hub:10101",
              "JOURNAL_COURSE_HOSTS": "hub.example.edu"}, monkeypatch)
    service, = c.JupyterHub.services.get_value([])
    assert service["url"] == "http://hub:10101"
    assert service["environment"] == {"JOURNAL_COURSE_HOSTS": "hub.example.edu"}
