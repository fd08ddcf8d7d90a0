"""The search field with bad and huge input (issue 8), and typing on PostgreSQL: one
query per pause in typing, not one per keystroke."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QRunnable, QThreadPool
from pytestqt.qtbot import QtBot

from kcp_desk.db import Database
from kcp_desk.services.auth import AuthService
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.search import MAX_QUERY_WORDS, CustomerSearch, SearchResult
from kcp_desk.views import customer_search
from kcp_desk.views.customer_search import DEBOUNCE_MS, CustomerSearchView
from tests.conftest import FAST_KDF


class CountingSearch(CustomerSearch):
    """The real service; it counts the searches that really ran."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.queries: list[str] = []

    def search(self, session: AgentSession, text: str, limit: int = 50) -> SearchResult:
        self.queries.append(text)
        return super().search(session, text, limit)


@pytest.fixture
def view(qtbot: QtBot, database: Database) -> CustomerSearchView:
    populate(database, customers=20, kdf=FAST_KDF)
    anna = next(a for a in DEMO_AGENTS if a.username == "anna")
    session = AuthService(database).login("anna", anna.passphrase).session
    widget = CustomerSearchView(CountingSearch(database), session)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _type(qtbot: QtBot, view: CustomerSearchView, text: str) -> None:
    with qtbot.waitSignal(view.searched, timeout=5000):
        view.field.setText(text)


def _queries(view: CustomerSearchView) -> list[str]:
    search = view._search
    assert isinstance(search, CountingSearch)
    return search.queries


def test_a_pasted_block_says_only_the_first_words_are_searched(
    qtbot: QtBot, view: CustomerSearchView
) -> None:
    _type(qtbot, view, "müller " * 1500)
    # the English numerus forms ("… 8 words are searched.") come from the .ts file
    assert f"Only the first {MAX_QUERY_WORDS} word" in view.message.text()
    assert view.message.styleSheet() == ""  # a hint, not an error
    _type(qtbot, view, "müller köln")
    assert "Only the first" not in view.message.text()


@pytest.mark.parametrize(
    "text", ["\x00", "K1000001\x00", "\x1b[2J\u202e", "\ud800x", "x\U0010ffff"]
)
def test_control_characters_and_broken_text_get_an_answer(
    qtbot: QtBot, view: CustomerSearchView, text: str
) -> None:
    _type(qtbot, view, text)
    assert view.message.text()
    assert view.message.styleSheet() == ""  # no error: a result (maybe none)


def test_typing_on_postgresql_runs_one_search_per_pause(
    qtbot: QtBot, view: CustomerSearchView, database: Database
) -> None:
    if database.dialect != "postgresql":
        # SQLite answers inline: every keystroke, at once (the budget is one frame)
        qtbot.keyClicks(view.field, "mue")
        assert _queries(view) == ["m", "mu", "mue"]
        return
    with qtbot.waitSignal(view.searched, timeout=5000):
        qtbot.keyClicks(view.field, "mueller")
    assert _queries(view) == ["mueller"]
    # a pause longer than the debounce starts the next search
    qtbot.wait(DEBOUNCE_MS * 2)
    with qtbot.waitSignal(view.searched, timeout=5000):
        qtbot.keyClicks(view.field, " k")
    assert _queries(view) == ["mueller", "mueller k"]


def test_a_search_typed_over_before_it_runs_is_dropped(
    qtbot: QtBot, view: CustomerSearchView, database: Database
) -> None:
    if database.dialect != "postgresql":
        pytest.skip("SQLite searches inline: nothing waits to run")
    pool = QThreadPool.globalInstance()
    release = threading.Event()
    busy = [_Blocker(release) for _ in range(pool.maxThreadCount())]
    for blocker in busy:
        pool.start(blocker)
    try:
        view.field.setText("muel")
        view._run_typed()  # as if the pause had come: queued, every worker busy …
        view.field.setText("mueller")  # … and typed over before a worker ran it
    finally:
        release.set()
    with qtbot.waitSignal(view.searched, timeout=5000):
        pass  # the debounced "mueller"
    assert _queries(view) == ["mueller"]  # "muel" never reached the database


class _Blocker(QRunnable):
    def __init__(self, release: threading.Event) -> None:
        super().__init__()
        self._release = release

    def run(self) -> None:
        self._release.wait(5)


def test_the_search_error_goes_by_itself_when_the_database_is_back(
    qtbot: QtBot, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Cannot be reached" does not stay on screen until the next keystroke: the same
    search is asked again until the database answers."""
    if database.dialect != "sqlite":
        pytest.skip("the SQLite file is moved away and back")
    monkeypatch.setattr(customer_search, "SEARCH_RETRY_MS", 100)
    populate(database, customers=20, kdf=FAST_KDF)
    anna = next(a for a in DEMO_AGENTS if a.username == "anna")
    session = AuthService(database).login("anna", anna.passphrase).session
    view = CustomerSearchView(CustomerSearch(database), session)
    qtbot.addWidget(view)
    view.show()
    path = Path(database.url.split(":///", 1)[1])
    away = path.with_suffix(".away")
    path.rename(away)
    try:
        _type(qtbot, view, "K1000")
        assert "deleted or replaced" in view.message.text()
    finally:
        away.rename(path)
    qtbot.waitUntil(lambda: "found" in view.message.text(), timeout=5000)
    assert view.model.rowCount() > 0
