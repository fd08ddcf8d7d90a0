"""Logging to a rotating file in the platformdirs log folder, with secrets redacted."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

# Things that must never reach a log file even if a bug puts them into a message.
_PATTERNS = [
    (re.compile(r"(?i)(pass(?:phrase|word|wort)|secret|token|code)\s*[=:]\s*\S+"), r"\1=***"),
    (re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,4})?\b"), "<IBAN>"),
    (re.compile(r"\$argon2id?\$[^\s'\"]+"), "<argon2 hash>"),
    (re.compile(r"(postgresql(?:\+\w+)?://[^:/@\s]+):[^@\s]+@"), r"\1:***@"),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
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
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    return path
