"""packaging/kcp-desk.spec in a dry run: executed as PyInstaller executes it, with
stand-in Analysis/PYZ/EXE/COLLECT classes that record what the spec asks for, for
linux and for win32 (the Windows build cannot run here)."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "kcp-desk.spec"

# What PyInstaller's hooks collect besides the spec's own data files, in each platform's
# layout of the PySide6 wheel: (destination in the bundle, kept by the trimming?)
COLLECTED = {
    "linux": [
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", True),
        ("PySide6/Qt/lib/libQt6Qml.so.6", False),
        ("PySide6/Qt/lib/libQt6QmlModels.so.6", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt6VirtualKeyboard.so.6", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_fr.qm", False),
        ("PySide6/Qt/translations/qtdeclarative_de.qm", False),
        ("PySide6/Qt/translations/assistant_de.qm", False),
        ("libgtk-3.so.0", False),
        ("libcairo.so.2", False),
        ("libpango-1.0.so.0", False),
        ("libharfbuzz.so.0", False),
        ("libfontconfig.so.1", True),
        ("libxcb-icccm.so.4", True),
        ("libxkbcommon-x11.so.0", True),
        ("libX11.so.6", True),
    ],
    "win32": [
        ("PySide6/Qt6Core.dll", True),
        ("PySide6/Qt6Widgets.dll", True),
        ("PySide6/Qt6Qml.dll", False),
        ("PySide6/Qt6Quick.dll", False),
        ("PySide6/Qt6VirtualKeyboard.dll", False),
        ("PySide6/Qt6Pdf.dll", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/plugins/platforms/qoffscreen.dll", True),
        ("PySide6/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll", False),
        ("PySide6/plugins/imageformats/qpdf.dll", False),
        ("PySide6/plugins/imageformats/qico.dll", True),
        ("PySide6/translations/qtbase_de.qm", True),
        ("PySide6/translations/qtbase_ja.qm", False),
    ],
}
# the same on both: babel's and pycountry's locale data
COMMON = [
    ("babel/locale-data/root.dat", True),
    ("babel/locale-data/de.dat", True),
    ("babel/locale-data/de_DE.dat", True),
    ("babel/locale-data/en.dat", True),
    ("babel/locale-data/en_GB.dat", True),
    ("babel/locale-data/en_001.dat", True),
    ("babel/locale-data/fr.dat", False),
    ("babel/locale-data/dea.dat", False),
    ("babel/global.dat", True),
    ("pycountry/locales/de/LC_MESSAGES/iso3166-1.mo", True),
    ("pycountry/locales/fr/LC_MESSAGES/iso3166-1.mo", False),
    ("pycountry/databases/iso3166-1.json", True),
]


_DATA_DIRS = ("babel/", "pycountry/")


@dataclass
class Build:
    """What one execution of the spec asked PyInstaller to do."""

    analyses: list[Any] = field(default_factory=list)
    exes: list[dict[str, Any]] = field(default_factory=list)
    collects: list[tuple[Any, ...]] = field(default_factory=list)


def execute_spec(
    spec: Path, platform: str, monkeypatch: pytest.MonkeyPatch, pure: list[Any] | None = None
) -> Build:
    build = Build()
    collected = COLLECTED[platform] + COMMON

    class Analysis:
        def __init__(self, scripts: list[str], **kwargs: Any) -> None:
            self.inputs = kwargs
            self.scripts = [(Path(s).stem, s, "PYSOURCE") for s in scripts]
            self.pure = pure or [("kcp_desk.cli", "kcp_desk/cli.py", "PYMODULE")]
            # PyInstaller turns (source, destination folder) into (name, source, type)
            self.datas = [
                (f"{folder}/{Path(src).name}", src, "DATA") for src, folder in kwargs["datas"]
            ]
            data = [d for d, _ in collected if d.endswith(".qm") or d.startswith(_DATA_DIRS)]
            self.datas += [(d, f"/src/{d}", "DATA") for d in data]
            self.binaries = [(d, f"/src/{d}", "BINARY") for d, _ in collected if d not in data]
            build.analyses.append(self)

    def pyz(pure: list[Any]) -> tuple[str, int]:
        return ("PYZ", len(pure))

    def exe(*args: Any, **kwargs: Any) -> dict[str, Any]:
        build.exes.append(kwargs)
        return kwargs

    def collect(*args: Any, **kwargs: Any) -> tuple[Any, ...]:
        build.collects.append((args, kwargs))
        return args

    monkeypatch.setattr(sys, "platform", platform)
    code = compile(spec.read_text("utf-8"), str(spec), "exec")
    exec(  # noqa: S102 - the spec is our own file, run as PyInstaller runs it
        code,
        {
            "__name__": "__main__",
            "__file__": str(spec),
            "SPECPATH": str(spec.parent),
            "Analysis": Analysis,
            "PYZ": pyz,
            "EXE": exe,
            "COLLECT": collect,
        },
    )
    return build


def bundled(build: Build) -> set[str]:
    [(args, kwargs)] = build.collects
    assert kwargs["name"] == "kcp-desk"
    return {entry[0] for toc in args if isinstance(toc, list) for entry in toc}


def needs_translations() -> None:
    if not (ROOT / "kcp_desk" / "i18n" / "kcp_desk_de.qm").exists():
        pytest.fail("the .qm files are not compiled: run `make translations` first")


@pytest.mark.parametrize("platform", ["linux", "win32"])
def test_the_bundle_carries_migrations_and_translations_as_files(
    platform: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs_translations()
    files = bundled(execute_spec(SPEC, platform, monkeypatch))
    versions = sorted(p.name for p in (ROOT / "kcp_desk/migrations/versions").glob("0*.py"))
    assert versions, "no migrations found"
    assert {f"kcp_desk/migrations/versions/{v}" for v in versions} <= files
    assert {"kcp_desk/migrations/env.py", "kcp_desk/migrations/script.py.mako"} <= files
    assert {"kcp_desk/i18n/kcp_desk_de.qm", "kcp_desk/i18n/kcp_desk_en.qm"} <= files


@pytest.mark.parametrize("platform", ["linux", "win32"])
def test_the_trimming_drops_what_the_desk_does_not_use(
    platform: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs_translations()
    files = bundled(execute_spec(SPEC, platform, monkeypatch))
    for dest, kept in COLLECTED[platform] + COMMON:
        assert (dest in files) is kept, f"{dest} should be {'kept' if kept else 'trimmed'}"


def test_linux_makes_one_executable(monkeypatch: pytest.MonkeyPatch) -> None:
    needs_translations()
    build = execute_spec(SPEC, "linux", monkeypatch)
    assert [(e["name"], e["exclude_binaries"]) for e in build.exes] == [("kcp-desk", True)]
    assert build.exes[0]["icon"] is None


def test_windows_makes_a_windowed_desk_and_a_console_tool_in_one_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    needs_translations()
    build = execute_spec(SPEC, "win32", monkeypatch)
    assert [(e["name"], e["console"]) for e in build.exes] == [
        ("kcp-desk", False),
        ("kcp-desk-cli", True),
    ]
    assert all(e["exclude_binaries"] for e in build.exes)
    assert {e["icon"] for e in build.exes} == {str(ROOT / "packaging" / "kcp-desk.ico")}
    assert (ROOT / "packaging" / "kcp-desk.ico").is_file()
    [(args, _)] = build.collects
    assert [a["name"] for a in args if isinstance(a, dict)] == ["kcp-desk", "kcp-desk-cli"]


def test_what_the_migrations_import_is_a_hidden_import(monkeypatch: pytest.MonkeyPatch) -> None:
    needs_translations()
    [analysis] = execute_spec(SPEC, "linux", monkeypatch).analyses
    hidden = set(analysis.inputs["hiddenimports"])
    assert {"alembic.op", "alembic.context", "sqlalchemy", "kcp_desk.models.base"} <= hidden
    assert {"kcp_desk.selfcheck", "kcp_desk.views.selfcheck_qt", "psycopg_binary"} <= hidden
    assert not any(".versions." in name for name in hidden)


def test_keyrings_alt_in_the_analysis_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    needs_translations()
    pure = [
        ("kcp_desk.cli", "kcp_desk/cli.py", "PYMODULE"),
        ("keyrings.alt.file", "/venv/keyrings/alt/file.py", "PYMODULE"),
    ]
    with pytest.raises(SystemExit, match=r"keyrings\.alt"):
        execute_spec(SPEC, "linux", monkeypatch, pure=pure)


def test_missing_translations_stop_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "packaging").mkdir()
    shutil.copy(SPEC, tmp_path / "packaging")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(ROOT / "kcp_desk" / "migrations", tmp_path / "kcp_desk" / "migrations")
    with pytest.raises(SystemExit, match="make translations"):
        execute_spec(tmp_path / "packaging" / "kcp-desk.spec", "linux", monkeypatch)
