"""Certificates of agents' roles and keys, of dispatch keys (SPEC V-8) and of the
outbox channels' service keys (ID-6).

An admin's Ed25519 key signs canonical JSON that names what a desk relies on before it
encrypts to someone: the agent's id, user name, role, whether they are active, their key
version and both public keys; or a dispatch key's version and public key; or an outbox
channel's service key (channel, version, public key). The body also names the issuer
(agent id, key version, Ed25519 public key), so a chain can be followed up to the admin
keys pinned on the workstation (``services.trust``).

Everything here is pure: no database, no clock. A body read from the database is
untrusted until :func:`verified_body` has checked its signature.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Final

from kcp_desk.security.audit_chain import canonical_json, signature_valid
from kcp_desk.security.sealing import AgentKeys

FORMAT: Final = "kcp-desk/certificate/1"
_KEY_LEN: Final = 32
#: an outbox channel's name as it appears in a subject (``email``, ``letter``, ``sms``)
_CHANNEL: Final = re.compile(r"[a-z]{1,16}")


class CertificateError(Exception):
    """A certificate that is malformed, badly signed, or says something else."""


@dataclass(frozen=True)
class Issuer:
    agent_id: int
    key_version: int
    ed25519_public: bytes


@dataclass(frozen=True)
class AgentClaims:
    """What an agent certificate vouches for; the agent row must say the same."""

    agent_id: int
    username: str
    role: str
    active: bool
    key_version: int
    x25519_public: bytes
    ed25519_public: bytes

    @property
    def subject(self) -> str:
        return agent_subject(self.agent_id)


@dataclass(frozen=True)
class DispatchClaims:
    """What a dispatch-key certificate vouches for: the key the portal encrypts to."""

    version: int
    public_key: bytes

    @property
    def subject(self) -> str:
        return dispatch_subject(self.version)


@dataclass(frozen=True)
class OutboxClaims:
    """What an outbox-key certificate vouches for: the key a channel's codes are sealed
    to (``security.outbox_seal``); the ``outbox_keys`` row must say the same."""

    channel: str
    version: int
    public_key: bytes

    @property
    def subject(self) -> str:
        return outbox_subject(self.channel, self.version)


Claims = AgentClaims | DispatchClaims | OutboxClaims


def agent_subject(agent_id: int) -> str:
    return f"agent:{agent_id}"


def dispatch_subject(version: int) -> str:
    return f"dispatch:v{version}"


def outbox_subject(channel: str, version: int) -> str:
    if not _CHANNEL.fullmatch(channel):
        raise ValueError("an outbox channel is a short lower-case name")
    return f"outbox:{channel}:v{version}"


def certificate_body(claims: Claims, issuer: Issuer, issued_at: str) -> str:
    """The canonical JSON the issuer signs (the signature covers these exact bytes)."""
    body: dict[str, Any] = {
        "format": FORMAT,
        "issued_at": issued_at,
        "issuer": {
            "agent_id": issuer.agent_id,
            "key_version": issuer.key_version,
            "ed25519": issuer.ed25519_public.hex(),
        },
    }
    if isinstance(claims, AgentClaims):
        body["agent"] = {
            "id": claims.agent_id,
            "username": claims.username,
            "role": claims.role,
            "active": claims.active,
            "key_version": claims.key_version,
            "x25519": claims.x25519_public.hex(),
            "ed25519": claims.ed25519_public.hex(),
        }
    elif isinstance(claims, DispatchClaims):
        body["dispatch"] = {"version": claims.version, "x25519": claims.public_key.hex()}
    else:
        body["outbox"] = {
            "channel": claims.channel,
            "version": claims.version,
            "x25519": claims.public_key.hex(),
        }
    return canonical_json(body)


def sign_certificate(issuer_keys: AgentKeys, body: str) -> bytes:
    return issuer_keys.sign(body.encode("utf-8"))


@dataclass(frozen=True)
class Certified:
    """A certificate whose signature checked out against the issuer key it names."""

    claims: Claims
    issuer: Issuer
    issued_at: str


def verified_body(subject: str, body: str, signature: bytes) -> Certified:
    """Parse ``body``, check it is canonical, about ``subject`` and signed by the issuer
    key it names. Whether that issuer may certify is the caller's question."""
    try:
        data = json.loads(body)
        if not isinstance(data, dict) or canonical_json(data) != body:
            raise CertificateError("not canonical")
        if data.get("format") != FORMAT:
            raise CertificateError("unknown format")
        issuer = _issuer(data["issuer"])
        claims = _claims(data)
        issued_at = data["issued_at"]
        if not isinstance(issued_at, str):
            raise CertificateError("bad time")
    except (ValueError, KeyError, TypeError) as exc:
        raise CertificateError("malformed certificate") from exc
    if claims.subject != subject:
        raise CertificateError("certificate of another subject")
    if not signature_valid(issuer.ed25519_public, body, signature):
        raise CertificateError("signature invalid")
    return Certified(claims, issuer, issued_at)


def _int(value: object) -> int:
    if type(value) is not int or value < 1:
        raise CertificateError("bad number")
    return value


def _key(value: object) -> bytes:
    if not isinstance(value, str):
        raise CertificateError("bad key")
    raw = bytes.fromhex(value)
    if len(raw) != _KEY_LEN:
        raise CertificateError("bad key")
    return raw


def _issuer(data: object) -> Issuer:
    if not isinstance(data, dict):
        raise CertificateError("bad issuer")
    return Issuer(_int(data["agent_id"]), _int(data["key_version"]), _key(data["ed25519"]))


def _claims(data: dict[str, Any]) -> Claims:
    if sum(kind in data for kind in ("agent", "dispatch", "outbox")) != 1:
        raise CertificateError("no subject")
    if "agent" in data:
        a = data["agent"]
        if not isinstance(a, dict) or not isinstance(a["username"], str):
            raise CertificateError("bad agent")
        if not isinstance(a["role"], str) or type(a["active"]) is not bool:
            raise CertificateError("bad agent")
        return AgentClaims(
            agent_id=_int(a["id"]),
            username=a["username"],
            role=a["role"],
            active=a["active"],
            key_version=_int(a["key_version"]),
            x25519_public=_key(a["x25519"]),
            ed25519_public=_key(a["ed25519"]),
        )
    if "dispatch" in data:
        d = data["dispatch"]
        if not isinstance(d, dict):
            raise CertificateError("bad dispatch key")
        return DispatchClaims(_int(d["version"]), _key(d["x25519"]))
    o = data["outbox"]
    if not isinstance(o, dict) or not isinstance(o["channel"], str):
        raise CertificateError("bad outbox key")
    if not _CHANNEL.fullmatch(o["channel"]):
        raise CertificateError("bad outbox key")
    return OutboxClaims(o["channel"], _int(o["version"]), _key(o["x25519"]))
