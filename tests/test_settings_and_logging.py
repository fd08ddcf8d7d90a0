"""Settings live in the isolated data dir, never hold secrets; logs redact secrets."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kcp_desk.db import Database
from kcp_desk.errors import DatabaseUnavailable
from kcp_desk.logging_setup import redact, setup_logging
from kcp_desk.settings import Paths, Settings, describe_database


def test_defaults_and_environment_override(
    isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = Paths.from_environment()
    assert paths.data_dir == isolated_user_dirs
    settings = Settings.load(paths)
    assert settings.database_url == f"sqlite:///{isolated_user_dirs / 'kcp-desk.sqlite3'}"
    assert settings.idle_lock_minutes == 5
    monkeypatch.setenv("KCP_DESK_DATABASE_URL", "postgresql+psycopg://u:pw@db.example/kcp")
    settings = Settings.load(paths)
    assert settings.database_url.startswith("postgresql")
    settings.save(paths)
    stored = paths.settings_file.read_text()
    assert "pw@" not in stored  # the override (with its password) stays out of the file


def test_a_broken_settings_file_does_not_stop_the_desk() -> None:
    paths = Paths.from_environment()
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text("{not json")
    assert Settings.load(paths).idle_lock_minutes == 5


def test_database_label_never_shows_a_password() -> None:
    label = describe_database("postgresql+psycopg://kcp:s3cret@db.example:5433/desk")
    assert label == "PostgreSQL db.example:5433/desk"
    assert describe_database("sqlite:////tmp/x.sqlite3") == "SQLite /tmp/x.sqlite3"


def test_log_file_redacts_secrets(isolated_user_dirs: Path) -> None:
    path = setup_logging(isolated_user_dirs / "logs")
    log = logging.getLogger("kcp_desk.test")
    try:
        log.warning("retry with passphrase=hunter2hunter2 for %s", "anna")
        log.warning("bank DE89 3704 0044 0532 0130 00 returned")
        log.warning("url postgresql+psycopg://kcp:s3cret@db/desk")
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", None) == str(path):
                logging.getLogger().removeHandler(handler)
                handler.close()
    text = path.read_text()
    assert "hunter2" not in text
    assert "0532 0130" not in text
    assert "s3cret" not in text
    assert "anna" in text


def _log_to_file(path: Path, emit: object) -> str:
    try:
        emit()  # type: ignore[operator]
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", None) == str(path):
                logging.getLogger().removeHandler(handler)
                handler.close()
    return path.read_text(encoding="utf-8")


def test_log_file_redacts_every_spelling_and_exceptions(isolated_user_dirs: Path) -> None:
    path = setup_logging(isolated_user_dirs / "logs")
    log = logging.getLogger("kcp_desk.test")

    def emit() -> None:
        log.warning("form %s", {"passphrase": "dict-secret-1", "user": "anna"})
        log.warning('json {"password": "json-secret-2"}')
        log.warning("retry with passphrase %s", "spaced-secret-3")
        log.warning("passphrase='quoted multi word secret4' was typed")
        log.warning("Passwort: umlaut-secret-5")
        log.warning("token=tok-secret-6; done")
        log.warning("bank de89 3704 0044 0532 0130 00 returned")
        log.warning("bank GB29NWBK60161331926819 returned")
        log.warning("bank fr76 3000 6000 0112 3456 7890 189 returned")
        log.warning("url postgres://kcp:pg-secret-7@db/desk")
        log.warning("url postgresql+psycopg://kcp:pg-secret-8@db:5432/desk")
        try:
            raise ValueError("bad passphrase=exc-secret-9 for iban DE89 3704 0044 0532 0130 00")
        except ValueError:
            log.exception("saving failed")
        log.warning("with stack", stack_info=True, extra={"note": "x"})
        log.warning("stack secret passphrase: stack-secret-10", stack_info=True)

    text = _log_to_file(path, emit)
    for secret in (
        "dict-secret-1",
        "json-secret-2",
        "spaced-secret-3",
        "multi word",
        "secret4",
        "umlaut-secret-5",
        "tok-secret-6",
        "0044 0532",
        "3704",
        "NWBK",
        "6016",
        "3456 7890",
        "pg-secret-7",
        "pg-secret-8",
        "exc-secret-9",
        "stack-secret-10",
    ):
        assert secret not in text.lower(), secret
    # what is not secret survives, so the log still helps
    assert "'user': 'anna'" in text
    assert "saving failed" in text
    assert "Traceback (most recent call last)" in text
    assert "ValueError: bad passphrase=*** for iban <IBAN>" in text
    assert "postgresql+psycopg://kcp:***@db:5432/desk" in text
    assert text.count("bank <IBAN> returned") == 3


def test_redact_keeps_ordinary_text() -> None:
    for ordinary in (
        "customer K12345671 opened",
        "status code 500 from the mail server",
        "login of anna took 312 ms",
        "https://example.org/help",
    ):
        assert redact(ordinary) == ordinary


def test_unreachable_database_is_an_expected_error() -> None:
    db = Database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    with pytest.raises(DatabaseUnavailable) as err, db.transaction() as s:
        s.connection()
    assert "cannot be reached" in str(err.value)
