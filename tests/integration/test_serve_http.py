"""A real `journal serve` over HTTP: what a visitor can and cannot fetch, tokens, and Ctrl-C."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from journal.serve import Server, page_name
from journal.serve.voila import free_port

pytestmark = pytest.mark.slow
ERROR_MARKER = "a-private-detail-of-the-failure"


def fetch(url, timeout=180):
    """(status, body) of a GET, following redirects; HTTP errors are results, not exceptions."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def raw_get(port, path):
    """A GET sent byte for byte, so `..` reaches the server unnormalised; returns the status line."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), head.decode("latin-1"), body


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from journal.demo import build

    journal = build(tmp_path_factory.mktemp("serve-http") / "demo")
    (journal.entries_dir / "figures").mkdir()
    (journal.entries_dir / "figures" / "ward.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really a picture")
    (journal.entries_dir / "helpers.py").write_text("SECRET_HELPER = 1\n", encoding="utf-8")
    failing = journal.new_entry("A post whose code fails", status="published", date="2026-11-02")
    failing.notebook["cells"].insert(1, {"cell_type": "code", "execution_count": None, "id": "boom",
                                         "metadata": {}, "outputs": [],
                                         "source": f"raise RuntimeError('{ERROR_MARKER}')"})
    failing.save()
    server = Server(journal, port=free_port()).start()
    yield journal, server
    server.stop()


def _private_files(journal):
    draft = next(e for e in journal.entries() if not e.published)
    return {"journal.toml": journal.path / "journal.toml", "comments.csv": journal.comments_path,
            "references.bib": journal.library_path, f"entries/{draft.path.name}": draft.path}


@pytest.mark.parametrize("prefix", ["voila/files/", "voila/render/", "voila/files/../", "voila/files/..%2f",
                                    "voila/files/%2e%2e/", "voila/render/../", "voila/render/..%2f",
                                    "voila/static/../../", "voila/templates/../../", "voila/files/../../"])
def test_private_files_cannot_be_fetched(served, prefix):
    journal, server = served
    for name, path in _private_files(journal).items():
        secret = path.read_bytes()[:80]
        status, head, body = raw_get(server.port, f"/{prefix}{name}")
        # Voilà's template handler answers a path it cannot map with 500: a refusal all the same.
        assert status in (302, 403, 404, 500), f"{prefix}{name} answered {status}"
        assert secret not in body, f"{prefix}{name} leaked its content"
        if status == 302:   # a redirect must lead to a refusal too
            location = next(line.split(":", 1)[1].strip() for line in head.splitlines()
                            if line.lower().startswith("location:"))
            assert fetch(server.url.rstrip("/") + location)[0] in (403, 404)


def test_notebooks_and_code_cannot_be_downloaded(served):
    journal, server = served
    published = next(e for e in journal.entries() if e.published)
    for name in (page_name(published), "index.ipynb", "helpers.py"):
        status, body = fetch(f"{server.url}voila/files/{name}")
        assert status == 403, name
        assert "comment_panel" not in body and "SECRET_HELPER" not in body
    # The contents API tells the tree page a notebook exists, never what is in it.
    status, body = fetch(f"{server.url}voila/api/contents/{page_name(published)}?content=1")
    assert status == 200 and json.loads(body)["content"] is None


def test_pictures_next_to_entries_can_be_fetched(served):
    _, server = served
    status, body = fetch(f"{server.url}voila/files/figures/ward.png")
    assert status == 200 and "not really a picture" in body


def test_drafts_are_neither_listed_nor_rendered(served):
    journal, server = served
    draft = next(e for e in journal.entries() if not e.published)
    status, body = fetch(f"{server.url}voila/api/contents/")
    listed = {item["name"] for item in json.loads(body)["content"]}
    assert listed == {"index.ipynb", *(page_name(e) for e in journal.entries(published_only=True)), "figures"}
    assert fetch(f"{server.url}voila/render/{draft.path.name}")[0] == 404


def test_rendered_page_has_no_code_and_no_traceback(served):
    journal, server = served
    status, html = fetch(server.page_url("2026-11-02-a-post-whose-code-fails.ipynb"))
    assert status == 200
    assert "RuntimeError" not in html and ERROR_MARKER not in html and "Traceback" not in html
    assert "The author can see what went wrong" in html
    assert "Write your post here" in html, "the cells after a failing one are rendered too"
    status, html = fetch(server.page_url(page_name(journal.entry("joining-up-care-means-learning-together"))))
    assert status == 200
    assert "Joining up care means learning together" in html
    assert "import pandas" not in html and "comment_panel(" not in html


@pytest.fixture(scope="module")
def tokened(tmp_path_factory):
    from journal import Journal

    journal = Journal.create(tmp_path_factory.mktemp("serve-token") / "j", title="Token journal", author="A")
    journal.new_entry("Only post", status="published")
    with Server(journal, port=free_port(), token="tok-3n8b") as server:
        yield server


def test_a_token_is_required_when_set(tokened):
    status, _ = fetch(f"{tokened.url}voila/api/contents/")
    assert status == 403
    status, page = fetch(f"{tokened.url}voila/render/index.ipynb")
    assert "Token journal" not in page
    assert tokened.page_url().endswith("?token=tok-3n8b")
    status, page = fetch(tokened.page_url())
    assert status == 200 and "Token journal" in page


def _processes_serving(journal_dir: Path) -> list[int]:
    """Processes whose environment names this journal: Voilà and its kernels (Linux /proc)."""
    needle = f"JOURNAL_DIR={journal_dir.resolve()}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if needle in (proc / "environ").read_bytes().split(b"\0"):
                    found.append(int(proc.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to find kernel processes")
def test_ctrl_c_stops_voila_and_its_kernels(demo):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "journal", "serve", "--dir", str(demo.path), "--port", str(port),
                             "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        lines = [proc.stdout.readline() for _ in range(3)]
        assert lines[1].startswith(f"Open: http://127.0.0.1:{port}/voila/render/index.ipynb"), lines
        assert fetch(lines[1].split(" ", 1)[1].strip())[0] == 200     # starts a kernel
        assert len(_processes_serving(demo.path)) >= 2                # Voilà and at least one kernel
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Stopped." in err and "Traceback" not in err
    deadline = time.monotonic() + 20
    while _processes_serving(demo.path) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_serving(demo.path) == []
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_base_url_serves_under_a_proxy_prefix(tmp_path):
    from journal import Journal

    journal = Journal.create(tmp_path / "j", title="Proxied journal", author="A")
    journal.new_entry("Only post", status="published")
    port = free_port()
    with Server(journal, port=port, base_url=f"user/ada/proxy/absolute/{port}") as server:
        assert server.page_url() == f"http://127.0.0.1:{port}/user/ada/proxy/absolute/{port}/voila/render/index.ipynb"
        status, page = fetch(server.page_url())
        assert status == 200 and "Proxied journal" in page
        assert f"/user/ada/proxy/absolute/{port}/voila/static/" in page
        assert fetch(f"http://127.0.0.1:{port}/voila/render/index.ipynb")[0] == 404
