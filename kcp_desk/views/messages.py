"""Turning expected errors into translated text."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from kcp_desk.errors import (
    DatabaseBusy,
    DatabaseCorrupt,
    DatabaseFull,
    DatabaseMissing,
    DatabaseReadOnly,
    DatabaseSlow,
    DatabaseUnavailable,
    KcpError,
)
from kcp_desk.views import formatting


def error_text(err: KcpError) -> str:
    """The message in the user's language (templates are marked in the "KcpError" context);
    a time among the parameters in the workstation's local time and the user's format."""
    params = {
        key: formatting.date_time(value) if isinstance(value, dt.datetime) else value
        for key, value in err.params.items()
    }
    return QCoreApplication.translate("KcpError", err.template).format(**params)


def fault_cause(err: KcpError) -> str | None:
    """What went wrong with the database, in one sentence that promises nothing about
    the input, for views that clear what was typed (a spoken password, a passphrase);
    None when ``err`` is no database fault (then :func:`error_text` fits).

    The database faults' own messages end in "Your input is kept", which is true for a
    form and false for a field that is emptied on every try.
    """
    causes: tuple[tuple[type[DatabaseUnavailable], str], ...] = (
        (
            DatabaseBusy,
            QCoreApplication.translate(
                "Messages",
                "Another program is writing to the database and did not finish in time.",
            ),
        ),
        (
            DatabaseSlow,
            QCoreApplication.translate("Messages", "The database did not answer in time."),
        ),
        (
            DatabaseReadOnly,
            QCoreApplication.translate(
                "Messages", "The database accepts no changes right now (read-only)."
            ),
        ),
        (
            DatabaseFull,
            QCoreApplication.translate("Messages", "The disk holding the database is full."),
        ),
        (
            DatabaseCorrupt,
            QCoreApplication.translate(
                "Messages", "The database file is damaged or not a kcp-desk database."
            ),
        ),
        (
            DatabaseMissing,
            QCoreApplication.translate("Messages", "The database file was deleted or replaced."),
        ),
        (
            DatabaseUnavailable,
            QCoreApplication.translate("Messages", "The database cannot be reached."),
        ),
    )
    for cls, text in causes:
        if isinstance(err, cls):
            return text
    return None


def keyring_text(description: str) -> str:
    """A keyring backend's description (marked in the "Keyring" context)."""
    return QCoreApplication.translate("Keyring", description)
