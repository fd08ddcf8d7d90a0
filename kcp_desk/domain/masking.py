"""How the desk shows a destination it must not spell out (ID-5, ID-7): the agent sees
where a letter, SMS or link went, enough to read it back to the caller, not the whole."""

from __future__ import annotations

__all__ = ["mask_email", "mask_phone"]

_DOT = "•••"


def mask_email(address: str) -> str:
    """``j•••@example.de``: the first character of the local part and the domain."""
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return _DOT
    return f"{local[0]}{_DOT}@{domain}"


def mask_phone(e164: str) -> str:
    """``+49 ••• 123``: the country prefix as typed and the last three digits."""
    digits = e164.lstrip("+")
    if len(digits) < 6:
        return _DOT
    prefix = "+" + digits[:2] if e164.startswith("+") else digits[:2]
    return f"{prefix} {_DOT} {digits[-3:]}"
