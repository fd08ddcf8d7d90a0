"""Does an agent's reply contain something that looks like a password or a key? (T-2)

Before a reply to the customer is saved, the desk asks for confirmation when
:func:`looks_like_secret` finds anything (issue 10). A false alarm costs one click; a
missed one puts a password into a ticket thread that the customer's sub-accounts, the
portal and every colleague can read. The rules still keep ordinary support prose,
URLs, reference numbers, IBANs, e-mail addresses, phone numbers, dates, IP addresses
and domain names quiet, so that the question keeps its meaning.

Pure Python: no Qt, no database. A :class:`Finding` names its kind and its span in the
text, never the value: its ``repr``/``str`` are safe for logs and exceptions (V-5); the
caller that wants to highlight slices the text it already holds.

Rules (:class:`SecretKind`), each a pattern with a few exclusions:

``private_key``
    A PEM private key block, ``-----BEGIN … PRIVATE KEY-----`` (RSA, EC, DSA, OPENSSH,
    ENCRYPTED, PGP … PRIVATE KEY BLOCK) up to its END line or, pasted half, the end of
    the text; a PuTTY ``.ppk`` header. Certificates and public keys are not flagged.
``ssh_key``
    An OpenSSH key line: ``ssh-rsa``/``ssh-ed25519``/``ssh-dss``/``ecdsa-sha2-nistp…``/
    ``sk-ssh-ed25519@openssh.com`` followed by its ``AAAA…`` base64 body.
``cloud_key``
    AWS access key ids (``AKIA``/``ASIA``/… + 16 upper-case letters or digits), Google
    API keys (``AIza`` + 35).
``api_token``
    Tokens with a vendor prefix: GitHub (``ghp_ gho_ ghu_ ghs_ ghr_ github_pat_``),
    GitLab (``glpat-``), OpenAI/Anthropic style (``sk-…``), Stripe secret and restricted
    keys (``sk_live_ rk_test_ …``), Slack (``xoxb- xoxp- xoxa- xoxr- xoxs- xoxe-``),
    JSON Web Tokens (``eyJ….eyJ….…``), ``Bearer`` tokens.
``credentials_in_url``
    A URL with a password in it: ``scheme://user:password@host``. (URLs without one are
    not flagged.)
``labelled_password``
    A keyword — Passwort, Kennwort, Password, Passwd, Passphrase, Passcode, PW, PWD,
    Pass, API key, API token, Access key, Secret, Client secret, Token, also as the end
    of a compound (``FTP-Passwort``, ``Rootpasswort``, ``Reset-Token``) — then ``:``,
    ``=``, ``:=``, ``lautet``, ``is`` or ``ist`` (the words with or without a colon) and
    a value, on the same line or the next. The value counts when it looks like a
    password (at least 4 characters with a digit, a symbol or a capital after the first
    character) or is quoted (``passphrase: 'purple monkey dishwasher'``, the whole
    quoted text); a plain word (3 or more letters) counts after ``=``, and after ``:`` or
    ``lautet`` when it stands alone at the end of its line (``Passwort: geheim``, but
    not ``Passwort: Klicken Sie auf …``). After ``is``/``ist`` without a colon only a
    value of 6 or more characters with letters and digits counts ("Ihr Passwort ist
    abgelaufen", "… ist 2026 abgelaufen", "… ist WordPress-spezifisch" are prose). Masked values
    (``********``, ``xxx``, ``<Ihr Passwort>``, ``[entfernt]``) and the identifiers
    below are never a value.
``high_entropy``
    A run of base64/hex-alphabet characters (letters, digits, ``+ / = _ -``) that looks
    random: 32 or more hex digits mixing letters and digits, or 20 or more characters
    mixing at least two of lower case, upper case and digits, changing character class
    at least every third character on average, with a Shannon entropy of at least 3.5
    bits per character, and not a path or compound whose parts between ``/ - _ + =`` are
    all words, numbers, words with a number or at most 4 characters long
    (``wp-content/uploads/2026``, ``audit-witness-1a2b``). Words, paths and compounds
    change class rarely; random tokens change it at about every second character. Runs
    inside a URL or an e-mail address are left alone (a key in a URL is still found by
    the rules above).

Never a secret on their own (the exclusions): IBANs with a valid check sum, UUIDs,
customer, ticket, support-order, invoice and mandate numbers (SPEC §3), dates, times,
phone numbers, IP addresses, e-mail addresses, domain names and URLs without a password.
"""

from __future__ import annotations

import enum
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

__all__ = ["Finding", "SecretKind", "looks_like_secret"]


class SecretKind(enum.StrEnum):
    PRIVATE_KEY = "private_key"
    SSH_KEY = "ssh_key"
    CLOUD_KEY = "cloud_key"
    API_TOKEN = "api_token"
    CREDENTIALS_IN_URL = "credentials_in_url"
    LABELLED_PASSWORD = "labelled_password"
    HIGH_ENTROPY = "high_entropy"


@dataclass(frozen=True, repr=False)
class Finding:
    """Something in the text that looks like a secret: ``text[start:end]``.

    Holds no part of the text, so printing, logging or raising it leaks nothing.
    """

    kind: SecretKind
    start: int
    end: int

    def __repr__(self) -> str:
        return f"Finding(kind={self.kind.value!r}, start={self.start}, end={self.end})"

    __str__ = __repr__


# --- patterns ----------------------------------------------------------------------------

_PEM: Final = re.compile(
    r"-----BEGIN[ ]([A-Z0-9]+(?:[ ][A-Z0-9]+)*[ ])?PRIVATE[ ]KEY(?:[ ]BLOCK)?-----"
    r"(?:.*?-----END[ ][A-Z0-9 ]*PRIVATE[ ]KEY(?:[ ]BLOCK)?-----|.*\Z)",
    re.DOTALL,
)
_PPK: Final = re.compile(r"PuTTY-User-Key-File-\d+:[^\n]*(?:\n[^\n]+)*")
_SSH: Final = re.compile(
    r"(?<![\w-])(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp(?:256|384|521)"
    r"|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)"
    r"[ \t]+AAAA[0-9A-Za-z+/]{16,}={0,3}"
)
_CLOUD: Final = re.compile(
    r"(?<![A-Za-z0-9])(?:(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}"
    r"|AIza[0-9A-Za-z_\-]{35})(?![A-Za-z0-9])"
)
_API: Final = re.compile(
    r"(?<![A-Za-z0-9_\-])(?:"
    r"gh[pousr]_[A-Za-z0-9]{30,255}"
    r"|github_pat_[A-Za-z0-9_]{22,255}"
    r"|glpat-[A-Za-z0-9_\-]{20,}"
    r"|sk-[A-Za-z0-9_\-]{20,}"
    r"|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}"
    r"|xox[abeprs]-[A-Za-z0-9\-]{10,}"
    r"|eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"
    r")(?![A-Za-z0-9_\-])"
    r"|(?<![\w-])[Bb]earer[ \t]+[A-Za-z0-9._~+/\-]{16,}=*"
)
_URL_PASSWORD: Final = re.compile(
    r"(?<![\w+.-])[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@?#]+:(?P<pw>[^\s/@?#]+)@[^\s]"
)

_KEYWORD: Final = (
    r"(?:pw|pwd|pass|[\w-]*(?:passwort|kennwort|password|passwd|passphrase|passcode"
    r"|api[-_ ]?key|api[-_ ]?token|access[-_ ]?key|secret(?:[-_ ]?key)?|token))"
)
_LABELLED: Final = re.compile(
    r"(?<![\w-])" + _KEYWORD + r"[\"'\]]?"
    r"[ \t]*(?:\((?:neu|alt|new|old)\)[ \t]*)?"
    r"(?P<sep>:=|=|:|(?<=\s)(?:lautet|ist|is)\b(?:[ \t]*:)?)"
    r"[ \t]*(?:\r?\n[ \t]*)?"
    r"(?P<value>\S+)",
    re.IGNORECASE,
)
_URL_OR_MAIL: Final = re.compile(
    r"(?<![A-Za-z0-9+.\-])(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)\S+|(?<!\S)[^\s@]+@[^\s@]+"
)
#: tokens longer than this are never an ordinary identifier (and keep the checks linear)
_ORDINARY_MAX: Final = 254

_RUN: Final = re.compile(r"[A-Za-z0-9+/=_\-]{20,}")

# identifiers and other ordinary tokens that are never a secret on their own
_ORDINARY: Final = (
    re.compile(r"#?KCP-?\d{8}", re.IGNORECASE),  # ticket
    re.compile(r"K?\d{8}(?:-M\d{2})?", re.IGNORECASE),  # customer, mandate
    re.compile(r"SA-?\d{8}", re.IGNORECASE),  # support order
    re.compile(r"RE-?\d{4}-?\d{6}", re.IGNORECASE),  # invoice
    re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"),  # dates
    re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:h|Uhr)?", re.IGNORECASE),  # times
    re.compile(r"\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?:/\d{1,2})?"),  # IPv4
    re.compile(r"\[?[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}\]?(?:/\d{1,3})?"),  # IPv6
    re.compile(r"[^\s@]+@[^\s@]+\.[A-Za-z]{2,}"),  # e-mail address
    re.compile(r"(?:[A-Za-z0-9äöüÄÖÜß\-]+\.)+[A-Za-z]{2,}\.?(?:/\S*)?"),  # domain, path
    re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)\S*"),  # URL (passwords: above)
    re.compile(
        r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    ),  # UUID
)
_PLACEHOLDER: Final = re.compile(
    r"[*•·.xX#_\-?]+|<[^>]*>?|\[[^\]]*\]?|\{[^}]*\}?|\([^)]*\)?|\.{2,}|…",
)
_QUOTES: Final = {"'": "'", '"': '"', "`": "`", "„": "“", "“": "”", "‚": "‘", "»": "«", "«": "»"}
_TRAILING: Final = ".,;:!?)\"'»“”’`"
_LEADING: Final = "\"'«„“‘`("
_IBAN: Final = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", re.ASCII)
_HEX: Final = re.compile(r"[0-9a-fA-F]+")
_SEPARATORS: Final = re.compile(r"[/_+=\-]+")
#: a part of a path or a compound: a word (``vhosts``, ``Paket``, ``WWW``), a number, a
#: word with a number (``amd64``, ``php8``, ``v2``)
_WORDISH: Final = re.compile(r"(?:[A-Z]?[a-zäöüß]+|[A-ZÄÖÜ]+)?\d*(?:[a-z]{1,3}\d*)?")


# --- helpers -----------------------------------------------------------------------------


def _valid_iban(token: str) -> bool:
    if not _IBAN.fullmatch(token):
        return False
    rearranged = token[4:] + token[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def _ordinary(token: str) -> bool:
    """A token that is a known harmless identifier (see the module docstring)."""
    if len(token) > _ORDINARY_MAX:
        return False
    if _valid_iban(token.upper()):
        return True
    return any(pattern.fullmatch(token) for pattern in _ORDINARY)


def _char_class(ch: str) -> str:
    if ch.isdigit():
        return "digit"
    if ch.isalpha():
        return "upper" if ch.isupper() else "lower"
    return "other"


def _entropy(token: str) -> float:
    counts = Counter(token)
    n = len(token)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def _class_changes(token: str) -> int:
    return sum(_char_class(a) != _char_class(b) for a, b in itertools.pairwise(token))


def _random_looking(token: str) -> bool:
    """The ``high_entropy`` rule for one run of base64/hex-alphabet characters."""
    core = token.rstrip("=")
    if len(core) < 20 or _ordinary(core):
        return False
    classes = {_char_class(ch) for ch in core}
    if _HEX.fullmatch(core) and len(core) >= 32 and {"digit"} < classes:
        return _entropy(core) >= 3.0
    kinds = len(classes & {"lower", "upper", "digit"})
    if kinds < 2:
        return False
    parts = [part for part in _SEPARATORS.split(core) if part]
    if len(parts) > 1 and all(
        len(part) <= 4 or _WORDISH.fullmatch(part) or _ordinary(part) for part in parts
    ):
        return False
    # a compound or a path: every part between separators is a word or a number
    if _class_changes(core) * 3 < len(core) - 1:
        return False
    return _entropy(core) >= 3.5


def _password_like(value: str) -> bool:
    """At least 4 characters with a digit, a symbol or a capital after the first letter."""
    if len(value) < 4:
        return False
    return any(not ch.isalpha() for ch in value) or any(ch.isupper() for ch in value[1:])


def _letters_and_digits(value: str) -> bool:
    """At least 6 characters with a letter and a digit (after "is"/"ist": ``Sommer2024``)."""
    return (
        len(value) >= 6 and any(ch.isalpha() for ch in value) and any(ch.isdigit() for ch in value)
    )


def _trim(value: str, start: int) -> tuple[str, int]:
    """The value without quotes and sentence punctuation around it, and its new start."""
    stripped = value.lstrip(_LEADING)
    start += len(value) - len(stripped)
    stripped = stripped.rstrip(_TRAILING)
    return stripped, start


def _quoted(text: str, at: int) -> tuple[int, int] | None:
    """The span inside the quotes if a quoted value starts at ``at`` and its closing
    quote follows on the same line."""
    closing = _QUOTES.get(text[at : at + 1])
    if closing is None:
        return None
    line_end = text.find("\n", at)
    end = text.find(closing, at + 1, len(text) if line_end < 0 else line_end)
    if end <= at + 1:
        return None
    return at + 1, end


def _at_line_end(text: str, end: int) -> bool:
    """Nothing but punctuation and spaces between ``end`` and the end of the line."""
    newline = text.find("\n", end)
    rest = text[end : len(text) if newline < 0 else newline]
    return not rest.strip(" \t\r" + _TRAILING)


def _value_counts(sep: str, value: str, text: str, end: int) -> bool:
    """Whether a labelled, unquoted value looks like a password (module docstring)."""
    if sep in ("is", "ist"):
        return _letters_and_digits(value)
    if _password_like(value):
        return True
    if len(value) < 3:
        return False
    return sep.endswith("=") or _at_line_end(text, end)


def _labelled(text: str) -> list[Finding]:
    found = []
    for match in _LABELLED.finditer(text):
        quoted = _quoted(text, match.start("value"))
        if quoted is not None:  # an explicit value: 'purple monkey dishwasher'
            start, end = quoted
            value = text[start:end]
            if value.strip() and not _PLACEHOLDER.fullmatch(value):
                found.append(Finding(SecretKind.LABELLED_PASSWORD, start, end))
            continue
        value, start = _trim(match.group("value"), match.start("value"))
        if not value or _PLACEHOLDER.fullmatch(value) or _ordinary(value):
            continue
        if not _value_counts(match.group("sep").lower(), value, text, start + len(value)):
            continue
        found.append(Finding(SecretKind.LABELLED_PASSWORD, start, start + len(value)))
    return found


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


# --- the rule ----------------------------------------------------------------------------


def looks_like_secret(text: str) -> list[Finding]:
    """Everything in ``text`` that looks like a password or a key, in text order.

    Findings never overlap: the most specific rule wins (a PEM block is one
    ``private_key``, not also a row of ``high_entropy`` lines). Never raises on any
    ``str`` (NUL, lone surrogates, 10,000 characters …).
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: SecretKind, start: int, end: int) -> None:
        if end > start and not _overlaps((start, end), taken):
            taken.append((start, end))
            findings.append(Finding(kind, start, end))

    for pattern in (_PEM, _PPK):
        for match in pattern.finditer(text):
            add(SecretKind.PRIVATE_KEY, match.start(), match.end())
    for match in _SSH.finditer(text):
        add(SecretKind.SSH_KEY, match.start(), match.end())
    for match in _CLOUD.finditer(text):
        add(SecretKind.CLOUD_KEY, match.start(), match.end())
    for match in _API.finditer(text):
        add(SecretKind.API_TOKEN, match.start(), match.end())
    for match in _URL_PASSWORD.finditer(text):
        if not _PLACEHOLDER.fullmatch(match.group("pw")):
            add(SecretKind.CREDENTIALS_IN_URL, match.start("pw"), match.end("pw"))
    for finding in _labelled(text):
        add(finding.kind, finding.start, finding.end)
    for match in _URL_OR_MAIL.finditer(text):
        taken.append(match.span())  # no finding: only keeps high_entropy out of it
    for match in _RUN.finditer(text):
        if _random_looking(match.group()):
            add(SecretKind.HIGH_ENTROPY, match.start(), match.end())
    findings.sort(key=lambda f: (f.start, f.end))
    return findings
