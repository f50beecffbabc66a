"""What a launch (or a membership entry) says about a person: their course role, name and LMS context.

LTI roles are URIs (`http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor`, the context role
vocabulary); NRPS sends them as URIs too, and some platforms as bare names (`Instructor`). Only context
roles count: an institution role (`…/institution/person#Instructor`) says nothing about this course.
"""

from __future__ import annotations

from dataclasses import dataclass

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
ROLES, CONTEXT, DEPLOYMENT = CLAIM + "roles", CLAIM + "context", CLAIM + "deployment_id"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#"

# The course's roles: who tutors (reads and moderates every journal) and who keeps a journal.
TUTOR_ROLES = ("Instructor", "TeachingAssistant", "ContentDeveloper")
STUDENT_ROLES = ("Learner",)
TUTOR, STUDENT = "tutor", "student"


def context_role(uri: str) -> str:
    """The context role a role URI names (`Instructor`, or `TeachingAssistant` for its sub-role
    `…/membership/Instructor#TeachingAssistant`); '' for an institution or system role."""
    uri = uri.strip()
    if "://" not in uri:
        return uri
    if uri.startswith(MEMBERSHIP):
        return uri[len(MEMBERSHIP):]
    if uri.startswith(MEMBERSHIP[:-1] + "/"):          # a sub-role: …/membership/Instructor#TeachingAssistant
        return uri.rpartition("#")[2]
    return ""


def course_role(roles) -> str:
    """tutor, student, or '' (no role this course knows: such a person only reads, if readers may)."""
    names = {context_role(r) for r in roles or () if isinstance(r, str)}
    if names & set(TUTOR_ROLES):
        return TUTOR
    if names & set(STUDENT_ROLES):
        return STUDENT
    return ""


def display_name(claims: dict) -> str:
    """The person's name as the LMS gives it: `name`, else given and family names; '' when it sends none."""
    name = str(claims.get("name") or "").strip()
    if name:
        return name
    return " ".join(str(claims.get(k) or "").strip() for k in ("given_name", "family_name")).strip()


@dataclass(frozen=True)
class Launch:
    """The claims of a person's latest launch that the course uses."""

    context_id: str
    deployment_id: str
    role: str
    name: str
    memberships_url: str = ""       # NRPS: the context's membership list
    lineitems_url: str = ""         # AGS: the context's line items
    ags_scopes: tuple = ()
    issued_at: float = 0.0          # `iat`: when the LMS issued it (seconds since the epoch)

    @classmethod
    def from_claims(cls, claims: dict) -> "Launch":
        context = claims.get(CONTEXT) or {}
        nrps, ags = claims.get(NRPS) or {}, claims.get(AGS) or {}
        return cls(context_id=str(context.get("id") or ""), deployment_id=str(claims.get(DEPLOYMENT) or ""),
                   role=course_role(claims.get(ROLES)), name=display_name(claims),
                   memberships_url=str(nrps.get("context_memberships_url") or ""),
                   lineitems_url=str(ags.get("lineitems") or ""), ags_scopes=tuple(ags.get("scope") or ()),
                   issued_at=_seconds(claims.get("iat")))


def _seconds(value) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def refusal(launch: Launch, lti) -> str:
    """Why this launch does not open this course, worded for the person; '' when it does."""
    if launch.context_id != lti.context_id:
        return ("You came from an LMS course this journal course does not belong to. Open the journal from the "
                "link in your course's own LMS page, or ask your tutor which course it belongs to.")
    if launch.deployment_id != lti.deployment_id:
        return ("You came from an LMS installation of the journal this course is not registered with. Ask the "
                "course team to check the tool's deployment in the LMS.")
    return ""
