"""An LTI 1.3 platform for the tests: OpenLearning's `lti1p3platform` mounted in a small Tornado app.

The library does the platform's side (the OIDC launch, the id_token, the key set, service tokens, NRPS,
AGS); this is only the glue that gives it addresses: its request and response objects, the launch form it
leaves to frameworks, and the course's members, line items and scores it keeps in memory.
"""

from __future__ import annotations

import asyncio
import copy
import html
import json
import threading
import uuid

from jwcrypto import jwk
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.oidc_login import OIDCLoginAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request
from lti1p3platform.service_connector import AssignmentsGradesService, NamesRoleProvisioningService
from lti1p3platform.membership import Context
from tornado import httpserver, web

LIS = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
CLIENT_ID, DEPLOYMENT = "journal-tool", "deployment-1"


class Lms:
    """The platform's state: its registration of the tool, its course's members, line items and scores."""

    def __init__(self, port: int, context_id: str = "bio101"):
        self.port, self.context_id = port, context_id
        self.url = f"http://127.0.0.1:{port}"
        key = jwk.JWK.generate(kty="RSA", size=2048)
        self.private = key.export_to_pem(private_key=True, password=None).decode()
        self.public = key.export_to_pem().decode()
        self.members: dict[str, dict] = {}          # user_id -> NRPS member
        self.lineitems: dict[str, dict] = {}
        self.scores: dict[str, list] = {}           # line item id -> scores received
        self.hints: dict[str, tuple] = {}
        self.refuse: dict[str, str] = {}            # user_id -> why the gradebook takes no score for them
        self.registration = None

    def register(self, hub_url: str, service_url: str) -> None:
        """The tool as an LMS administrator registers it: its login URL, target link and key-set URL."""
        self.registration = (Registration().set_iss(self.url).set_client_id(CLIENT_ID)
                             .set_deployment_id(DEPLOYMENT).set_oidc_login_url(f"{hub_url}/hub/lti13/oauth_login")
                             .set_launch_url(service_url).set_platform_public_key(self.public)
                             .set_platform_private_key(self.private)
                             .set_tool_key_set_url(f"{service_url}lti/jwks.json"))

    def rotate(self) -> None:
        """The platform replaces its signing key, as an LMS does from time to time: its key set then holds the
        new key only, and every launch from now on is signed with it."""
        key = jwk.JWK.generate(kty="RSA", size=2048)
        self.private = key.export_to_pem(private_key=True, password=None).decode()
        self.public = key.export_to_pem().decode()
        self.registration.set_platform_public_key(self.public).set_platform_private_key(self.private)

    def add(self, user_id, name, email, role="Learner"):
        self.members[user_id] = {"user_id": user_id, "name": name, "email": email, "roles": [LIS + role],
                                 "status": "Active"}

    def course_toml(self) -> str:
        return (f'[lti]\nissuer = "{self.url}"\nclient_id = "{CLIENT_ID}"\ndeployment_id = "{DEPLOYMENT}"\n'
                f'context_id = "{self.context_id}"\nauth_url = "{self.url}/auth"\njwks_url = "{self.url}/jwks"\n'
                f'token_url = "{self.url}/token"\n')

    def config(self, registration=None):
        registration = registration or self.registration

        class Config(LTI1P3PlatformConfAbstract):
            def init_platform_config(self, **kwargs):
                pass

            def get_registration_by_params(self, **kwargs):
                return registration
        return Config()

    def misregistered(self, client_id: str = "", deployment: str = "") -> Registration:
        """The registration as a platform with another tool's client id, or another deployment, holds it."""
        other = copy.copy(self.registration)
        return other.set_client_id(client_id or CLIENT_ID).set_deployment_id(deployment or DEPLOYMENT)


def _request(handler) -> Request:
    class TornadoRequest(Request):
        def build_metadata(self, r):
            args = {k: v[-1].decode() for k, v in r.query_arguments.items()}
            form = {k: v[-1].decode() for k, v in r.body_arguments.items()}
            kind = r.headers.get("Content-Type", "")
            return {"method": r.method, "form_data": form, "get_data": args, "headers": r.headers,
                    "content_type": kind, "path": r.path,
                    "json": json.loads(r.body) if "json" in kind and r.body else None}
    return TornadoRequest(handler.request)


class Handler(web.RequestHandler):
    def check_xsrf_cookie(self):
        pass

    @property
    def lms(self) -> Lms:
        return self.settings["lms"]

    def answer(self, response, body=None):
        self.set_status(response.code)
        self.set_header("Content-Type", response.media_type)
        self.finish(json.dumps(response.result if body is None else body))


class Launch(Handler):
    """/launch?user=ID[&context=ID][&client_id=ID][&deployment=ID][&expires=SECONDS]: a person clicks the tool's
    link in the LMS course (a launch for another course, tool or deployment, or one whose id_token is good for
    `expires` seconds, a negative number for one expired already)."""

    def get(self):
        lms, user = self.lms, self.get_argument("user")
        hint = uuid.uuid4().hex
        registration = lms.misregistered(self.get_argument("client_id", ""), self.get_argument("deployment", ""))
        lms.hints[hint] = (user, self.get_argument("context", lms.context_id), registration,
                           int(self.get_argument("expires", "300")))

        class Login(OIDCLoginAbstract):
            def set_lti_message_hint(self, **kwargs):
                self._lti_message_hint = hint

            def get_redirect(self, url):
                return url
        login = Login(_request(self), lms.config(registration))
        login.set_lti_message_hint()
        self.redirect(login.initiate_login(user))


class Auth(Handler):
    """The platform's OIDC authorisation endpoint: the tool's login redirects here, the launch form goes back."""

    def get(self):
        lms = self.lms
        user, context, registration, expires = lms.hints[self.get_argument("lti_message_hint")]
        member = lms.members[user]

        class Message(LTIAdvantageMessageLaunchAbstract):
            def get_preflight_response(self):
                return self._request.get_data

            def render_launch_form(self, data, **kwargs):
                fields = "".join(f'<input type="hidden" name="{k}" value="{html.escape(data[k])}">'
                                 for k in ("id_token", "state"))
                # Posted at once, as platforms do (a person never sees it).
                return (f'<form method="post" action="{html.escape(data["launch_url"])}">{fields}</form>'
                        '<script>document.forms[0].submit()</script>')
        message = Message(_request(self), lms.config(registration))
        message.set_id_token_expiration(expires)
        message.set_user_data(user, member["roles"], full_name=member["name"], email_address=member["email"])
        message.set_launch_context_claim(context, context_label=context.upper(), context_title="Biology")
        message.set_resource_link_claim("journal-link")
        message.set_nrps(f"{lms.url}/members")
        message.set_ags(f"{lms.url}/lineitems")
        self.finish(message.lti_launch())


class Jwks(Handler):
    def get(self):
        self.finish(json.dumps(self.lms.config().get_registration() and
                               {"keys": self.lms.registration.get_jwks()}))


class Token(Handler):
    def post(self):
        config = self.lms.config()
        config.get_registration()
        try:
            self.finish(json.dumps(config.get_access_token(_request(self).form_data)))
        except Exception as exc:        # the platform's refusal, as an OAuth error
            self.set_status(400)
            self.finish(json.dumps({"error": "invalid_grant", "error_description": str(exc)}))


class Members(Handler):
    def get(self):
        lms = self.lms

        class Nrps(NamesRoleProvisioningService):
            def get_member_data_page(self, **kwargs):
                return {"content": list(lms.members.values()), "has_next": False}

            def get_context_by_id(self):
                return Context(id=lms.context_id, label=lms.context_id.upper(), title="Biology")
        config = lms.config()
        config.get_registration()
        self.answer(Nrps(_request(self), config, f"{lms.url}/members").handle_get_members())


def _ags(handler):
    lms = handler.lms

    class Ags(AssignmentsGradesService):
        def find_lineitems(self, **kwargs):
            return {"content": list(lms.lineitems.values()), "has_next": False}

        def find_lineitem(self, line_item_id):
            return lms.lineitems[line_item_id]

        def create_lineitem(self, creation_data):
            item_id = f"{lms.url}/lineitems/{len(lms.lineitems) + 1}"
            lms.lineitems[item_id] = {**creation_data, "id": item_id}
            return lms.lineitems[item_id]

        def update_lineitem(self, update_data):
            raise NotImplementedError

        def delete_lineitem(self, line_item_id):
            raise NotImplementedError

        def update_score(self, line_item_id, score):
            from lti1p3platform.score import UpdateScoreStatus
            if score.get("userId") in lms.refuse:
                return UpdateScoreStatus.NOTAPPLIED
            lms.scores.setdefault(line_item_id, []).append(score)
            return UpdateScoreStatus.SUCCESS

        def get_results(self, line_item_id, **kwargs):
            raise NotImplementedError
    config = lms.config()
    config.get_registration()
    return Ags(_request(handler), config, f"{lms.url}/lineitems")


class LineItems(Handler):
    def get(self):
        response = _ags(self).handle_get_lineitems()
        self.answer(response, response.result["content"] if response.code == 200 else None)

    def post(self):
        self.answer(_ags(self).handle_create_lineitem())


class Scores(Handler):
    def post(self, number):
        response = _ags(self).handle_update_score(f"{self.lms.url}/lineitems/{number}")
        # A refusal carries the platform's reason, as an LMS's gradebook says why it did not take a score.
        user = (json.loads(self.request.body or b"{}") or {}).get("userId", "")
        self.answer(response, {"error": response.message, "error_description": self.lms.refuse[user]}
                    if response.code == 403 and user in self.lms.refuse else None)


def serve(lms: Lms):
    """Run the platform on 127.0.0.1:lms.port in a thread of its own; returns a function that stops it."""
    app = web.Application([(r"/launch", Launch), (r"/auth", Auth), (r"/jwks", Jwks), (r"/token", Token),
                           (r"/members", Members), (r"/lineitems", LineItems), (r"/lineitems/(\d+)/scores", Scores)],
                          lms=lms)
    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder = {}

    def run():
        asyncio.set_event_loop(loop)
        holder["server"] = httpserver.HTTPServer(app)
        holder["server"].listen(lms.port, address="127.0.0.1")
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True, name="lms")
    thread.start()
    started.wait(10)

    def stop():
        loop.call_soon_threadsafe(holder["server"].stop)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
    return stop
