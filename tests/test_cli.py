"""The command line tools: `kcp-desk audit verify`."""

from __future__ import annotations

import pytest

from kcp_desk.cli import main
from kcp_desk.db import Database
from kcp_desk.services.auth import AuthService
from tests.conftest import PASSPHRASES


def test_audit_verify_reports_ok(
    database: Database, agents: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    AuthService(database).login("anna", PASSPHRASES["anna"])
    assert main(["audit", "verify", "--database-url", database.url]) == 0
    assert "Audit log OK: 1 entry, chain and signatures valid" in capsys.readouterr().out
