"""One desk per user, opened by the phone (SPEC §4): `kcp-desk open TEXT` in a second
process hands TEXT to the running desk, or starts a desk when none runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kcp_desk.views.single_instance import (
    MAX_MESSAGE_BYTES,
    MAX_TEXT_CHARS,
    DeskLink,
    clean_open_text,
    desk_server_name,
    encode_message,
    send_to_running_desk,
)


@pytest.fixture
def link(qapp: QApplication, isolated_user_dirs: Path) -> Iterator[DeskLink]:
    """This test process is the running desk of this (test) user."""
    desk = DeskLink.for_data_dir(isolated_user_dirs)
    assert desk.claim() and desk.listening
    yield desk
    desk.close()


def _kcp_desk(*args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-m", "kcp_desk", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(proc: subprocess.Popen[str], timeout: float = 30) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def test_open_hands_a_tel_uri_to_the_running_desk(qtbot: QtBot, link: DeskLink) -> None:
    with qtbot.waitSignal(link.text_received, timeout=20_000) as received:
        proc = _kcp_desk("open", "tel:+49-221-12345678;phone-context=+49")
    code, _out, err = _finish(proc)
    assert code == 0, err
    assert received.args == ["+49-221-12345678"]  # the number, ready to search


def test_search_text_with_spaces_arrives_as_typed(qtbot: QtBot, link: DeskLink) -> None:
    with qtbot.waitSignal(link.text_received, timeout=20_000) as received:
        proc = _kcp_desk("open", "Müller", "Köln")
    assert _finish(proc)[0] == 0
    assert received.args == ["Müller Köln"]


def test_a_second_plain_start_brings_the_running_desk_to_the_front(
    qtbot: QtBot, link: DeskLink
) -> None:
    with qtbot.waitSignal(link.raise_requested, timeout=30_000):
        proc = _kcp_desk()
    code, out, err = _finish(proc)
    assert code == 0, err
    assert "running already" in out  # and no second window: the process has ended


def test_open_without_a_running_desk_starts_one(
    qtbot: QtBot, qapp: QApplication, isolated_user_dirs: Path
) -> None:
    """The started desk owns this user's link: the next call reaches it."""
    name = desk_server_name(isolated_user_dirs)
    desk = _kcp_desk("open", "K10000012")
    try:
        # this test process is the next caller: the started desk takes the call
        answered = send_to_running_desk(
            "tel:+4922112345678", 500, name=name, wait_for_desk_ms=30_000
        )
        assert answered, desk.stderr.read() if desk.poll() is not None and desk.stderr else ""
        assert desk.poll() is None  # it runs on: a desk, not a one-shot
    finally:
        desk.send_signal(signal.SIGTERM)
        desk.communicate(timeout=30)
        QLocalServer.removeServer(name)


@pytest.mark.skipif(sys.platform == "win32", reason="socket files exist on Unix only")
def test_a_crashed_desk_does_not_block_the_next_one(
    qtbot: QtBot, qapp: QApplication, isolated_user_dirs: Path
) -> None:
    name = desk_server_name(isolated_user_dirs)
    crashed = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from PySide6.QtCore import QCoreApplication\n"
            "from kcp_desk.views.single_instance import DeskLink\n"
            "app = QCoreApplication([])\n"
            "from pathlib import Path\n"
            "link = DeskLink.for_data_dir(Path(sys.argv[1]))\n"
            "assert link.claim()\n"
            "print(link._server.fullServerName(), flush=True)\n"
            "time.sleep(60)\n",
            str(isolated_user_dirs),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert crashed.stdout is not None
    socket_file = Path(crashed.stdout.readline().strip())
    crashed.kill()  # no clean-up: the socket file stays behind
    crashed.wait()
    crashed.stdout.close()
    assert socket_file.exists()
    assert (isolated_user_dirs / "desk.lock").exists()
    assert not send_to_running_desk("x", 500, name=name)  # nobody answers
    desk = DeskLink.for_data_dir(isolated_user_dirs)
    try:
        assert desk.claim() and desk.listening  # neither stale file stopped it
    finally:
        desk.close()


@pytest.mark.parametrize(
    ("raw", "searched"),
    [
        ("tel:+4922112345678", "+4922112345678"),
        ("TEL:+49%20221%2012345678", "+49 221 12345678"),
        ("callto://+4922112345678", "+4922112345678"),
        ("callto:+49 221 12345678", "+49 221 12345678"),
        ("sip:+4922112345678@pbx.example;user=phone", "+4922112345678"),
        ("0221 12345678", "0221 12345678"),
        ("K10000012", "K10000012"),
        ("Schmidt\x00 Berlin\x1b[2J\u202e\n", "Schmidt Berlin [2J"),
        ("tel:%00%1b+49221", "+49221"),
        ("   ", ""),
    ],
)
def test_the_text_is_only_ever_search_input(raw: str, searched: str) -> None:
    assert clean_open_text(raw) == searched


def test_messages_are_bounded() -> None:
    message = encode_message("ä" * 10_000)
    assert len(message) <= 4 + MAX_MESSAGE_BYTES
    message[4:].decode("utf-8")  # cut on a character boundary
    assert len(clean_open_text("x" * 10_000)) == MAX_TEXT_CHARS


def test_an_oversized_message_is_refused(qtbot: QtBot, link: DeskLink) -> None:
    """A client that claims more than 4 KiB is cut off before anything is read."""
    with qtbot.assertNotEmitted(link.text_received, wait=500):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import struct, sys\n"
                "from PySide6.QtNetwork import QLocalSocket\n"
                "s = QLocalSocket(); s.connectToServer(sys.argv[1])\n"
                "assert s.waitForConnected(3000)\n"
                "s.write(struct.pack('>I', 1 << 20) + b'x' * 8192); s.waitForBytesWritten(3000)\n"
                "s.waitForReadyRead(3000)\n"
                "print(bytes(s.readAll().data()) == b'', flush=True)\n",
                link.name,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20_000)
    assert proc.stdout is not None
    assert proc.stdout.read().strip() == "True"  # no acknowledgement
    proc.stdout.close()
