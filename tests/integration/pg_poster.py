"""A poster process for the PostgreSQL concurrency tests: posts comments straight to the store, one JSON line each.

    python pg_poster.py COURSE LOGIN START_FILE SPEC.json

SPEC is a list of {"entry", "name", "body", "email"?}; posting starts at the wall-clock time
written in START_FILE, so that every process posts at once.
"""

import json
import sys
import time
from pathlib import Path

from journal.comments.errors import CommentRefused
from journal.comments.protocol import Actor
from journal.course.postgres import open_course
from journal.errors import StoreUnavailable


def main(course, login, start_at, spec_path):
    posts = json.loads(open(spec_path, encoding="utf-8").read())
    store = open_course(course).comments(login, Actor("poster", "peer"))
    print(json.dumps({"ready": True}), flush=True)
    start_file = Path(start_at)
    while not start_file.exists() or not start_file.read_text() or time.time() < float(start_file.read_text()):
        time.sleep(0.001)
    for post in posts:
        try:
            c = store.submit(post["entry"], name=post["name"], body=post["body"], email=post.get("email"))
            out = {"ok": c.id, "body": post["body"]}
        except CommentRefused as exc:
            out = {"refused": str(exc), "body": post["body"]}
        except StoreUnavailable as exc:
            out = {"unavailable": str(exc), "body": post["body"]}
        print(json.dumps(out), flush=True)
        time.sleep(post.get("pause", 0))


if __name__ == "__main__":
    main(*sys.argv[1:])
