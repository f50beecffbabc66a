"""The course server over real HTTP, standalone (tokens instead of a hub): sharing, reading, commenting,
moderating, and every boundary a student might try to cross, each tried as a request.

The store backend is a parameter: another backend adds itself to STORES and runs the same tests.
"""

import json
import re

import psutil
import pytest
import requests

from course_server import STORES, entry_notebook, post, start_course
from journal.course.server.guard import NOTICES, PAGE_CSP
from journal.course.server.render import WORKERS as RENDER_WORKERS

pytestmark = pytest.mark.slow
HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


@pytest.fixture(scope="module", params=sorted(STORES))
def course(request, tmp_path_factory, server_process):
    course = start_course(request.param, tmp_path_factory.mktemp("course") / "course", server_process,
                          lambda: request.getfixturevalue("pg_new_database")())
    ada = course["ada"]
    assert ada.api("PUT", "entries/ada/week-one", entry_notebook("week-one", "Week one")).status_code == 200
    assert ada.api("PUT", "entries/ada/hostile", entry_notebook(
        "hostile", f"Title {HOSTILE}", body=f"Body {HOSTILE}", tags=[HOSTILE])).status_code == 200
    return course


def put_picture(course, login, name, data: bytes):
    """A picture beside a student's entries, where the course's backend keeps it."""
    if not course["db"]:
        path = course["folder"] / login / "entries" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    import psycopg

    with psycopg.connect(course["db"]) as conn:
        conn.execute("INSERT INTO pictures (journal_id, name, data) SELECT id, %s, %s FROM journals WHERE login = %s",
                     (name, data, login))


# -- sharing --------------------------------------------------------------------------
def test_drafts_are_refused_and_never_shown(course):
    ada, bob = course["ada"], course["bob"]
    r = ada.api("PUT", "entries/ada/secret-draft", entry_notebook("secret-draft", "Secret draft", status="draft"))
    assert r.status_code == 400 and "draft" in r.json()["error"]
    assert "Secret draft" not in bob.page("j/ada/").text
    assert bob.page("j/ada/secret-draft").status_code == 404
    assert bob.api("GET", "entries/ada/secret-draft").status_code == 404


def test_nobody_shares_for_someone_else(course):
    bob = course["bob"]
    r = bob.api("PUT", "entries/ada/forged", entry_notebook("forged", "Forged by Bob"))
    assert r.status_code == 403
    assert course["tina"].api("PUT", "entries/ada/forged", entry_notebook("forged", "Forged")).status_code == 403
    assert "Forged" not in bob.page("").text


def test_sharing_again_keeps_earlier_versions_for_tutors_only(course):
    ada, bob, tina = course["ada"], course["bob"], course["tina"]
    assert ada.api("PUT", "entries/ada/drafting", entry_notebook("drafting", "Drafting", body="First go")).json()[
        "version"] == 1
    assert ada.api("PUT", "entries/ada/drafting", entry_notebook("drafting", "Drafting", body="Second go")).json()[
        "version"] == 2
    assert "Second go" in json.dumps(bob.api("GET", "entries/ada/drafting").json())
    # Earlier versions look, to a peer, like an entry that is not there.
    assert bob.api("GET", "entries/ada/drafting/versions").status_code == 404
    assert bob.api("GET", "entries/ada/drafting", params={"version": 1}).status_code == 404
    old = tina.api("GET", "entries/ada/drafting", params={"version": 1})
    assert old.status_code == 200 and "First go" in json.dumps(old.json())
    assert [v["version"] for v in tina.api("GET", "entries/ada/drafting/versions").json()] == [1, 2]


def test_unshared_entries_are_gone_for_peers_not_for_tutors(course):
    ada, bob, tina = course["ada"], course["bob"], course["tina"]
    ada.api("PUT", "entries/ada/withdrawn", entry_notebook("withdrawn", "Soon withdrawn"))
    assert bob.page("j/ada/withdrawn").status_code == 200
    assert bob.api("DELETE", "entries/ada/withdrawn").status_code == 403
    assert ada.api("DELETE", "entries/ada/withdrawn").status_code == 204
    assert bob.page("j/ada/withdrawn").status_code == 404
    assert bob.api("GET", "entries/ada/withdrawn").status_code == 404
    assert "Soon withdrawn" not in bob.page("").text
    assert "withdrawn" not in [e["entry_id"] for e in bob.api("GET", "entries").json()]
    assert tina.page("j/ada/withdrawn").status_code == 200
    assert post(bob, "ada", "withdrawn", "Can I still comment?").status_code == 404


def test_the_index_shows_the_opening_of_what_the_student_wrote(course):
    ada, bob = course["ada"], course["bob"]
    body = ("## Description\n\n*What happened? Set the scene: where you were, who was there, what you did and what "
            "others did.*\n\n## Feelings\n\nNervous at first, then glad I asked [@schon1983].")
    assert ada.api("PUT", "entries/ada/scaffolded", entry_notebook("scaffolded", "Scaffolded", body=body)).ok
    for page in ("", "j/ada/"):
        listed = re.search(r'<a href="/j/ada/scaffolded">Scaffolded</a>.*?</li>', bob.page(page).text, re.S).group(0)
        assert '<p class="journal-index-excerpt">Nervous at first, then glad I asked.</p>' in listed, page
        assert "What happened" not in listed and "schon1983" not in listed, "a prompt or a key in the excerpt"
    revised = entry_notebook("scaffolded", "Scaffolded", body="## Feelings\n\nCalmer, the second time.")
    assert ada.api("PUT", "entries/ada/scaffolded", revised).json()["version"] == 2
    assert '<p class="journal-index-excerpt">Calmer, the second time.</p>' in bob.page("").text


# -- commenting -----------------------------------------------------------------------
def test_a_peer_comment_waits_and_its_name_is_the_login(course):
    bob, ada = course["bob"], course["ada"]
    r = post(bob, "ada", "week-one", "A thoughtful reply about week one.", name="ada", role="tutor")
    assert r.status_code == 201, r.text
    comment = r.json()
    assert (comment["status"], comment["author_name"], comment["author_role"]) == ("pending", "bob", "peer")
    thread = bob.api("GET", "comments/ada/thread/week-one").json()
    assert comment["id"] not in [c["id"] for c in thread]
    assert bob.api("GET", f"comments/ada/{comment['id']}").status_code == 404
    assert bob.api("GET", "comments/ada", params={"status": "pending"}).status_code == 403
    assert bob.api("GET", "comments/ada/counts", params={"entry": "week-one"}).json() == {"approved": 0}
    assert "A thoughtful reply" not in bob.page("j/ada/week-one").text
    pending = ada.api("GET", "comments/ada", params={"status": "pending"}).json()
    assert comment["id"] in [c["id"] for c in pending]


def test_a_student_cannot_moderate_another_students_comments(course):
    bob, cal, ada = course["bob"], course["as"]("cleo"), course["ada"]
    cid = post(cal, "ada", "week-one", "Cal's comment on week one.").json()["id"]
    for action in ("approve", "spam", "trash", "restore"):
        r = bob.api("POST", f"comments/ada/{cid}/{action}")
        assert r.status_code == 403 and r.json()["kind"] == "moderation", action
    assert bob.api("PATCH", f"comments/ada/{cid}", {"body": "rewritten"}).status_code == 403
    assert bob.api("GET", f"comments/ada/{cid}/history").status_code == 403
    r = bob.form(f"moderate/ada/{cid}", {"action": "approve"}, from_page="j/ada/week-one")
    assert r.status_code == 303
    assert bob.page("moderate", params={"login": "ada"}).status_code == 403
    assert ada.api("GET", f"comments/ada/{cid}").json()["status"] == "pending"
    assert "Cal's comment" not in bob.page("moderate").text


def test_the_author_approves_on_the_moderation_page_and_peers_then_see_it(course):
    ada, cal, tina = course["ada"], course["as"]("dora"), course["tina"]
    cid = post(cal, "ada", "week-one", "Worth approving, this one.").json()["id"]
    assert "Worth approving" in ada.page("moderate").text
    assert "Worth approving" in tina.page("moderate").text
    # The comment names the journal's keeper, not the login, and writes its date out.
    meta = re.search(r'<p class="comment-meta">[^\n]*', tina.page("moderate").text)
    # (A journal only PUT through the API has no author's name in the database, so there it is the login.)
    assert f"(<bdi>{'ada' if course['db'] else 'Ada'}</bdi>'s journal)" in meta.group(0)
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[^"]+">\d{1,2} [A-Z][a-z]+ \d{4}</time>', meta.group(0))
    r = ada.form(f"moderate/ada/{cid}", {"action": "approve"}, from_page="moderate")
    assert r.status_code == 303
    assert ada.api("GET", f"comments/ada/{cid}").json()["status"] == "approved"
    assert ada.api("GET", f"comments/ada/{cid}").json()["status_by"] == "ada"
    assert "Worth approving" in course["bob"].page("j/ada/week-one").text


def test_the_form_works_without_script_and_keeps_text_on_refusal(course):
    cal = course["as"]("eli")
    r = cal.form("j/ada/week-one/comment", {"body": "Posted through the plain form."}, from_page="j/ada/week-one")
    assert r.status_code == 303
    page = cal.session.get(course["base"] + "j/ada/week-one").text
    assert "Thanks, your comment is awaiting moderation" in page
    typed = "Quickly again, which the flood rule refuses."
    r = cal.form("j/ada/week-one/comment", {"body": typed}, from_page="j/ada/week-one")
    assert r.status_code == 400
    assert "commenting too quickly" in r.text and typed in r.text


def test_flood_control_holds_per_person(course):
    bob = course["as"]("finn")
    first = post(bob, "ada", "hostile", "One comment on the hostile entry.")
    second = post(bob, "ada", "hostile", "And another straight away.")
    assert first.status_code == 201 and second.status_code == 400
    assert "too quickly" in second.json()["error"] and second.json()["kind"] == "refused"


# -- hostile input --------------------------------------------------------------------
def test_script_in_titles_tags_and_bodies_stays_text(course):
    ada, bob = course["ada"], course["bob"]
    cid = post(course["tina"], "ada", "hostile", f"Tutor says {HOSTILE}").json()["id"]
    assert ada.api("GET", f"comments/ada/{cid}").json()["status"] == "approved"   # a tutor's comment
    for path in ("", "j/ada/", "j/ada/hostile", "moderate"):
        r = (bob if path != "moderate" else ada).page(path)
        assert r.status_code == 200, path
        assert not re.search(r"<script\b", r.text, re.I), path
        assert not re.search(r"<[a-z][^>]*\son\w+\s*=", r.text, re.I), path     # no event handler in any tag
        assert "script-src 'none'" in r.headers["Content-Security-Policy"]
    assert "&lt;script&gt;" in bob.page("j/ada/hostile").text


def test_xsrf_foreign_origin_and_foreign_host_are_refused(course):
    bob, base = course["bob"], course["base"]
    bob.page("j/ada/week-one")
    r = bob.session.post(base + "j/ada/week-one/comment", data={"body": "no token"}, allow_redirects=False)
    assert r.status_code == 403
    r = bob.form("j/ada/week-one/comment", {"body": "From a foreign page"}, from_page="j/ada/week-one",
                 headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    r = bob.api("POST", "comments/ada", {"entry_id": "week-one", "body": "x"}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    r = requests.get(base + "j/ada/week-one", params={"token": bob.token}, headers={"Host": "rebound.example"})
    assert r.status_code == 400 and "Week one" not in r.text
    assert "From a foreign page" not in json.dumps(course["ada"].api("GET", "comments/ada",
                                                                     params={"status": "all"}).json())


@pytest.mark.parametrize("path", [
    "/../course.toml", "/%2e%2e/course.toml", "/ada/..%2f..%2fcourse.toml", "/ada/..%2fjournal.toml",
    "/ada/%2e%2e%2f.secret.png", "/..%2f.secret", "/ada/entries/..%2f..%2f.secret", "/.secret",
    "/ada/shared.json", "/ada/comments.csv", "/ada/versions%2fweek-one%2f1.ipynb", "/api/entries/..%2fada/week-one",
    "/api/comments/..%2f..%2fada", "/ada/..%2fada%2fjournal.toml.png",
    "/j/ada/..%2f..%2fcourse.toml", "/j/ada/%2e%2e%2f.secret.png", "/j/ada/entries/..%2f..%2f.secret",
    "/j/ada/shared.json", "/j/ada/comments.csv", "/j/..%2f.secret", "/j/ada/..%2fada%2fjournal.toml.png",
])
def test_path_tricks_reach_nothing(course, path, raw_get):
    secret = (course["folder"] / ".secret").read_bytes()
    status, _, body = raw_get(course["port"], path + ("&" if "?" in path else "?") + f"token={course['bob'].token}")
    assert status in (301, 302, 400, 403, 404), (path, status)
    assert secret not in body and b"Reflective practice 2026\"\ntutors" not in body and b"crc" not in body


def test_pictures_are_sandboxed_and_nothing_else_is_a_picture(course):
    put_picture(course, "ada", "figures/plot.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    r = course["bob"].page("j/ada/figures/plot.svg")
    assert r.status_code == 200 and r.headers["Content-Security-Policy"].startswith("sandbox")
    assert r.headers["Content-Type"] == "image/svg+xml"
    assert course["bob"].page("j/ada/2026-10-05-week-one.ipynb").status_code == 404


# -- tutors ---------------------------------------------------------------------------
def test_only_tutors_download_portfolios(course):
    bob, tina = course["bob"], course["tina"]
    assert bob.page("tutor").status_code == 403
    assert bob.page("tutor/ada/portfolio.pdf").status_code == 403
    assert "Download the class" in tina.page("tutor").text
    r = tina.page("tutor/ada/portfolio.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF") and r.headers["Content-Type"] == "application/pdf"
    assert bob.page("tutor/class.zip").status_code == 403
    r = tina.page("tutor/class.zip")
    import io
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert r.status_code == 200 and "ada.pdf" in names and "FAILED.txt" not in names


# -- the server survives its visitors ---------------------------------------------------
def _database_reachable(db: str, reachable: bool) -> None:
    """Let no one connect to the course database (and cut off who is connected), or let them again."""
    import psycopg

    name = db.rsplit("/", 1)[1]
    with psycopg.connect(db.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(reachable).lower()}')
        if not reachable:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))


def _unreachable_database_is_a_short_notice_and_the_server_recovers_by_itself(course):
    _database_reachable(course["db"], False)
    try:
        for r in (course["bob"].page("j/ada/"), course["bob"].api("POST", "comments/ada",
                                                                 {"entry_id": "week-one", "body": "While it is down."})):
            assert r.status_code == 503, (r.request.method, r.url, r.status_code)
            assert "try again" in r.text and "postgresql" not in r.text and str(course["db"]) not in r.text
        assert "The course database is unavailable" in course["proc"].log_path.read_text()
    finally:
        _database_reachable(course["db"], True)
    assert course["bob"].page("j/ada/").status_code == 200
    back = post(course["as"]("reconnected"), "ada", "week-one", "Back again, a new thought.")
    assert back.status_code == 201, back.text


def test_errors_show_a_generic_notice_and_no_path(course):
    if course["db"]:                    # a database's way of failing: it cannot be reached
        return _unreachable_database_is_a_short_notice_and_the_server_recovers_by_itself(course)
    broken = course["folder"] / "cal" / "shared.json"
    broken.parent.mkdir(exist_ok=True)
    broken.write_text("{not json", encoding="utf-8")
    r = course["bob"].page("")
    assert r.status_code in (500, 503)
    assert str(course["folder"]) not in r.text and "Traceback" not in r.text and "shared.json" not in r.text
    assert "Traceback" in course["proc"].log_path.read_text() or "shared.json" in course["proc"].log_path.read_text()
    broken.unlink()
    broken.parent.rmdir()
    assert course["bob"].page("").status_code == 200
    settings = course["folder"] / "ada" / "journal.toml"
    kept = settings.read_bytes()
    settings.write_text("title = [unclosed", encoding="utf-8")
    try:
        for r in (course["bob"].page("j/ada/week-one"), course["bob"].api("POST", "comments/ada",
                                                                         {"entry_id": "week-one", "body": "x"})):
            assert r.status_code == 503, (r.request.method, r.url, r.status_code)
            assert str(course["folder"]) not in r.text and "journal.toml" not in r.text
    finally:
        settings.write_bytes(kept)


def test_two_hundred_requests_start_no_process_and_memory_stays_bounded(course):
    server = psutil.Process(course["proc"].pid)
    bob = course["bob"]
    for _ in range(20):
        bob.page("j/ada/week-one")
    before = server.memory_info().rss
    pool = {p.pid for p in server.children(recursive=True)}    # the render workers and their forkserver
    for i in range(200):
        requests.get(course["base"] + f"j/ada/week-one?token={bob.token}&n={i}", timeout=60)
    after = server.memory_info().rss
    assert {p.pid for p in server.children(recursive=True)} == pool and len(pool) <= RENDER_WORKERS + 2
    assert after - before < 20 * 2**20, f"grew by {(after - before) / 2**20:.1f} MiB"


# -- every response's headers, the log, who a link signs in ------------------------------
SECURITY = {"content-security-policy": PAGE_CSP, "x-frame-options": "DENY", "x-content-type-options": "nosniff"}


def head_fields(head: str) -> dict:
    return {name.strip().lower(): value.strip() for name, _, value in
            (line.partition(":") for line in head.split("\r\n")[1:])}


def test_the_400s_tornado_writes_itself_carry_the_security_headers_and_say_why(course, raw_request):
    port = course["port"]
    malformed = raw_request(port, b"NOT AN HTTP REQUEST\r\n\r\n")
    too_large = raw_request(port, f"PUT /api/entries/ada/huge HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                                  f"Content-Length: {2**40}\r\nConnection: close\r\n\r\n".encode())
    for status, head, body in (malformed, too_large):
        assert status == 400, head
        fields = head_fields(head)
        assert {k: fields.get(k) for k in SECURITY} == SECURITY, head
        assert body.decode().strip() == NOTICES[400]
    assert course["ada"].api("GET", "whoami").json()["name"] == "ada", "the server goes on serving"


def test_tokens_and_xsrf_values_stay_out_of_the_servers_log(course):
    base, bob = course["base"], course["bob"]
    signature = bob.token.rpartition(":")[2]
    assert requests.get(base + "nobody/nothing", params={"token": bob.token}, timeout=60).status_code == 404
    assert requests.get(base + "api/whoami", params={"token": "bob:bogus-SECRET-1"}, timeout=60).status_code == 403
    assert requests.get(base + "api/entries/nobody/nothing", params={"token": bob.token},
                        timeout=60).status_code == 404
    refused = requests.post(base + "j/ada/week-one/comment", params={"token": bob.token, "_xsrf": "XSRF-SECRET-2"},
                            data={"body": "x"}, allow_redirects=False, timeout=60)
    assert refused.status_code == 403
    foreign = bob.form("j/ada/week-one/comment", {"body": "x"}, from_page="j/ada/week-one",
                       headers={"Origin": None, "Referer": f"http://evil.example/?token={bob.token}"})
    assert foreign.status_code == 403
    logged = course["proc"].log_path.read_text()
    assert "GET /api/whoami?token=[secret]" in logged, "the failing requests are logged, their tokens left out"
    for secret in (signature, "bogus-SECRET-1", "XSRF-SECRET-2"):
        assert secret not in logged


def test_only_a_token_in_the_authorization_header_skips_xsrf(course):
    """A browser adds `Authorization: Basic …` by itself (a proxy's password): beside a `?token=` it is no token."""
    base, kim = course["base"], course["as"]("kim")
    r = kim.session.post(base + "j/ada/week-one/comment", params={"token": kim.token}, allow_redirects=False,
                         data={"body": "Sent from another site's form."}, headers={"Authorization": "Basic a2ltOng="},
                         timeout=60)
    assert r.status_code == 403
    stored = course["ada"].api("GET", "comments/ada", params={"status": "all"}).json()
    assert "Sent from another site's form." not in [c["body"] for c in stored]


def test_a_link_for_someone_else_asks_before_switching_and_otherwise_changes_nothing(course):
    base = course["base"]
    gwen, hugo = course["as"]("gwen"), course["as"]("hugo")
    assert "Signed in as <bdi>gwen</bdi>" in gwen.page("").text      # ?token= once, then the cookie

    asked = gwen.session.get(base + "j/ada/week-one", params={"token": hugo.token, "reply": "x"},
                             allow_redirects=False, timeout=60)
    assert asked.status_code == 200
    assert "journal-course-login" not in asked.headers.get("Set-Cookie", ""), "no switch until asked"
    assert re.search(r"signed in as <bdi[^>]*>gwen</bdi>.*link you opened is for <bdi[^>]*>hugo</bdi>",
                     asked.text, re.S)
    assert "Week one" not in asked.text and "Some thoughts about the week" not in asked.text
    assert 'href="/j/ada/week-one?reply=x"' in asked.text, "staying goes back to the page without the token"
    assert "Signed in as <bdi>gwen</bdi>" in gwen.session.get(base, timeout=60).text

    form = {"token": re.search(r'name="token" value="([^"]+)"', asked.text).group(1),
            "back": re.search(r'name="back" value="([^"]+)"', asked.text).group(1)}
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', asked.text).group(1)
    assert gwen.session.post(base + "login", data=form, allow_redirects=False, timeout=60).status_code == 403
    forged = gwen.session.post(base + "login", data={**form, "_xsrf": xsrf, "token": "hugo:" + "0" * 32},
                               allow_redirects=False, timeout=60)
    assert forged.status_code == 403
    assert "Signed in as <bdi>gwen</bdi>" in gwen.session.get(base, timeout=60).text

    switched = gwen.session.post(base + "login", data={**form, "_xsrf": xsrf}, allow_redirects=False, timeout=60)
    assert (switched.status_code, switched.headers["Location"]) == (303, "/j/ada/week-one?reply=x")
    assert "Signed in as <bdi>hugo</bdi>" in gwen.session.get(base, timeout=60).text
    outside = gwen.session.post(base + "login", data={**form, "_xsrf": xsrf, "back": "//evil.example/"},
                                allow_redirects=False, timeout=60)
    assert outside.headers["Location"] == "/"


@pytest.mark.browser
def test_in_chromium_a_link_for_someone_else_asks_and_the_button_switches(course, browser):
    from browser_settings import new_tab

    base = course["base"]
    ines, jude = course["as"]("ines"), course["as"]("jude")
    page = new_tab(browser, base, timeout=60_000)
    page.goto(f"{base}?token={ines.token}")
    assert page.locator(".course-who").inner_text() == "Signed in as ines"
    assert "token=" not in page.url
    page.goto(f"{base}j/ada/week-one?token={jude.token}")
    assert page.locator("h1").inner_text() == "Switch person?"
    assert "signed in as ines" in page.locator(".course-notice").inner_text()
    page.goto(base)
    assert page.locator(".course-who").inner_text() == "Signed in as ines", "nothing changed meanwhile"
    page.goto(f"{base}j/ada/week-one?token={jude.token}")
    page.get_by_role("button", name="Continue as jude").click()
    page.wait_for_url(f"{base}j/ada/week-one")
    assert page.locator(".course-who").inner_text() == "Signed in as jude"
    assert page.errors == []
    page.context.close()
