"""Four course servers on one PostgreSQL database, eight posters spread over them, and a restart in the middle."""

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import nbformat
import pytest

from journal.comments.protocol import Actor
from journal.course.postgres import open_course
from journal.course.server.ports import free_port
from journal.course.server.identity import course_secret, issue_token
from journal.course.settings import CourseSettings
from journal.settings import CommentSettings

pytestmark = pytest.mark.slow
SERVERS, POSTERS = 4, 8


def _notebook(entry_id):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("Notes from the ward.")]
    nb.metadata["journal"] = {"id": entry_id, "title": "Week one", "date": "2026-10-01", "status": "published"}
    return nbformat.from_dict(nb)


@pytest.fixture
def servers(pg_url, tmp_path):
    """A course kept in PostgreSQL (moderation none, no flood wait; bo's journal asks 60 s) and four servers."""
    root = tmp_path / "course"
    root.mkdir()
    CourseSettings(title="Shared course", db=pg_url,
                   comments=CommentSettings(moderation="none", flood_seconds=0)).save(root / "course.toml")
    course = open_course(root)
    for login in ("ada", "bo"):
        course.share(login, _notebook("week-1"))
    course.configure("bo", {"comments": {"flood_seconds": 60}})
    procs, urls = [], []
    for _ in range(SERVERS):
        port = free_port()
        procs.append(subprocess.Popen([sys.executable, "-m", "journal", "course", "serve", "--dir", str(root),
                                       "--port", str(port)], stdout=subprocess.PIPE, text=True,
                                      stderr=open(tmp_path / f"server-{port}.log", "w")))
        urls.append(f"http://127.0.0.1:{port}/")
    try:
        for proc in procs:
            line = proc.stdout.readline()
            assert "Serving the course" in line, line
        yield urls, course, course_secret(root)
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def _post(url, secret, poster, journal, body):
    """(status, reply) of one comment posted through the JSON API as `poster`."""
    request = urllib.request.Request(
        f"{url}api/comments/{journal}", method="POST", data=json.dumps({"entry_id": "week-1", "body": body}).encode(),
        headers={"Authorization": f"token {issue_token(secret, poster)}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")
    except OSError as exc:          # no answer at all: counted, and the test says so
        return 0, {"error": repr(exc)}


def _at_once(calls):
    """Run the calls in threads released together; their results in order."""
    results, gate = [None] * len(calls), threading.Barrier(len(calls))

    def run(i, call):
        gate.wait()
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    [t.start() for t in threads]
    [t.join(120) for t in threads]
    return results


def test_a_duplicate_sent_to_every_server_at_once_is_accepted_once(servers):
    urls, course, secret = servers
    got = _at_once([lambda i=i: _post(urls[i % SERVERS], secret, "pat", "ada", "The same words, everywhere.")
                    for i in range(POSTERS)])
    assert sorted(s for s, _ in got) == [201] + [400] * (POSTERS - 1)
    assert all("Duplicate comment" in r["error"] for s, r in got if s == 400)
    assert len(course.comments("ada", Actor("ada", "author")).frame()) == 1


def test_flood_control_holds_when_every_server_takes_the_same_persons_posts(servers):
    urls, course, secret = servers
    got = _at_once([lambda i=i: _post(urls[i % SERVERS], secret, "pat", "bo", f"Thought number {i}.")
                    for i in range(POSTERS)])
    assert sorted(s for s, _ in got) == [201] + [400] * (POSTERS - 1)
    assert all("commenting too quickly" in r["error"] for s, r in got if s == 400)
    assert len(course.comments("bo", Actor("bo", "author")).frame()) == 1


def test_a_restart_in_the_middle_loses_nothing_acknowledged(servers, pg_cluster):
    urls, course, secret = servers
    per_poster, results = 40, []

    def poster(p):
        for i in range(per_poster):
            status, reply = _post(urls[(p + i) % SERVERS], secret, f"poster{p}", "ada", f"Post {i} by poster {p}.")
            results.append((status, reply, f"Post {i} by poster {p}."))
            time.sleep(0.02)

    threads = [threading.Thread(target=poster, args=(p,)) for p in range(POSTERS)]
    [t.start() for t in threads]
    while len(results) < POSTERS * per_poster // 4:
        time.sleep(0.05)
    pg_cluster.restart()
    [t.join(300) for t in threads]
    assert len(results) == POSTERS * per_poster
    statuses = {s for s, _, _ in results}
    assert statuses <= {201, 503}, [r for r in results if r[0] not in (201, 503)][:3]
    refused = [r for s, r, _ in results if s == 503]
    assert refused, "the restart should have refused some posts in flight"
    assert all("try again" in r["error"] and r["kind"] == "unavailable" for r in refused)
    acknowledged = {r["id"]: body for s, r, body in results if s == 201}
    stored = course.comments("ada", Actor("ada", "author")).frame()
    assert stored["id"].is_unique
    kept = dict(zip(stored["id"], stored["body"]))
    assert {cid: kept.get(cid) for cid in acknowledged} == acknowledged     # every acknowledged post, stored once
    # after the restart every server is back by itself
    assert _post(urls[0], secret, "late", "ada", "After the restart.")[0] == 201
