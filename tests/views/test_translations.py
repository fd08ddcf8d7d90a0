"""Every visible string has a German translation, and German is what a German desk shows."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kcp_desk.views.login_window import LoginWindow

ROOT = Path(__file__).resolve().parents[2]


def test_german_translation_is_complete() -> None:
    tree = ET.parse(ROOT / "resources/i18n/kcp_desk_de.ts")
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation").get("type") in ("unfinished", "obsolete")  # type: ignore[union-attr]
        or not m.findtext("translation")
    ]
    assert unfinished == []


def test_login_window_in_german(qtbot: QtBot) -> None:
    qm = ROOT / "kcp_desk/i18n/kcp_desk_de.qm"
    if not qm.exists():
        pytest.fail("translations not built: run `make translations`")
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.installTranslator(translator)
    try:
        window = LoginWindow(None, "SQLite /tmp/x")
        qtbot.addWidget(window)
        assert window.sign_in.text() == "Anmelden"
        assert window.remember.text() == "An diesem Arbeitsplatz merken"
    finally:
        app.removeTranslator(translator)


def test_no_pseudo_plurals_and_english_has_every_plural_form() -> None:
    """No "Rechnung(en)" or "invoice(s)": each count is a %n string with its plural forms
    in both catalogues."""
    for name in ("kcp_desk_de.ts", "kcp_desk_en.ts"):
        tree = ET.parse(ROOT / "resources/i18n" / name)
        for message in tree.iter("message"):
            source = message.findtext("source") or ""
            assert not any(p in source for p in ("(s)", "(en)", "(e)")), source
            if message.get("numerus") == "yes":
                forms = [f.text for f in message.iter("numerusform")]
                assert len(forms) == 2 and all(forms), (name, source)


def test_english_has_real_plurals(qtbot: QtBot) -> None:
    """No "customer(s)" on an English desk: the English catalogue has the plural forms."""
    from PySide6.QtCore import QCoreApplication

    from kcp_desk.app import install_translators

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = set(app.findChildren(QTranslator))
    assert install_translators(app, "en") == "en"
    try:
        found = QCoreApplication.translate("CustomerSearchView", "%n customers found.", "", 1)
        assert found == "1 customer found."
        many = QCoreApplication.translate("LoginWindow", "Trying again in %n seconds…", "", 5)
        assert many == "Trying again in 5 seconds…"
        one = QCoreApplication.translate("LoginWindow", "Trying again in %n seconds…", "", 1)
        assert one == "Trying again in 1 second…"
    finally:
        for translator in set(app.findChildren(QTranslator)) - before:
            app.removeTranslator(translator)
