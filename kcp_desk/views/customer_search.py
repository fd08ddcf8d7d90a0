"""The customer search (SPEC C1.1, C1.2): one field, results while typing.

On PostgreSQL the search runs on the worker pool once typing pauses for
:data:`DEBOUNCE_MS` (a burst of keystrokes is one query, not one per key); a query whose
text has been typed over before a worker picks it up is dropped without running, and a
result that arrives for an older keystroke is dropped too, so the list always matches the
field and the window never waits for the network. On the embedded SQLite database the
search answers in a few milliseconds, so it runs right away: handing it to a thread and
back cost more (keystroke → painted p95 21 ms threaded, 11 ms inline; bench/keystroke.py).

Any text gets an answer (the service drops control characters and searches the first
``MAX_QUERY_WORDS`` words of a pasted block); the message line says when words were left
out.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.domain.dial_text import search_text as dial_search_text
from kcp_desk.errors import DatabaseUnavailable, KcpError
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.search import (
    MATCH_LABELS,
    MAX_LIMIT,
    MIN_TEXT_CHARS,
    CustomerHit,
    CustomerSearch,
    MatchKind,
    SearchResult,
)
from kcp_desk.views.badges import Badge, BadgeDelegate, customer_badges
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation
from kcp_desk.views.table_model import Column, DtoTableModel


def match_text(hit: CustomerHit) -> str:
    label = QCoreApplication.translate("CustomerSearch", MATCH_LABELS[hit.match])
    return label.format(detail=hit.match_detail)


def hit_badges(hit: CustomerHit) -> list[Badge]:
    return customer_badges(
        hit.in_arrears,
        hit.open_tickets,
        hit.factor_locked,
        hit.blocked,
        hit.dunning_level,
        hit.debit_returned,
    )


def status_text(hit: CustomerHit) -> str:
    return " · ".join(b.text for b in hit_badges(hit))


_STEPS = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}


class SearchField(QLineEdit):
    """Arrow keys move through the results while the cursor stays in the field."""

    move_selection = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = _STEPS.get(Qt.Key(event.key()))
        if step is not None:
            self.move_selection.emit(step)
            return
        super().keyPressEvent(event)


PAGE = 50
#: PostgreSQL: the pause in typing after which the search runs
DEBOUNCE_MS = 150
#: after "the database cannot be reached", the same search is asked again this often
SEARCH_RETRY_MS = 3000


class _HitsModel(DtoTableModel[CustomerHit]):
    """The result list; scrolling to its end asks the view for the next matches."""

    def __init__(self, columns: list[Column[CustomerHit]], view: CustomerSearchView) -> None:
        super().__init__(columns, view)
        self._view = view

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._view.has_more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if self.canFetchMore(parent):
            self._view.fetch_more()


#: columns of the result list
COL_NUMBER, COL_NAME, COL_EMAIL, COL_CITY, COL_STATUS, COL_FOUND = range(6)
#: their shares of the list's width (the number column gets what its text needs)
_WEIGHTS: dict[int, int] = {
    COL_NAME: 26,
    COL_EMAIL: 26,
    COL_CITY: 14,
    COL_STATUS: 18,
    COL_FOUND: 16,
}


def _name_tip(hit: CustomerHit) -> str:
    return hit.display_name


class CustomerSearchView(QWidget):
    open_customer = Signal(int)  # customer id
    searched = Signal()  # a result (or error) for the current text is on screen

    def __init__(self, search: CustomerSearch, session: AgentSession) -> None:
        super().__init__()
        self._search = search
        self._session = session
        self._generation = 0
        self._limit = PAGE
        #: PostgreSQL: a burst of keystrokes starts one search when typing pauses
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._run_typed)
        #: the database was away: ask again by itself, so the error goes when it is back
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(SEARCH_RETRY_MS)
        self._retry.timeout.connect(self._run_typed)
        #: more matches than shown, and the service would give more (lazy loading)
        self.has_more = False
        #: search_for(): the search whose answer opens the customer if it is one phone match
        self._opening_generation = -1
        self._handing_over = False

        self.field = SearchField()
        self.field.setObjectName("customer_search")
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(
            self.tr(
                "Customer number, name, e-mail, phone, postcode, domain, "
                "RE-/#KCP-/SA- reference or mandate"
            )
        )
        font = self.field.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.field.setFont(font)
        self.field.setMinimumHeight(36)
        self.message = QLabel()
        self.message.setObjectName("search_message")
        self.message.setWordWrap(True)

        self.model = _HitsModel(
            [
                Column(self.tr("Number"), lambda h: h.number_text),
                Column(self.tr("Name / company"), lambda h: h.display_name, tooltip=_name_tip),
                Column(self.tr("E-mail"), lambda h: h.email, tooltip=lambda h: h.email),
                Column(self.tr("City"), lambda h: h.city, tooltip=lambda h: h.city),
                Column(self.tr("Status"), status_text, tooltip=status_text, badges=hit_badges),
                Column(self.tr("Found by"), match_text, tooltip=match_text),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("search_results")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setItemDelegateForColumn(COL_STATUS, BadgeDelegate(self.table))
        # the columns share the width there is (_fit_columns): the list never scrolls
        # sideways and is never wider than the window; long texts elide, with a tooltip
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)  # a stretched last section keeps 100 px
        header.setMinimumSectionSize(24)
        self.table.viewport().installEventFilter(self)
        self._fit_columns()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 8)
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

        self.field.textChanged.connect(self._text_changed)
        self.field.returnPressed.connect(self._open_current)
        self.field.move_selection.connect(self._move)
        self.table.activated.connect(self._open_index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Share the list's width among the columns, so that none is cut off."""
        available = self.table.viewport().width()
        metrics = self.table.fontMetrics()
        number = metrics.horizontalAdvance("K00000000") + 16
        self.table.setColumnWidth(COL_NUMBER, number)
        rest = max(0, available - number)
        total = sum(_WEIGHTS.values())
        used = 0
        for col, weight in _WEIGHTS.items():
            # the last column gets what is left: the sections end at the viewport's edge
            width = rest - used if col == COL_FOUND else rest * weight // total
            self.table.setColumnWidth(col, width)
            used += width

    def search_for(self, text: str) -> None:
        """Search ``text`` now, as handed over by ``kcp-desk open`` (SPEC §4).

        ``text`` may be a ``tel:``/``callto:`` URI or a number in any notation
        (:func:`kcp_desk.domain.dial_text.search_text`); it replaces what the field holds
        and is searched at once, without waiting for a pause in typing. When the answer
        is exactly one customer found by a phone number, :attr:`open_customer` is emitted
        for that customer (a caller's number identifies them; "not verified" is the
        customer view's business).
        """
        wanted = dial_search_text(text)
        self._handing_over = True  # _text_changed leaves the search to us
        try:
            self.field.setText(wanted)
        finally:
            self._handing_over = False
        self._new_search()
        self._debounce.stop()
        if not wanted.strip():
            self._show(self._generation, SearchResult(()))
            return
        self._opening_generation = self._generation
        self._run(wanted, self._show)

    def focus_search(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    # --- searching --------------------------------------------------------------------------

    def _new_search(self) -> None:
        self._retry.stop()
        self._generation += 1
        self._limit = PAGE
        self.has_more = False

    def _text_changed(self, text: str) -> None:
        if self._handing_over:
            return
        self._new_search()
        if not text.strip():
            self._debounce.stop()
            self._show(self._generation, SearchResult(()))
            return
        if self._search.answers_locally:
            self._run(text, self._show)
        else:
            self._debounce.start()  # (re)started by every keystroke

    def _run_typed(self) -> None:
        if self.field.text().strip():
            self._run(self.field.text(), self._show)

    def _run(self, text: str, done: Callable[[int, SearchResult], None], limit: int = PAGE) -> None:
        generation = self._generation
        if self._search.answers_locally:
            try:
                result = self._search.search(self._session, text, limit)
            except KcpError as err:
                self._failed(generation, err)
            else:
                done(generation, result)
            return

        def search() -> SearchResult | None:
            # On the worker: the field has moved on while this waited for a thread, so
            # nobody would see the answer (reading an int is safe across threads).
            if generation != self._generation:
                return None
            return self._search.search(self._session, text, limit)

        def delivered(result: SearchResult | None) -> None:
            if result is not None:
                done(generation, result)

        Operation(self, search).success(delivered).failure(
            lambda err: self._failed(generation, err)
        ).run()

    def fetch_more(self) -> None:
        """The list was scrolled to its end: append the next matches below."""
        self.has_more = False  # one request at a time
        self._limit = min(self._limit + PAGE, MAX_LIMIT)
        self._run(self.field.text(), self._append, self._limit)

    def _append(self, generation: int, result: SearchResult) -> None:
        if generation != self._generation:
            return
        shown = {self.model.row(i).customer_id for i in range(self.model.rowCount())}
        self.model.append_rows([h for h in result.hits if h.customer_id not in shown])
        self.has_more = result.truncated and self._limit < MAX_LIMIT
        self._count_message(result)
        self._add_ignored_words_hint(result)

    def _show(self, generation: int, result: SearchResult) -> None:
        if generation != self._generation:
            return  # an older keystroke's answer: the field has moved on
        self.has_more = result.truncated and self._limit < MAX_LIMIT
        self.model.set_rows(result.hits)
        self.message.setStyleSheet("")
        if result.hits:
            self.table.selectRow(0)
        if not self.field.text().strip():
            self.message.clear()
        elif result.too_short:
            self.message.setText(
                self.tr("Type at least %n characters (or a number).", "", MIN_TEXT_CHARS)
            )
        elif not result.hits:
            self.message.setText(self.tr("No customer found."))
        else:
            self._count_message(result)
        self._add_ignored_words_hint(result)
        self.searched.emit()
        opening = generation == self._opening_generation
        self._opening_generation = -1
        if (
            opening
            and len(result.hits) == 1
            and not result.truncated
            and result.hits[0].match == MatchKind.PHONE
        ):
            self.open_customer.emit(result.hits[0].customer_id)

    def _add_ignored_words_hint(self, result: SearchResult) -> None:
        """A pasted block of text: say that only its first words were searched."""
        if not result.words_ignored or not self.field.text().strip():
            return
        hint = self.tr("Only the first %n words are searched.", "", result.words_searched)
        self.message.setText(f"{self.message.text()} {hint}".strip())

    def _count_message(self, result: SearchResult) -> None:
        shown = self.model.rowCount()
        if result.truncated:
            self.message.setText(
                self.tr("Showing the best %n matches – scroll for more, or type more.", "", shown)
            )
        else:
            self.message.setText(self.tr("%n customers found.", "", shown))

    def _failed(self, generation: int, err: KcpError) -> None:
        if generation != self._generation:
            return
        self._opening_generation = -1
        self.model.set_rows(())
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(error_text(err))  # e.g. "check digit wrong", not "not found"
        if isinstance(err, DatabaseUnavailable):
            self._retry.start()
        self.searched.emit()

    # --- keyboard -----------------------------------------------------------------------------

    def _move(self, steps: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.table.currentIndex().row()
        self.table.selectRow(max(0, min(rows - 1, current + steps)))

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_index(index)

    def _open_index(self, index: QModelIndex) -> None:
        self.open_customer.emit(self.model.row(index.row()).customer_id)
