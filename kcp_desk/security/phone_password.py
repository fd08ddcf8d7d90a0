"""Phone passwords (SPEC C1.5, ID-1 factor P): stored as an Argon2id PHC string only.

The agent types what the caller says; the desk answers "matches / does not match" and
never shows, logs or returns the stored value (ID-5). Verification is interactive, so the
parameters are moderate (about 50-100 ms on the development machine) rather than the
login strength of the sealed agent keys: a phone password only ever permits information
(ID-2) unless a second factor joins it, and ID-3 limits the tries to 3 per case and 5 per
24 hours. The parameters travel inside each PHC string, so a hash written with other
parameters (the portal's, or cheap test ones) still verifies.

Input is normalised the same way on both sides (NFKC, surrounding whitespace dropped,
inner whitespace runs collapsed to one space): a password read out over the phone must
not fail on a trailing blank or a pasted non-breaking space. Case is kept.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

__all__ = [
    "PRODUCTION_PARAMS",
    "PhonePasswordParams",
    "hash_phone_password",
    "is_phc_argon2id",
    "normalise_phone_password",
    "verify_phone_password",
]


@dataclass(frozen=True)
class PhonePasswordParams:
    memory_kib: int
    iterations: int
    lanes: int
    salt_bytes: int = 16
    hash_bytes: int = 32


#: 64 MiB, t = 3, 2 lanes: about 85 ms per hash on the 2-core development machine.
PRODUCTION_PARAMS: Final = PhonePasswordParams(memory_kib=64 * 1024, iterations=3, lanes=2)

# $argon2id$v=19$m=…,t=…,p=…$<salt b64>$<hash b64> (unpadded standard base64)
_PHC_RE: Final = re.compile(
    r"\$argon2id\$v=19\$m=[0-9]{1,10},t=[0-9]{1,10},p=[0-9]{1,3}"
    r"\$[A-Za-z0-9+/]{11,}\$[A-Za-z0-9+/]{16,}"
)
_WHITESPACE: Final = re.compile(r"\s+")


def normalise_phone_password(pw: str) -> str:
    """The form that is hashed and compared (see the module docstring)."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", pw)).strip()


def hash_phone_password(pw: str, params: PhonePasswordParams = PRODUCTION_PARAMS) -> str:
    """An Argon2id PHC string of the normalised ``pw`` with a fresh random salt."""
    normalised = normalise_phone_password(pw)
    if not normalised:
        raise ValueError("an empty phone password cannot be stored")
    kdf = Argon2id(
        salt=os.urandom(params.salt_bytes),
        length=params.hash_bytes,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive_phc_encoded(normalised.encode())


def is_phc_argon2id(phc: str) -> bool:
    """Whether ``phc`` looks like an Argon2id PHC string this module can verify."""
    return _PHC_RE.fullmatch(phc) is not None


def verify_phone_password(pw: str, phc: str) -> bool:
    """True if ``pw`` matches the stored hash; False on a mismatch (constant time).

    A stored value that is not an Argon2id PHC string is a data fault, not a wrong
    password: ``ValueError`` (whose message never contains either argument).
    """
    if not is_phc_argon2id(phc):
        raise ValueError("the stored phone password hash is not an Argon2id PHC string")
    normalised = normalise_phone_password(pw)
    if not normalised:
        return False
    try:
        Argon2id.verify_phc_encoded(normalised.encode(), phc)
    except InvalidKey:
        return False
    return True
