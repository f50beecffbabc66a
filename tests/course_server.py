"""A standalone course server for tests, and the people who use it: tokens for the API, cookies for pages.

Import it from a test with `from course_server import ...` (tests/conftest.py puts this folder on sys.path).
The store backend is a parameter: `start_course` runs the same course on the folder or on PostgreSQL.
"""

from __future__ import annotations

import re

import requests

from journal.course.server.identity import course_secret, issue_token
from journal.course.server.ports import free_port

STORES = {"folder": "journal.course.store:FolderCourseStore", "postgres": "journal.course.postgres:open_course"}


class Client:
    """One person: their token on API calls, a cookie session for pages and forms."""

    def __init__(self, base, login, secret):
        self.base, self.login = base, login
        self.token = issue_token(secret, login)
        self.session = requests.Session()

    def api(self, method, path, payload=None, **kw):
        return requests.request(method, self.base + "api/" + path, json=payload, timeout=120,
                                headers={"Authorization": f"token {self.token}", **kw.pop("headers", {})}, **kw)

    def page(self, path="", params=None, **kw):
        return self.session.get(self.base + path, params={"token": self.token, **(params or {})}, timeout=120, **kw)

    def form(self, path, data, **kw):
        """POST a form as a browser would: the page's XSRF token and cookie, our own Origin."""
        page = self.page(kw.pop("from_page", path.rsplit("/", 1)[0]))
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
        return self.session.post(self.base + path, data={"_xsrf": xsrf, **data}, allow_redirects=False,
                                 headers={"Origin": self.base.rstrip("/"), **kw.pop("headers", {})}, timeout=120, **kw)


def entry_notebook(entry_id, title, status="published", body="Some thoughts about the week.", tags=()):
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {"journal": {
        "id": entry_id, "title": title, "date": "2026-10-05", "tags": list(tags), "status": status,
        "author": "Ada", "references": ""}},
        "cells": [{"cell_type": "markdown", "id": "c1", "metadata": {}, "source": body}]}


def post(client, owner, entry_id, body, **extra):
    return client.api("POST", f"comments/{owner}", {"entry_id": entry_id, "body": body, **extra})


def start_course(backend, folder, server_process, new_database=None, *, people=("ada", "bob", "tina", "cal"),
                 tutors=("tina",), readers_group: str = "", roster: str = "", **settings_too) -> dict:
    """A course in `folder` served on a free port with `backend` (a key of STORES): its folder, base URL,
    process, port, database URL ('' for the folder store), and a Client per login (`as(login)` for more).
    `roster` is the text of its roster.csv; `settings_too` are more CourseSettings fields."""
    from journal.course.settings import CourseSettings, create

    settings = create(folder, title="Reflective practice 2026", tutors=list(tutors), readers_group=readers_group)
    if roster:
        (folder / "roster.csv").write_text(roster, encoding="utf-8")
        settings_too["roster"] = "roster.csv"
    db = ""
    if backend == "postgres":
        db = new_database()
        settings_too["db"] = db
    if settings_too:
        data = {**settings.to_dict(), **settings_too}
        CourseSettings.from_dict(data).save(folder / "course.toml")
    port = free_port()
    proc = server_process(["course", "serve", "--dir", folder, "--port", port, "--store", STORES[backend]], port)
    base = f"http://127.0.0.1:{port}/"
    secret = course_secret(folder)
    clients = {login: Client(base, login, secret) for login in people}
    clients["as"] = lambda login: Client(base, login, secret)
    return {"folder": folder, "base": base, "proc": proc, "port": port, "db": db, **clients}


def course_folder(tmp_path, name="course", db=""):
    """A course folder with its course.toml (kept in PostgreSQL at `db` when given), no server."""
    from journal.course.settings import CourseSettings

    folder = tmp_path / name
    folder.mkdir()
    CourseSettings(title="Reflective practice", tutors=["tina"], db=db).save(folder / "course.toml")
    return folder


def course_store(request, tmp_path):
    """The course store of a fresh course on the backend `request.param` names (folder or postgres)."""
    from journal.course.postgres import open_course
    from journal.course.store import FolderCourseStore

    if request.param == "folder":
        return FolderCourseStore(course_folder(tmp_path))
    return open_course(course_folder(tmp_path, db=request.getfixturevalue("pg_url")))
