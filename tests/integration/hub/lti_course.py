"""A course registered with the tests' LMS (lms.py), served by a real hub with LTI13Authenticator: its
members Ada and Bob (Learners) and Tina (Instructor), its rubric, and its two gradebook items; and a person's
launch from the platform without a browser (a requests session)."""

from __future__ import annotations

import html
import re
import secrets
import subprocess
import sys

import requests

from journal.course.settings import CourseSettings

from .conftest import free_port, start_hub
from .lms import Lms, serve

CRITERIA = [{"name": "clarity", "levels": ["unclear", "clear", "vivid"]}]
GRADES = ('[grades.participation]\nlabel = "Participation"\nmaximum = 10\nshared = 2\ncomments = 1\n'
          '[grades.reflection]\nlabel = "Reflection"\nmaximum = 4\ntag = "reflection"\n')


def start(folder):
    """The platform and the hub, running; returns (lms, hub, stop)."""
    course = folder / "course"
    lms = Lms(free_port())
    lms.add("u-ada", "Ada Lovelace", "ada@uni.test")
    lms.add("u-bob", "Bob Byte", "bob@uni.test")
    lms.add("u-tina", "Tina Khan", "tina@uni.test", role="Instructor")
    stop_lms = serve(lms)
    subprocess.run([sys.executable, "-m", "journal", "course", "init", str(course), "--title", "Biology journals"],
                   check=True, capture_output=True, timeout=120)
    settings = CourseSettings.load(course / "course.toml")
    settings.feedback.criteria = CRITERIA
    settings.save(course / "course.toml")
    with (course / "course.toml").open("a", encoding="utf-8") as f:
        f.write(lms.course_toml())
        f.write(GRADES)
    try:
        hub = start_hub(folder, course=course, env={"JOURNAL_HUB_AUTHENTICATOR": "lti",
                                                    "JUPYTERHUB_CRYPT_KEY": secrets.token_hex(32)})
    except BaseException:
        stop_lms()
        raise
    lms.register(hub.url, hub.service_url)

    def stop():
        hub.stop()
        stop_lms()
    return lms, hub, stop


def launch_form(lms, user, **args):
    """A person clicks the link in the LMS: the platform's OIDC login through the hub, up to the launch form
    the platform gives the browser to post to the hub. Returns (browser, where the form posts, its fields)."""
    browser = requests.Session()
    browser.trust_env = False
    form = browser.get(f"{lms.url}/launch", params={"user": user, **args}, timeout=60)
    assert form.status_code == 200, form.text[:500]
    action = re.search(r'action="([^"]+)"', form.text).group(1)
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.text))
    return browser, html.unescape(action), fields


def launch(lms, user, **args):
    """The whole launch, onto the course."""
    browser, action, fields = launch_form(lms, user, **args)
    return browser, browser.post(action, data=fields, timeout=60)
