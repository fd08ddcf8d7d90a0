"""One-time codes of the identity case (SPEC ID-1, ID-5, ID-6): letter codes, SMS codes,
link tokens, and the Argon2id hashes that are all the database ever holds of them.

Letter codes (factor L)
    16 characters from the 23 symbols of :data:`LETTER_ALPHABET`, drawn with
    :mod:`secrets`, printed in four groups of four (``KD7M-…``) for reading aloud:
    log2(23) × 16 ≈ **72.4 bits**. Left out are the characters that look or sound alike
    on a letter, a screen or the phone: ``0 O Q`` (round shapes), ``1 I L`` (strokes),
    ``2 Z``, ``5 S``, ``B`` (8), ``G`` (6) and ``V`` (U); what is left has no pair, so
    no reader has to ask "zero or O?", and a handwritten note of the code survives.
    Letters that rhyme when spelled in German (C, D, E, P, T, W) stay: 23 symbols are
    needed for ≥ 60 bits in 16 characters, and a misheard one is a wrong entry (5 void
    the code), never a wrong match. :func:`parse_letter_code` accepts
    any case, spaces and dashes (including Unicode dashes and full-width forms, by NFKC).

SMS codes (factor M)
    Six digits (``000000``–``999999``, about 19.9 bits). They are weak by design (SPEC
    says so): valid 10 minutes, single use, void after 5 wrong entries.

Link tokens (factor E, ID-6 confirmation links)
    ``secrets.token_urlsafe(32)``: 256 bits.

Hashes
    ``argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>`` (standard base64
    without padding), a fresh random salt per code, and the kind of code (letter, SMS,
    link) mixed into the input, so one kind's hash never verifies another kind's code.
    :data:`PRODUCTION_PARAMS` are modest (19 MiB, t = 2, p = 1, the OWASP baseline;
    about 50 ms on the development machine): a letter code's 72 bits and a token's 256
    bits cannot be searched whatever the cost per guess; an SMS code's million values can
    be searched offline with any affordable cost (≈ 14 core-hours at these parameters),
    so its protection is its short life: by the time someone with database access has
    copied the hash and searched it, the code has expired or was voided. Higher
    parameters would only make every portal entry slower.

    The parameters are read back from the stored string and checked against
    :data:`CODE_HASH_BOUNDS` *before* Argon2id runs, so a rewritten hash cannot make a desk
    or the intake allocate gigabytes or spin for minutes; every parse fault is a
    :class:`CodeHashFormatError` whose message names neither the code nor the hash.
    Digests are compared with :func:`hmac.compare_digest`.

Secrets never show themselves: generated codes are
:class:`~kcp_desk.security.field_crypto.SecretText`, and :class:`OneTimeCode` keeps the
code out of ``repr()``.
"""

from __future__ import annotations

import base64
import binascii
import enum
import hmac
import math
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Final

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from kcp_desk.security.field_crypto import SecretText

__all__ = [
    "CODE_HASH_BOUNDS",
    "LETTER_ALPHABET",
    "LETTER_BITS",
    "LETTER_GROUP",
    "LETTER_LENGTH",
    "PRODUCTION_PARAMS",
    "SMS_DIGITS",
    "CodeFormatError",
    "CodeHashBounds",
    "CodeHashFormatError",
    "CodeHashParams",
    "CodeKind",
    "OneTimeCode",
    "format_letter_code",
    "hash_code",
    "new_code",
    "new_letter_code",
    "new_link_token",
    "new_sms_code",
    "parse_letter_code",
    "parse_sms_code",
    "verify_code",
]

#: 17 letters and 6 digits, none of them easy to mistake for another (module docstring)
LETTER_ALPHABET: Final = "ACDEFHJKMNPRTUWXY346789"
LETTER_LENGTH: Final = 16
LETTER_GROUP: Final = 4
#: the entropy of a letter code: 16 × log2(23) ≈ 72.4 bits
LETTER_BITS: Final = LETTER_LENGTH * math.log2(len(LETTER_ALPHABET))
SMS_DIGITS: Final = 6
_TOKEN_BYTES: Final = 32

#: what a reader may put between the characters of a code
_SEPARATORS: Final = re.compile(r"[\s\-\u2010-\u2015\u2212\u00ad_.]+")
_SMS_RE: Final = re.compile(r"[0-9]{6}")


class CodeFormatError(ValueError):
    """What was typed is not a code of this kind (the message never repeats it)."""


class CodeHashFormatError(ValueError):
    """The stored hash is not one this module wrote, or its parameters are out of
    bounds (damaged or rewritten data)."""


class CodeKind(enum.StrEnum):
    LETTER = "letter"
    SMS = "sms"
    LINK = "link"


# --- generating and reading codes ---------------------------------------------------------


@dataclass(frozen=True, repr=False)
class OneTimeCode:
    """A fresh code: what goes (HPKE-sealed) into the outbox, and the hash to store."""

    kind: CodeKind
    code: SecretText
    code_hash: str

    def __repr__(self) -> str:
        return f"OneTimeCode(kind={self.kind.value}, code=<hidden>)"

    __str__ = __repr__

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("OneTimeCode cannot be pickled")


def new_letter_code() -> SecretText:
    """16 characters from :data:`LETTER_ALPHABET`, canonical form (no dashes)."""
    return SecretText("".join(secrets.choice(LETTER_ALPHABET) for _ in range(LETTER_LENGTH)))


def format_letter_code(code: SecretText) -> SecretText:
    """``KD7M-X3PA-…``: groups of four for the letter and for reading aloud."""
    plain = code.reveal()
    groups = (plain[i : i + LETTER_GROUP] for i in range(0, len(plain), LETTER_GROUP))
    return SecretText("-".join(groups))


def parse_letter_code(typed: str) -> SecretText:
    """The canonical code from what was typed: case, spaces and dashes do not matter.

    Raises :class:`CodeFormatError` for anything that cannot be a letter code (wrong
    length, a character outside the alphabet); such input is no wrong *entry* and should
    not count against the code.
    """
    plain = _SEPARATORS.sub("", unicodedata.normalize("NFKC", typed)).upper()
    if len(plain) != LETTER_LENGTH or any(ch not in LETTER_ALPHABET for ch in plain):
        raise CodeFormatError("this is not a letter code")
    return SecretText(plain)


def new_sms_code() -> SecretText:
    return SecretText(f"{secrets.randbelow(10**SMS_DIGITS):0{SMS_DIGITS}d}")


def parse_sms_code(typed: str) -> SecretText:
    """Six digits; spaces and dashes between them (``123 456``) are dropped."""
    plain = _SEPARATORS.sub("", unicodedata.normalize("NFKC", typed))
    if _SMS_RE.fullmatch(plain) is None:
        raise CodeFormatError("this is not an SMS code")
    return SecretText(plain)


def new_link_token() -> SecretText:
    return SecretText(secrets.token_urlsafe(_TOKEN_BYTES))


# --- hashing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeHashBounds:
    """Hard limits for parameters read back from a stored hash (cf. ``sealing.KDF_BOUNDS``).

    256 MiB is 13× the production memory: room to raise it, far from "gigabytes"; ten
    passes at that size stay under a few seconds.
    """

    max_memory_kib: int = 256 * 1024
    max_iterations: int = 10
    max_lanes: int = 8
    min_salt_len: int = 16
    max_salt_len: int = 64
    min_hash_len: int = 16
    max_hash_len: int = 64


CODE_HASH_BOUNDS: Final = CodeHashBounds()


@dataclass(frozen=True)
class CodeHashParams:
    memory_kib: int
    iterations: int
    lanes: int
    salt_bytes: int = 16
    hash_bytes: int = 32

    def __post_init__(self) -> None:
        b = CODE_HASH_BOUNDS
        values = (self.memory_kib, self.iterations, self.lanes, self.salt_bytes, self.hash_bytes)
        for value in values:
            if type(value) is not int:  # no bools, floats or strings
                raise ValueError("Argon2id parameters must be integers")
        if not 1 <= self.lanes <= b.max_lanes:
            raise ValueError(f"Argon2id lanes must be 1..{b.max_lanes}")
        if not 1 <= self.iterations <= b.max_iterations:
            raise ValueError(f"Argon2id iterations must be 1..{b.max_iterations}")
        if not 8 * self.lanes <= self.memory_kib <= b.max_memory_kib:
            raise ValueError(f"Argon2id memory must be 8·lanes..{b.max_memory_kib} KiB")
        if not b.min_salt_len <= self.salt_bytes <= b.max_salt_len:
            raise ValueError(f"salts are {b.min_salt_len}..{b.max_salt_len} bytes")
        if not b.min_hash_len <= self.hash_bytes <= b.max_hash_len:
            raise ValueError(f"hashes are {b.min_hash_len}..{b.max_hash_len} bytes")


#: 19 MiB, t = 2, p = 1 (module docstring)
PRODUCTION_PARAMS: Final = CodeHashParams(memory_kib=19 * 1024, iterations=2, lanes=1)

_HASH_RE: Final = re.compile(
    r"argon2id\$v=19\$m=([1-9][0-9]{0,8}),t=([1-9][0-9]{0,2}),p=([1-9][0-9]{0,2})"
    r"\$([A-Za-z0-9+/]{1,128})\$([A-Za-z0-9+/]{1,128})"
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise CodeHashFormatError("the stored code hash is damaged") from None


def _input(kind: CodeKind, code: SecretText) -> bytes:
    return f"kcp-desk/one-time-code/{kind.value}\x00".encode("ascii") + code.reveal().encode(
        "utf-8"
    )


def _derive(kind: CodeKind, code: SecretText, salt: bytes, params: CodeHashParams) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=params.hash_bytes,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(_input(kind, code))


def hash_code(kind: CodeKind, code: SecretText, params: CodeHashParams = PRODUCTION_PARAMS) -> str:
    """The self-describing Argon2id hash of a canonical code (as generated or parsed)."""
    if not isinstance(code, SecretText) or not code:
        raise ValueError("a code to hash is a non-empty SecretText")
    salt = os.urandom(params.salt_bytes)
    digest = _derive(kind, code, salt, params)
    return (
        f"argon2id$v=19$m={params.memory_kib},t={params.iterations},p={params.lanes}"
        f"${_b64(salt)}${_b64(digest)}"
    )


def _parse_hash(stored: str) -> tuple[CodeHashParams, bytes, bytes]:
    if not isinstance(stored, str):
        raise CodeHashFormatError("the stored code hash is damaged")
    match = _HASH_RE.fullmatch(stored)
    if match is None:
        raise CodeHashFormatError("the stored code hash is damaged")
    m, t, p, salt_text, digest_text = match.groups()
    salt, digest = _unb64(salt_text), _unb64(digest_text)
    try:
        params = CodeHashParams(
            memory_kib=int(m),
            iterations=int(t),
            lanes=int(p),
            salt_bytes=len(salt),
            hash_bytes=len(digest),
        )
    except ValueError:
        raise CodeHashFormatError("the stored code hash has parameters out of bounds") from None
    return params, salt, digest


def verify_code(kind: CodeKind, code: SecretText, stored: str) -> bool:
    """True if ``code`` (canonical form) is the one ``stored`` was made from.

    A stored value that is not such a hash, or whose parameters exceed
    :data:`CODE_HASH_BOUNDS`, raises :class:`CodeHashFormatError` before any work: a data
    fault, not a wrong entry.
    """
    params, salt, digest = _parse_hash(stored)
    if not isinstance(code, SecretText):
        raise TypeError("the code to verify is a SecretText")
    if not code:
        return False
    return hmac.compare_digest(_derive(kind, code, salt, params), digest)


def new_code(kind: CodeKind, params: CodeHashParams = PRODUCTION_PARAMS) -> OneTimeCode:
    """A fresh code of ``kind`` with its hash (letter codes in canonical form; format
    them with :func:`format_letter_code` for the letter)."""
    if kind is CodeKind.LETTER:
        code = new_letter_code()
    elif kind is CodeKind.SMS:
        code = new_sms_code()
    else:
        code = new_link_token()
    return OneTimeCode(kind, code, hash_code(kind, code, params))
