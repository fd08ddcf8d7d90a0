"""Turning expected errors into translated text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kcp_desk.errors import KcpError


def error_text(err: KcpError) -> str:
    """The message in the user's language (templates are marked in the "KcpError" context)."""
    return QCoreApplication.translate("KcpError", err.template).format(**err.params)


def keyring_text(description: str) -> str:
    """A keyring backend's description (marked in the "Keyring" context)."""
    return QCoreApplication.translate("Keyring", description)
