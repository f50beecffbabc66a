"""The LMS's words as the course reads them, with no server: role mapping, the launch's refusals, the roster's
logins and groups, the [lti] and [grades] tables, and the participation and rubric formulas."""

import pytest

from journal.course.lti.claims import AGS, CONTEXT, DEPLOYMENT, NRPS, ROLES, Launch, course_role, refusal
from journal.course.lti.grades import Counts, participation, rubric
from journal.course.lti.launches import REPLAYED, LaunchCheck
from journal.course.lti.roster import members, roster_csv
from journal.course.lti.settings import LtiSettings
from journal.course.settings import CourseSettings
from journal.errors import SettingsError
from journal.feedback.model import Feedback
from journal.feedback.settings import FeedbackSettings

LIS = "http://purl.imsglobal.org/vocab/lis/v2/membership#"


@pytest.mark.parametrize("roles, expected", [
    ([LIS + "Instructor"], "tutor"),
    ([LIS + "TeachingAssistant"], "tutor"),
    (["http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"], "tutor"),
    ([LIS + "ContentDeveloper"], "tutor"),
    ([LIS + "Learner"], "student"),
    (["Learner"], "student"),                                     # NRPS may send bare names
    ([LIS + "Learner", LIS + "Instructor"], "tutor"),             # a tutor who also takes the course tutors it
    (["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor"], ""),   # not a course role
    ([LIS + "Mentor"], ""),
    ([], ""),
])
def test_lms_roles_become_course_roles(roles, expected):
    assert course_role(roles) == expected


LTI = LtiSettings(issuer="https://lms.test", client_id="c", deployment_id="d1", context_id="bio101",
                  auth_url="https://lms.test/auth", jwks_url="https://lms.test/jwks", token_url="https://lms.test/t")


def claims(context="bio101", deployment="d1", **extra):
    return {CONTEXT: {"id": context}, DEPLOYMENT: deployment, ROLES: [LIS + "Learner"], "given_name": "Ada",
            "family_name": "Lovelace", NRPS: {"context_memberships_url": "https://lms.test/m"},
            AGS: {"lineitems": "https://lms.test/li", "scope": ["s"]}, **extra}


def test_a_launch_gives_name_role_and_the_services():
    launch = Launch.from_claims(claims())
    assert (launch.name, launch.role, launch.memberships_url, launch.lineitems_url) == (
        "Ada Lovelace", "student", "https://lms.test/m", "https://lms.test/li")
    assert refusal(launch, LTI) == ""


def test_a_launch_from_another_course_or_deployment_is_refused_in_words():
    assert "does not belong to" in refusal(Launch.from_claims(claims(context="chem200")), LTI)
    assert "deployment" in refusal(Launch.from_claims(claims(deployment="d2")), LTI)


def test_the_roster_takes_logins_as_the_hub_does_and_only_active_members():
    listed = [{"user_id": "u1", "email": "Ada@Uni.test", "name": "Ada L", "roles": ["Learner"],
               "group_enrollments": [{"group_id": "g1", "group_name": "Tuesday"}]},
              {"user_id": "u2", "email": "bo@uni.test", "name": "Bo", "roles": [LIS + "Instructor"]},
              {"user_id": "u3", "email": "gone@uni.test", "roles": ["Learner"], "status": "Inactive"},
              {"user_id": "u4", "email": "x y@uni.test", "name": "Spaced", "roles": ["Learner"]}]
    found, skipped = members(listed, "email")
    assert [(m.login, m.role, m.user_id, m.groups) for m in found] == [
        ("ada@uni.test", "student", "u1", ("Tuesday",)), ("bo@uni.test", "tutor", "u2", ())]
    assert skipped == ["Spaced: no login the course can hold ('x y@uni.test')"]
    assert roster_csv(found).splitlines() == ["login,name,group", "ada@uni.test,Ada L,Tuesday", "bo@uni.test,Bo,"]
    assert [m.login for m in members(listed, "sub")[0]] == ["u1", "u2", "u4"]


def test_lti_and_grades_tables_are_checked_naming_the_key():
    with pytest.raises(SettingsError, match="'lti.client_id' must be set when 'lti.issuer' is"):
        CourseSettings.from_dict({"title": "T", "lti": {"issuer": "https://lms.test"}})
    with pytest.raises(SettingsError, match="missing required key 'grades.part.maximum'"):
        CourseSettings.from_dict({"title": "T", "grades": {"part": {"label": "Participation"}}})
    with pytest.raises(SettingsError, match="'grades.mix' has a 'tag' and participation weights"):
        CourseSettings.from_dict({"title": "T", "grades": {"mix": {"label": "M", "maximum": 4, "tag": "x",
                                                                    "shared": 1}}})
    settings = CourseSettings.from_dict({"title": "T", "grades": {"part": {"label": "P", "maximum": 10,
                                                                          "shared": 2, "comments": 1}}})
    again = CourseSettings.from_dict(settings.to_dict())
    assert again.grades["part"].comments == 1.0 and again.grades["part"].name == "part"


def test_participation_weighs_shared_comments_and_reviews_and_the_maximum_caps():
    item = CourseSettings.from_dict({"title": "T", "grades": {"p": {"label": "P", "maximum": 10, "shared": 2,
                                                                   "comments": 0.5, "reviews": 3}}}).grades["p"]
    assert participation(item, Counts(shared=2, comments=3)) == 5.5
    assert participation(item, Counts(shared=9, comments=0)) == 10.0
    assert participation(item, Counts(shared=1, comments=0, reviews=2)) == 8.0


def piece(rubric_levels, status="released"):
    return Feedback("f", "e", "", "tina", "", "", status, "", "", rubric_levels)


def test_rubric_items_take_the_levels_reached_over_the_top_levels():
    criteria = FeedbackSettings(criteria=[{"name": "depth", "levels": ["weak", "sound", "strong"]},
                                          {"name": "evidence", "levels": ["none", "some"]}])
    item = CourseSettings.from_dict({"title": "T", "grades": {"r": {"label": "R", "maximum": 4,
                                                                   "tag": "reflection"}}}).grades["r"]
    # sound (2 of 3) and some (2 of 2): 4 of 5 levels, of a maximum of 4
    assert rubric(item, [piece({"depth": "sound", "evidence": "some"})], criteria) == 3.2
    assert rubric(item, [piece({})], criteria) is None


def test_a_nonce_is_refused_while_its_token_lives_and_forgotten_after():
    check = LaunchCheck(LtiSettings(), max_age=600)
    token = {"nonce": "n1", "iat": 1000, "exp": 1300}
    assert check.replayed(token, now=1000) == ""
    assert check.replayed(token, now=1599) == REPLAYED          # the authenticator takes it until iat + max_age
    assert check.replayed({"nonce": "n2", "iat": 1700}, now=1700) == ""
    assert "n1" not in check.seen                                # past its life: no longer kept


def test_a_launch_after_the_last_sync_lets_a_newcomer_in_and_an_older_one_does_not_keep_a_leaver(tmp_path):
    """The synced roster decides for someone it does not list, unless the LMS launched them after that sync:
    the LMS launches only its course's members, so they joined since. Their next launch before a new sync
    is let in; after a sync that does not list them, their old launch no longer is."""
    from journal.course.lti.course import NOT_ON_ROSTER, LtiCourse
    from journal.course.lti.record import FolderLmsRecord

    course = LtiCourse(tmp_path, CourseSettings(title="Biology", lti=LTI), FolderLmsRecord(tmp_path))
    course.record.write("members", {"bo@uni.test": {"name": "Bo", "role": "student", "user_id": "u2", "groups": []}})
    course.record.write("synced", {"at": 1_800_000_000})
    assert course.admit("ada@uni.test", claims(iat=1_800_000_100)) == (Launch.from_claims(claims(iat=1_800_000_100)), "")
    assert course.admit("ada@uni.test", claims(iat=1_799_999_900))[1] == NOT_ON_ROSTER
    assert course.admit("ada@uni.test", None)[1] == NOT_ON_ROSTER
    assert course.admit("bo@uni.test", None)[1] == ""
