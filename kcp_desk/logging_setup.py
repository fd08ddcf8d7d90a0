"""Logging to a rotating file in the platformdirs log folder, with secrets redacted.

The redaction runs on the fully formatted line — message, exception text and stack —
because a secret in an exception message is as likely as one in a format argument.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

_SECRET_KEY = r"pass(?:phrase|word|wort)?|pwd|secret|token|api[_-]?key|code"
_QUOTED_OR_WORD = r"'[^'\n]*'|\"[^\"\n]*\"|[^\s,;)}\]]+"

# Things that must never reach a log file even if a bug puts them into a message.
_PATTERNS = [
    # key=value, key: value, 'key': 'value', "key": "value" (also quoted multi-word values)
    (
        re.compile(
            rf"(?i)\b({_SECRET_KEY})(['\"]?)(\s*[=:]\s*)(?:b?(?:{_QUOTED_OR_WORD}))",
        ),
        r"\1\2\3***",
    ),
    # "passphrase hunter2", "password 'two words'": the word after the name is the secret
    (
        re.compile(rf"(?i)\b(pass(?:phrase|word|wort)|secret)(\s+)(?:{_QUOTED_OR_WORD})"),
        r"\1\2***",
    ),
    # IBANs in any case, with or without blanks between the groups of four
    (re.compile(r"(?i)\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b"), "<IBAN>"),
    (re.compile(r"\$argon2(?:id|i|d)?\$[^\s'\"]+"), "<argon2 hash>"),
    # user:password@ in any database or broker URL (postgres://, postgresql+psycopg://, …)
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^:/@\s]*):[^@\s]*@"), r"\1:***@"),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then redacts the whole text (including tracebacks and stacks)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class RedactingFilter(logging.Filter):
    """Redacts the message before other handlers see it (the formatter covers the rest)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        return True


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "kcp-desk.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    return path
