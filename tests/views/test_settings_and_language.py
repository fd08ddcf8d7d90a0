"""The interface language: German on German systems, switchable in the settings, applied
at the next start (SPEC §4). The test set-up forces LANG=en_US for every test
(tests/conftest.py); the start-up tests here run the desk in a process of its own with a
German system locale, so they see what a German agent sees."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kcp_desk.app import DeskApp, choose_language
from kcp_desk.settings import LANGUAGES, Paths, Settings

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)
AUSTRIAN = QLocale(QLocale.Language.German, QLocale.Country.Austria)
AMERICAN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


@pytest.mark.parametrize(
    ("setting", "system", "language"),
    [
        ("", GERMAN, "de"),
        ("", AUSTRIAN, "de"),
        ("", AMERICAN, "en"),
        ("", FRENCH, "en"),
        ("en", GERMAN, "en"),
        ("de", AMERICAN, "de"),
    ],
)
def test_the_setting_or_the_system_picks_the_language(
    setting: str, system: QLocale, language: str
) -> None:
    assert choose_language(setting, system) == language


def _start_desk(data_dir: Path, lang_env: str) -> str:
    """`python -m kcp_desk` with this system locale; the login window's title."""
    env = {k: v for k, v in os.environ.items() if k not in {"LC_ALL", "LC_MESSAGES", "LANGUAGE"}}
    env.update(
        LANG=lang_env,
        KCP_DESK_DATA_DIR=str(data_dir),
        KCP_DESK_BENCH_PAINTED="1",  # quit once the login window has painted
        QT_QPA_PLATFORM="offscreen",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "kcp_desk"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    for line in proc.stdout.splitlines():
        if "login window painted: " in line:
            return line.split("login window painted: ", 1)[1]
    raise AssertionError(f"no login window: {proc.stdout}\n{proc.stderr}")


def _store_language(data_dir: Path, language: str) -> None:
    config = data_dir / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"language": language}))


def test_a_german_system_starts_the_desk_in_german(tmp_path: Path) -> None:
    """Nothing in the start forces English on a German system (issue 9)."""
    assert _start_desk(tmp_path / "de", "de_DE.UTF-8") == "kcp-desk – Anmelden"


def test_english_in_the_settings_wins_over_a_german_system(tmp_path: Path) -> None:
    _store_language(tmp_path, "en")
    assert _start_desk(tmp_path, "de_DE.UTF-8") == "kcp-desk – Sign in"


def test_german_in_the_settings_wins_over_an_english_system(tmp_path: Path) -> None:
    _store_language(tmp_path, "de")
    assert _start_desk(tmp_path, "en_US.UTF-8") == "kcp-desk – Anmelden"


def test_an_english_system_starts_the_desk_in_english(tmp_path: Path) -> None:
    assert _start_desk(tmp_path, "en_US.UTF-8") == "kcp-desk – Sign in"


# --- the settings dialog ---------------------------------------------------------------


def _desk(qtbot: QtBot, qapp: QApplication) -> DeskApp:
    paths = Paths.from_environment()
    desk = DeskApp(qapp, paths, Settings.load(paths), demo=False)  # not started: no database
    qtbot.addWidget(desk.login)
    return desk


def test_the_settings_dialog_stores_the_language_for_the_next_start(
    qtbot: QtBot, qapp: QApplication
) -> None:
    desk = _desk(qtbot, qapp)
    dialog = desk.open_settings_dialog(desk.login)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.language.currentData() == ""  # the system default to begin with
    assert [dialog.language.itemData(i) for i in range(dialog.language.count())] == list(LANGUAGES)
    assert dialog.language.itemText(0) == "System default (English)"  # LANG=en_US here
    assert "starts again" in dialog.note.text()  # applied after a restart, and it says so
    assert dialog.note.isVisible()

    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    qtbot.keyClick(dialog.language, Qt.Key.Key_Return)  # OK is the default button
    assert not dialog.isVisible()
    paths = Paths.from_environment()
    assert Settings.load(paths).language == "de"
    assert desk.settings.language == "de"


def test_cancel_keeps_the_language(qtbot: QtBot, qapp: QApplication) -> None:
    desk = _desk(qtbot, qapp)
    paths = Paths.from_environment()
    dataclasses.replace(desk.settings, language="en").save(paths)
    desk.settings = Settings.load(paths)
    dialog = desk.open_settings_dialog()
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "en"
    dialog.language.setCurrentIndex(dialog.language.findData(""))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert Settings.load(paths).language == "en"


def test_a_settings_file_that_cannot_be_written_is_said_in_the_dialog(
    qtbot: QtBot, qapp: QApplication, isolated_user_dirs: Path
) -> None:
    desk = _desk(qtbot, qapp)
    (isolated_user_dirs / "config").parent.mkdir(parents=True, exist_ok=True)
    (isolated_user_dirs / "config").write_text("a file where the folder should be")
    dialog = desk.open_settings_dialog()
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()  # nothing lost: the choice is still there
    assert dialog.error.isVisible()
    assert "could not be saved" in dialog.error.text()
    assert dialog.language.currentData() == "en"


def test_an_unknown_language_in_the_file_means_the_system_default() -> None:
    paths = Paths.from_environment()
    _store_language(paths.data_dir, "klingon")
    assert Settings.load(paths).language == ""
