"""Each address of the course server reaches the handler meant for it (app._routes is one table, most specific
first, and Tornado takes the first pattern that matches). No server is started: the router is asked."""

import pytest
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

from journal.course.server import api, carry_api, feedback_api, feedback_pages, pages, reviews, rounds, tutors
from journal.course.server.app import ServerState, make_app
from journal.course.settings import create
from journal.course.store import FolderCourseStore

EXPECTED = [
    ("/", pages.Index),
    ("/style.css", pages.Stylesheet),
    ("/login", pages.Login),
    ("/moderate", pages.Moderate),
    ("/moderate/ada/0123-abc", pages.Moderate),
    ("/tutor", tutors.Tutor),
    ("/tutor/feedback", tutors.TutorFeedback),
    ("/tutor/report", tutors.TutorReport),
    ("/tutor/class.zip", tutors.Portfolio),
    ("/tutor/ada/portfolio.pdf", tutors.Portfolio),
    ("/tutor/rounds", rounds.OpenRound),
    ("/tutor/rounds/week-3/allocate", rounds.ChangeRound),
    ("/tutor/rounds/week-3/close", rounds.ChangeRound),
    ("/review", reviews.ToReview),
    ("/review/week-3/ada/week-one", reviews.PostReview),
    ("/api/whoami", api.WhoAmI),
    ("/api/entries", api.Entries),
    ("/api/entries/ada/week-one", api.OneEntry),
    ("/api/entries/ada/week-one/versions", api.Versions),
    ("/api/journals/ada", api.JournalSettings),
    ("/api/role/ada", api.Role),
    ("/api/comments/ada", api.Comments),
    ("/api/comments/ada/thread/week-one", api.Thread),
    ("/api/comments/ada/counts", api.Counts),
    ("/api/comments/ada/carry", carry_api.Carry),
    ("/api/comments/ada/0123-abc", api.OneComment),
    ("/api/comments/ada/0123-abc/approve", api.OneComment),
    ("/api/comments/ada/0123-abc/history", api.OneComment),
    ("/api/feedback-settings", feedback_api.Criteria),
    ("/api/feedback/ada", feedback_api.Feedback),
    ("/api/feedback/ada/release", feedback_api.Change),
    ("/api/feedback/ada/0123-abc", feedback_api.OnePiece),
    ("/api/feedback/ada/0123-abc/history", feedback_api.OnePiece),
    ("/j/ada/", pages.Student),
    ("/j/ada", pages.Student),
    ("/j/ada/week-one", pages.EntryPage),
    ("/j/ada/week-one/comment", pages.PostComment),
    ("/j/ada/week-one/feedback", feedback_pages.PostFeedback),
    ("/j/ada/week-one/download", pages.Download),
    ("/j/ada/figures/plot.svg", pages.Picture),
    # Logins that are also the names of our pages have journals like anyone's.
    ("/j/tutor/", pages.Student),
    ("/j/moderate/week-one", pages.EntryPage),
    ("/j/login/week-one/comment", pages.PostComment),
    ("/j/api/", pages.Student),
    # Addresses from before journals moved under j/ are sent on.
    ("/ada/", pages.MovedJournal),
    ("/ada/week-one", pages.MovedJournal),
    ("/ada/week-one/comment", pages.MovedJournal),
    ("/j/ada/week-one/nothing/here", pages.NotFound),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("course") / "course"
    create(folder, title="Routes")
    return make_app(ServerState(FolderCourseStore(folder), renderer=None, secret="s"))


@pytest.mark.parametrize(("path", "handler"), EXPECTED, ids=[p for p, _ in EXPECTED])
def test_each_address_reaches_its_handler(app, path, handler):
    request = HTTPServerRequest(start_line=RequestStartLine("GET", path, "HTTP/1.1"),
                                headers=HTTPHeaders({"Host": "127.0.0.1"}))
    found = app.find_handler(request).handler_class
    assert issubclass(found, handler), f"{path} reached {found.__mro__[1].__name__}"
