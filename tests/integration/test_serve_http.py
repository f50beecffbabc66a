"""`journal serve` (the course server's single-journal mode) over real HTTP, as a hostile visitor would try it."""

import os
import re
import signal
import socket
import subprocess
import sys
import time

import psutil
import pytest
import requests

from journal.course.server.ports import free_port
from journal.course.server.render import WORKERS as RENDER_WORKERS
from journal.course.single import journal_login

pytestmark = pytest.mark.slow
ERROR_MARKER = "a-private-detail-of-the-failure"
AFTER_THE_ERROR = "What the error taught me comes after it, and the page shows it."
ENTRY = "joining-up-care-means-learning-together"


@pytest.fixture(scope="module")
def served(tmp_path_factory, server_process):
    from journal.demo import build

    journal = build(tmp_path_factory.mktemp("serve-http") / "demo")
    (journal.entries_dir / "figures").mkdir()
    (journal.entries_dir / "figures" / "ward.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really a picture")
    (journal.entries_dir / "helpers.py").write_text("SECRET_HELPER = 1\n", encoding="utf-8")
    failing = journal.new_entry("A post whose code fails", status="published", date="2026-11-02")
    failing.notebook["cells"].insert(1, {"cell_type": "code", "execution_count": 1, "id": "boom", "metadata": {},
                                         "outputs": [{"output_type": "error", "ename": "RuntimeError",
                                                      "evalue": ERROR_MARKER, "traceback": [ERROR_MARKER]}],
                                         "source": f"raise RuntimeError('{ERROR_MARKER}')"})
    failing.notebook["cells"].insert(2, {"cell_type": "markdown", "id": "after", "metadata": {},
                                         "source": AFTER_THE_ERROR})
    failing.save()
    port = free_port()
    proc = server_process(["serve", "--dir", journal.path, "--port", port, "--no-browser"], port)
    return journal, f"http://127.0.0.1:{port}/j/{journal_login(journal)}/", port, proc


def _private_files(journal):
    draft = next(e for e in journal.entries() if not e.published)
    return {"journal.toml": journal.path / "journal.toml", "comments.csv": journal.comments_path,
            "references.bib": journal.library_path, f"entries/{draft.path.name}": draft.path,
            "helpers.py": journal.entries_dir / "helpers.py"}


@pytest.mark.parametrize("prefix", ["", "../", "..%2f", "%2e%2e/", "figures/../", "figures/..%2f..%2f",
                                    "..%2f..%2f", "entries/", "files/../"])
def test_private_files_cannot_be_fetched(served, prefix, raw_get):
    journal, base, port, _ = served
    login = journal_login(journal)
    for name, path in _private_files(journal).items():
        secret = path.read_bytes()[:80]
        for tail in (name, name + ".png", name.replace("/", "%2f")):
            status, _, body = raw_get(port, f"/j/{login}/{prefix}{tail}")
            assert status in (302, 400, 403, 404), f"{prefix}{tail} answered {status}"
            assert secret not in body, f"{prefix}{tail} leaked its content"


def test_pictures_are_served_sandboxed(served):
    _, base, _, _ = served
    r = requests.get(base + "figures/ward.png", timeout=60)
    assert r.status_code == 200 and b"not really a picture" in r.content
    assert r.headers["Content-Security-Policy"].startswith("sandbox")
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_drafts_are_neither_listed_nor_rendered(served):
    journal, base, _, _ = served
    draft = next(e for e in journal.entries() if not e.published)
    index = requests.get(base, timeout=60).text
    for entry in journal.entries(published_only=True):
        assert entry.title in index
    assert draft.title not in index
    assert requests.get(base + draft.id, timeout=60).status_code == 404


def test_a_missing_entry_points_back_to_the_journal_and_the_form_says_one_thing_of_email(served):
    from journal.comments.text import EMAIL_SEEN_BY

    _, base, _, _ = served
    missing = requests.get(base + "no-such-entry", timeout=60)
    assert missing.status_code == 404
    assert "Back to the journal" in missing.text and "Back to the course" not in missing.text
    page = requests.get(base + ENTRY, timeout=120).text
    assert f"E-mail ({EMAIL_SEEN_BY})" in page and "never shown" not in page


def test_entry_page_has_citations_references_thread_and_no_code(served):
    journal, base, _, _ = served
    r = requests.get(base + ENTRY, timeout=120)
    assert r.status_code == 200
    html = r.text
    assert '<a class="citation" href="#ref-doh2010a">' in html and 'id="ref-senge1990"' in html
    assert "[@senge1990" not in html
    assert "import pandas" not in html and "comment_panel(" not in html
    approved = journal.comments.counts()[ENTRY]["approved"]
    assert f"{approved} thoughts on" in html
    hidden = journal.comments.frame(entry_id=ENTRY)
    for body in hidden[hidden["status"] != "approved"]["body"]:
        assert body[:40] not in html
    assert not re.search(r"<script\b", html)
    assert "script-src 'none'" in r.headers["Content-Security-Policy"]


def test_a_failing_cell_shows_no_traceback_and_the_page_goes_on(served):
    _, base, _, _ = served
    r = requests.get(base + "a-post-whose-code-fails", timeout=120)
    assert r.status_code == 200 and AFTER_THE_ERROR in r.text
    assert "Traceback" not in r.text


def test_a_visitor_comments_under_a_typed_name_and_cannot_flood_by_changing_it(served):
    journal, base, _, _ = served
    s = requests.Session()
    page = s.get(base + ENTRY, timeout=120).text
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    origin = base.split("/", 3)[:3]
    headers = {"Origin": "/".join(origin)}
    r = s.post(base + ENTRY + "/comment", data={"_xsrf": xsrf, "name": "Rosa Visitor", "body": "First visit."},
               headers=headers, allow_redirects=False, timeout=60)
    assert r.status_code == 303
    assert "awaiting moderation" in s.get(base + ENTRY, timeout=60).text
    stored = journal.comments.frame()
    row = stored[stored["body"] == "First visit."].iloc[0]
    assert (row["author_name"], row["status"], row["author_role"]) == ("Rosa Visitor", "pending", "peer")
    r = s.post(base + ENTRY + "/comment", data={"_xsrf": xsrf, "name": "Someone Else", "body": "Second visit."},
               headers=headers, timeout=60)
    assert r.status_code == 400 and "too quickly" in r.text and "Second visit." in r.text
    other = requests.Session()        # a new cookie, the same address: still the same client
    page = other.get(base + ENTRY, timeout=60).text
    xsrf2 = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    r = other.post(base + ENTRY + "/comment", data={"_xsrf": xsrf2, "name": "Third Name", "body": "Third."},
                   headers=headers, timeout=60)
    assert r.status_code == 400 and "too quickly" in r.text


def test_no_moderation_from_the_web_in_single_journal_mode(served):
    journal, base, port, _ = served
    s = requests.Session()
    page = s.get(base + ENTRY, timeout=60).text
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    pending = journal.comments.frame(status="pending")
    cid = pending.iloc[0]["id"]
    root = base.rsplit("/", 2)[0] + "/"
    s.post(root + f"moderate/{journal_login(journal)}/{cid}", data={"_xsrf": xsrf, "action": "approve"},
           headers={"Origin": root.rstrip("/")}, timeout=60)
    r = requests.post(root + f"api/comments/{journal_login(journal)}/{cid}/approve", timeout=60)
    assert r.status_code in (403, 404)
    assert journal.comments.get(cid).status == "pending"


def test_foreign_host_and_origin_are_refused(served, raw_get):
    journal, base, port, _ = served
    status, _, body = raw_get(port, f"/j/{journal_login(journal)}/{ENTRY}", host="rebound.example")
    assert status == 400 and b"Joining up care" not in body
    s = requests.Session()
    page = s.get(base + ENTRY, timeout=60).text
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    r = s.post(base + ENTRY + "/comment", data={"_xsrf": xsrf, "name": "Evil", "body": "From elsewhere"},
               headers={"Origin": "http://evil.example"}, timeout=60)
    assert r.status_code == 403
    r = s.post(base + ENTRY + "/comment", data={"name": "Evil", "body": "No token"}, timeout=60)
    assert r.status_code == 403
    assert "From elsewhere" not in journal.comments.frame()["body"].tolist()


def test_many_requests_start_no_process_and_memory_stays_bounded(served):
    _, base, _, proc = served
    server = psutil.Process(proc.pid)
    for _ in range(20):
        requests.get(base + ENTRY, timeout=60)
    before = server.memory_info().rss
    pool = {p.pid for p in server.children(recursive=True)}    # the render workers and their forkserver
    for i in range(200):
        requests.get(base + f"{ENTRY}?n={i}", timeout=60)
    assert {p.pid for p in server.children(recursive=True)} == pool and len(pool) <= RENDER_WORKERS + 2
    assert server.memory_info().rss - before < 20 * 2**20


@pytest.fixture(scope="module")
def tokened(tmp_path_factory, server_process):
    from journal import Journal

    journal = Journal.create(tmp_path_factory.mktemp("serve-token") / "j", title="Token journal", author="A",
                             username="ada")
    journal.new_entry("Only post", status="published")
    port = free_port()
    server_process(["serve", "--dir", journal.path, "--port", port, "--no-browser", "--token", "tok-3n8b"], port)
    return f"http://127.0.0.1:{port}/"


def test_a_token_is_required_when_set(tokened):
    r = requests.get(tokened + "j/ada/", timeout=60)
    assert r.status_code == 403 and "Token journal" not in r.text
    s = requests.Session()
    r = s.get(tokened + "j/ada/?token=tok-3n8b", timeout=60)
    assert r.status_code == 200 and "Only post" in r.text and "token=" not in r.url
    assert "Only post" in s.get(tokened + "j/ada/", timeout=60).text     # the cookie carries on


def test_ctrl_c_stops_the_server(demo):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "journal", "serve", "--dir", str(demo.path), "--port", str(port),
                             "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        lines = [proc.stdout.readline() for _ in range(2)]
        assert lines[1].startswith(f"Open: http://127.0.0.1:{port}/"), lines
        assert requests.get(lines[1].split(" ", 1)[1].strip(), timeout=60).status_code == 200
        pool = psutil.Process(proc.pid).children(recursive=True)      # the render workers, no more
        assert len(pool) <= RENDER_WORKERS + 2
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        assert psutil.wait_procs(pool, timeout=30)[1] == [], "render workers outlived the server"
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Stopped." in err and "Traceback" not in err
    time.sleep(0.2)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_base_url_serves_under_a_proxy_prefix(tmp_path, server_process):
    from journal import Journal

    journal = Journal.create(tmp_path / "j", title="Proxied journal", author="A", username="ada")
    journal.new_entry("Only post", status="published")
    port = free_port()
    server_process(["serve", "--dir", journal.path, "--port", port, "--no-browser",
                    "--base-url", f"user/ada/proxy/absolute/{port}"], port)
    prefix = f"http://127.0.0.1:{port}/user/ada/proxy/absolute/{port}/"
    r = requests.get(prefix + "j/ada/", timeout=60)
    assert r.status_code == 200 and "Only post" in r.text
    assert f'href="/user/ada/proxy/absolute/{port}/style.css"' in r.text
    assert requests.get(f"http://127.0.0.1:{port}/ada/", timeout=60).status_code == 404
