"""The hub's own check of every LMS launch, before it signs anyone in (the hub's `post_auth_hook`).

LTI13Authenticator verifies the id_token's signature against the platform's key set, its issuer, audience
(client id), expiry and age, and that its nonce matches the browser's nonce cookie. Two things it leaves to
the tool, so they are here:

- the deployment id (and the LMS course): it takes a launch from any deployment of the client id, and the
  course's own check (`refusal`) would only run once the hub had made the person a session;
- a replay: the nonce cookie is the only record of a nonce, so whoever copied a launch's form *and* its
  cookies could post it again in another browser. A nonce is remembered here until its token expires, and
  a second launch with it is refused.

The nonces live in the hub process: an id_token is good for `max_age` seconds after issue at most
(the authenticator's limit), so a replay would need the hub restarted within that time as well.
"""

from __future__ import annotations

import time

from tornado import web

from .claims import Launch, refusal

REPLAYED = ("This sign-in from the LMS has been used already. Go back to the LMS and open the journal from "
            "its link again.")


class LaunchCheck:
    """Called by the hub with each verified launch; refuses (HTTP 403, the reason in the person's words) a
    launch from another deployment or LMS course, or one whose nonce was used already."""

    def __init__(self, lti, max_age: int = 600):
        self.lti, self.max_age = lti, max_age
        self.seen: dict[str, float] = {}         # nonce -> when it may be forgotten (its token's expiry)

    def __call__(self, authenticator, handler, authentication: dict) -> dict:
        claims = authentication.get("auth_state") or {}
        why = refusal(Launch.from_claims(claims), self.lti) or self.replayed(claims)
        if why:
            raise web.HTTPError(403, why)
        return authentication

    def replayed(self, claims: dict, now: float | None = None) -> str:
        now = time.time() if now is None else now
        nonce = str(claims.get("nonce") or "")
        self.seen = {n: until for n, until in self.seen.items() if until > now}
        if nonce in self.seen:
            return REPLAYED
        issued = float(claims.get("iat") or now)
        self.seen[nonce] = max(float(claims.get("exp") or 0), issued + self.max_age)
        return ""
