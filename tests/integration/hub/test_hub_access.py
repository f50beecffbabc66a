"""Who reaches the course through a real hub: users' and servers' tokens, a token without the scope, join."""

import pytest

from journal import Journal

pytestmark = pytest.mark.slow


def test_a_users_token_reaches_the_course_which_learns_who_it_is_from_the_hub(hub):
    for login, tutor in (("amira", False), (hub.tutors[0], True)):
        answer = hub.http("GET", f"{hub.service_url}api/whoami", token=hub.user(login))
        assert answer.status == 200, answer.body[:300]
        assert answer.json()["name"] == login
        assert answer.json()["tutor"] is tutor


def test_a_servers_token_reaches_the_course(hub):
    """A token with the `server` role's scopes: what a student's JupyterLab has as JUPYTERHUB_API_TOKEN."""
    hub.user("bilal")
    made = hub.admin("POST", "users/bilal/tokens", {"roles": ["server"], "note": "as a server", "expires_in": 600})
    assert made.status == 201, made.body[:300]
    assert set(made.json()["scopes"]) >= {f"access:services!service={hub.service}", f"read:services!service={hub.service}"}
    answer = hub.http("GET", f"{hub.service_url}api/whoami", token=made.json()["token"])
    assert (answer.status, answer.json()["name"]) == (200, "bilal")


def test_a_token_without_the_scope_gets_403(hub):
    hub.user("carys")
    narrow = hub.token("carys", scopes=["read:users:name!user"])
    answer = hub.http("GET", f"{hub.service_url}api/whoami", token=narrow)
    assert answer.status == 403
    assert b"carys" not in answer.body
    assert hub.http("GET", f"{hub.service_url}api/entries", token="not-a-token").status in (302, 403)


def test_join_finds_the_course_from_the_hub_and_writes_it_to_journal_toml(hub, tmp_path, run_cli):
    token = hub.user("dara")
    journal = Journal.create(tmp_path / "dara", title="Dara's journal", author="Dara", username="dara")
    env = {"JUPYTERHUB_API_TOKEN": token, "JUPYTERHUB_API_URL": hub.api, "JUPYTERHUB_PUBLIC_HUB_URL": f"{hub.url}/hub/"}
    done = run_cli("course", "join", "--dir", journal.path, env=env)
    assert done.returncode == 0, done.stderr
    settings = Journal.open(journal.path).settings
    assert (settings.course.url, settings.course.login) == (hub.service_url, "dara")
    assert f"Joined the course at {hub.service_url} as dara" in done.stdout

    # Without the hub's public address it uses the service's own, which the hub's machine reaches.
    env.pop("JUPYTERHUB_PUBLIC_HUB_URL")
    assert run_cli("course", "join", "--dir", journal.path, env=env).returncode == 0
    direct = Journal.open(journal.path).settings.course.url
    assert direct.startswith("http://127.0.0.1:") and direct.endswith(f"/services/{hub.service}/") and direct != hub.service_url
    assert hub.http("GET", f"{direct}api/whoami", token=token).json()["name"] == "dara"


def test_join_says_what_is_wrong(hub, tmp_path, run_cli):
    journal = Journal.create(tmp_path / "eli", title="Eli's journal", author="Eli", username="eli")
    token = hub.user("eli")
    no_hub = run_cli("course", "join", "--dir", journal.path,
                     env={"JUPYTERHUB_API_TOKEN": token, "JUPYTERHUB_API_URL": ""})
    assert no_hub.returncode == 1 and "JUPYTERHUB_API_URL is not set" in no_hub.stderr
    wrong = run_cli("course", "join", "--dir", journal.path, "--service", "nonesuch",
                    env={"JUPYTERHUB_API_TOKEN": token, "JUPYTERHUB_API_URL": hub.api})
    assert wrong.returncode == 1 and "service 'nonesuch'" in wrong.stderr and "Traceback" not in wrong.stderr
    bad_token = run_cli("course", "join", hub.service_url, "--dir", journal.path,
                        env={"JUPYTERHUB_API_TOKEN": "0" * 32, "JOURNAL_COURSE_TOKEN": ""})
    assert bad_token.returncode == 1 and "did not accept this token" in bad_token.stderr
    assert not Journal.open(journal.path).settings.course.url, "a failed join writes nothing"


def test_the_course_answers_the_hubs_public_name_and_no_other(hub):
    """Behind the proxy the Host is the name people typed: the one the config passes on, never a stranger's."""
    token = hub.user("amira")
    ok = hub.http("GET", f"{hub.service_url}api/whoami", token=token, headers={"Host": hub.public_host})
    assert (ok.status, ok.json()["name"]) == (200, "amira")
    rebound = hub.http("GET", f"{hub.service_url}api/whoami", token=token, headers={"Host": "attacker.example"})
    assert rebound.status == 400 and b"amira" not in rebound.body
