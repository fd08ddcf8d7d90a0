"""`kcp-desk selfcheck` from the source tree: one line per lazily loaded dependency, a
summary in words, and an exit code that says whether all of them hold."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kcp_desk.selfcheck import Outcome, checks, line, run, summary

ROOT = Path(__file__).resolve().parents[1]


def selfcheck(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KCP_DESK_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "kcp_desk", "selfcheck", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_every_dependency_holds_from_the_source_tree(tmp_path: Path) -> None:
    result = selfcheck(data_dir=tmp_path)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    names = [name for name, _ in checks()]
    checked = [ln for ln in lines if ln.startswith(("ok ", "FAIL "))]
    assert len(checked) == len(names) == 14
    for name, text in zip(names, checked, strict=True):
        assert text.startswith(f"ok   {name}"), text
    assert lines[-1] == "selfcheck: all 14 checks hold"
    # the closing line must not read like a test runner's count
    assert not re.search(r"\d+ (passed|failed)", result.stdout)
    assert "Datenbank wird vorbereitet" in result.stdout  # the German catalogue translated
    assert "xcb" in result.stdout and "offscreen" in result.stdout


@pytest.mark.slow
def test_an_expected_keyring_that_is_not_there_fails_the_selfcheck(tmp_path: Path) -> None:
    result = selfcheck("--expect-keyring", "WinVaultKeyring", data_dir=tmp_path)
    assert result.returncode == 1
    [keyring_line] = [ln for ln in result.stdout.splitlines() if "keyring backends" in ln]
    assert keyring_line.startswith("FAIL")
    assert "expected the WinVaultKeyring backend" in keyring_line
    assert result.stdout.splitlines()[-1] == "selfcheck: 1 of 14 checks FAILED"


def test_a_failing_check_is_reported_with_its_error_and_the_others_still_run() -> None:
    def broken() -> str:
        raise ImportError("No module named 'schwifty.registry'")

    outcomes = run([("schwifty bank registry", broken), ("fine", lambda: "as expected")])
    assert [o.holds for o in outcomes] == [False, True]
    assert line(outcomes[0]).startswith("FAIL schwifty bank registry")
    assert "ImportError: No module named 'schwifty.registry'" in line(outcomes[0])
    assert summary(outcomes) == "selfcheck: 1 of 2 checks FAILED"
    assert summary([Outcome("a", True, "", 1.0)]) == "selfcheck: the one check holds"
