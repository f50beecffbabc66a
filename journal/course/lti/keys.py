"""The tool's signing key: its private half signs the tool's requests for platform service tokens, its public
half (the key set, JWKS) is what the platform checks them with.

The private key is read from the environment variable JOURNAL_LTI_KEY (PEM) or from the course folder
(`[lti] key_file`, made on first use, readable by its owner only). It is never served and never logged.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from jwcrypto import jwk

from ...environment import environment
from ...errors import SettingsError


def private_key(course_dir: Path, lti) -> str:
    """The tool's private key as PEM: from JOURNAL_LTI_KEY, or the course's key file (made if missing)."""
    text = environment().lti_key
    if text:
        return text
    path = Path(course_dir) / lti.key_file
    if not path.exists():
        key = jwk.JWK.generate(kty="RSA", size=2048)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key.export_to_pem(private_key=True, password=None))
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise SettingsError(f"{path}: the tool's private key is readable by others (mode {mode:o}); "
                            f"run 'chmod 600 {path.name}'")
    return path.read_text(encoding="utf-8")


def public_jwk(pem: str) -> dict:
    """The public half of `pem` as one JWK, with its key id (the RFC 7638 thumbprint)."""
    key = jwk.JWK.from_pem(pem.encode())
    public = json.loads(key.export_public())
    public.update(kid=key.thumbprint(), alg="RS256", use="sig")
    return public


def public_pem(pem: str) -> str:
    return jwk.JWK.from_pem(pem.encode()).export_to_pem().decode()


def key_set(pem: str) -> dict:
    """The tool's JWKS: what its key-set URL serves."""
    return {"keys": [public_jwk(pem)]}
