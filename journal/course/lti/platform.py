"""Calls to the LMS's services, through PyLTI1p3 (the maintained `pylti1p3next` fork): the service token
(a client-credentials grant signed with the tool's key), the membership list (NRPS, every page) and the
gradebook (AGS: find or create a line item by its tag, post a score).
"""

from __future__ import annotations

import time

import requests
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem
from pylti1p3.names_roles import NamesRolesProvisioningService
from pylti1p3.registration import Registration
from pylti1p3.service_connector import ServiceConnector

from ...errors import JournalError
from .keys import public_pem

AGS_SCOPES = ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
              "https://purl.imsglobal.org/spec/lti-ags/scope/score"]
TIMEOUT = 30                    # seconds for one call to the platform


class PlatformError(JournalError):
    """The LMS refused or failed a call: its words, and what the tool asked."""


class _Session(requests.Session):
    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        return super().request(*args, **kwargs)


class _Connector(ServiceConnector):
    """A service connector keeping its tokens in memory until they expire (PyLTI1p3 leaves the cache to us)."""

    def __init__(self, registration):
        super().__init__(registration, _Session())
        self.tokens: dict[str, tuple[str, float]] = {}

    def _get_cached_access_token(self, scope_key):
        token, until = self.tokens.get(scope_key, ("", 0.0))
        return token if until > time.monotonic() else None

    def _cache_access_token(self, scope_key, access_token, expires_in):
        self.tokens[scope_key] = (access_token, time.monotonic() + float(expires_in or 0) - 30)


class Platform:
    """The course's LMS, as `[lti]` registers it, signing with the tool's private key `pem`."""

    def __init__(self, lti, pem: str):
        # The public half gives the key id (its thumbprint) the platform finds in the key set the course serves.
        registration = (Registration().set_issuer(lti.issuer).set_client_id(lti.client_id)
                        .set_auth_token_url(lti.token_url).set_tool_private_key(pem)
                        .set_tool_public_key(public_pem(pem)))
        self.connector = _Connector(registration)

    def members(self, memberships_url: str) -> list[dict]:
        """Every member of the LMS course (all pages of the membership list)."""
        service = NamesRolesProvisioningService(self.connector, {"context_memberships_url": memberships_url})
        return _calling("read the membership list", service.get_members)

    def gradebook(self, lineitems_url: str) -> "Gradebook":
        return Gradebook(AssignmentsGradesService(self.connector, {"scope": AGS_SCOPES, "lineitems": lineitems_url}))


class Gradebook:
    """The LMS course's line items and the scores posted to them."""

    def __init__(self, service):
        self.service = service

    def line_item(self, tag: str, label: str, maximum: float) -> LineItem:
        """The line item tagged `tag`, made if the gradebook has none: pushing twice makes no second column."""
        wanted = LineItem().set_tag(tag).set_label(label).set_score_maximum(maximum).set_resource_id(tag)
        return _calling(f"find or create the gradebook item {label!r}", self.service.find_or_create_lineitem,
                        wanted)

    def post(self, item: LineItem, user_id: str, score: float, maximum: float, timestamp: str) -> None:
        grade = (Grade().set_user_id(user_id).set_score_given(score).set_score_maximum(maximum)
                 .set_timestamp(timestamp).set_activity_progress("Completed").set_grading_progress("FullyGraded"))
        _calling(f"post a score for {user_id}", self.service.put_grade, grade, item)


def _calling(doing: str, call, *args):
    try:
        return call(*args)
    except LtiServiceException as exc:
        said = f"{exc.response.status_code} {exc.response.text[:200]}"
        raise PlatformError(f"the LMS refused to {doing}: {said}") from None
    except (LtiException, requests.RequestException) as exc:
        raise PlatformError(f"could not {doing} on the LMS: {exc}") from None
