"""The Qt half of `kcp-desk selfcheck` (kcp_desk/selfcheck.py): the platform plugins, the
fonts and the translators, as a bundle must carry them. Each function returns one line
of what it saw and raises when the desk would not work."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QPluginLoader, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics, QGuiApplication


class QtCheckFailed(Exception):
    pass


def _required_platforms() -> tuple[str, ...]:
    if sys.platform == "win32":
        return ("windows", "offscreen")
    if sys.platform == "darwin":
        return ("cocoa", "offscreen")
    return ("xcb", "offscreen")


def platform_plugins() -> str:
    """The platform plugins the desk starts with load (their libraries are there)."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    present = sorted(p.name for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []
    loaded = []
    for name in _required_platforms():
        matches = [f for f in present if name in f.lower()]
        if not matches:
            raise QtCheckFailed(f"no {name} platform plugin in {folder} (there: {present})")
        loader = QPluginLoader(str(folder / matches[0]))
        if not loader.load():
            raise QtCheckFailed(f"{matches[0]} does not load: {loader.errorString()}")
        loaded.append(matches[0])
    return f"{', '.join(loaded)} load from {folder}"


def _application() -> QGuiApplication:
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    # offscreen: the check needs no display; the fonts come from fontconfig all the same
    return QGuiApplication(["kcp-desk-selfcheck", "-platform", "offscreen"])


def fonts() -> str:
    """Fonts are installed, and the default one has the glyphs of German text."""
    _application()
    families = QFontDatabase.families()
    if not families:
        raise QtCheckFailed("no font at all: every glyph would be a box (install fonts)")
    font = QFont()
    metrics = QFontMetrics(font)
    missing = [c for c in "Aäöüß€" if not metrics.inFontUcs4(ord(c))]
    if missing:
        raise QtCheckFailed(f"the default font has no glyph for {''.join(missing)}")
    return f"{len(families)} families, default {QFontInfo(font).family()!r} has äöüß€"


def translators(i18n_dir: Path) -> str:
    """The desk's .qm catalogues and Qt's own German one load and translate."""
    seen = []
    for name, folder, context, source, wanted in (
        ("kcp_desk_de", i18n_dir, "DeskApp", "Preparing the database…", None),
        ("kcp_desk_en", i18n_dir, None, None, None),
        (
            "qtbase_de",
            Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
            "QPlatformTheme",
            "Cancel",
            "Abbrechen",
        ),
    ):
        translator = QTranslator()
        if not translator.load(name, str(folder)):
            raise QtCheckFailed(f"{name}.qm does not load from {folder}")
        if translator.isEmpty():
            raise QtCheckFailed(f"{name}.qm is empty")
        if context is not None and source is not None:
            text = translator.translate(context, source)
            if not text or text == source or (wanted is not None and text != wanted):
                raise QtCheckFailed(f"{name}.qm does not translate {source!r} ({text!r})")
            seen.append(f"{name} ({source!r} -> {text!r})")
        else:
            seen.append(name)
    return ", ".join(seen)
