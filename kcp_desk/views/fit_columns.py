"""Lists that fit their width: no horizontal scroll bar, cut text elided with the full
text in a tooltip (issue 9: "columns elide with tooltips instead of cutting text")."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QToolTip


class FitColumns(QObject):
    """Every column as wide as its content; when that is wider than the table, the
    ``elastic`` columns give up width (down to ``MIN_ELASTIC``) and elide, their full text
    in the tooltip. Rather than a horizontal scroll bar, the table always fits."""

    MIN_ELASTIC = 60

    def __init__(self, view: QTableView, elastic: tuple[int, ...]) -> None:
        super().__init__(view)
        self._view = view
        self._elastic = elastic
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.viewport().installEventFilter(self)
        model = view.model()
        model.modelReset.connect(self.fit)
        model.rowsInserted.connect(self.fit)
        model.layoutChanged.connect(self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            return self._elided_tooltip(event)
        return False

    def _elided_tooltip(self, event: QHelpEvent) -> bool:
        """A cut cell without a tooltip of its own shows its whole text."""
        view = self._view
        index = view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False  # the model's own tooltip (or none) as usual
        if view.visualRect(index).width() >= view.sizeHintForIndex(index).width():
            return False
        QToolTip.showText(event.globalPos(), str(index.data()), view.viewport())
        return True

    def widths(self) -> list[int]:
        view, header = self._view, self._view.horizontalHeader()
        columns = range(view.model().columnCount())
        wants = [
            0
            if view.isColumnHidden(c)
            else max(view.sizeHintForColumn(c), header.sectionSizeHint(c))
            for c in columns
        ]
        room = view.viewport().width()
        elastic = [c for c in self._elastic if c < len(wants)]
        if not elastic:
            return wants
        spare = room - sum(wants)
        if spare >= 0:  # the elastic columns share what is left
            share, rest = divmod(spare, len(elastic))
            for i, c in enumerate(elastic):
                wants[c] += share + (rest if i == len(elastic) - 1 else 0)
            return wants
        give = sum(max(0, wants[c] - self.MIN_ELASTIC) for c in elastic)
        deficit = min(-spare, give)
        for c in elastic:
            can = max(0, wants[c] - self.MIN_ELASTIC)
            wants[c] -= round(deficit * can / give) if give else 0
        return wants

    def fit(self) -> None:
        header = self._view.horizontalHeader()
        for c, width in enumerate(self.widths()):
            if not self._view.isColumnHidden(c):
                header.resizeSection(c, width)
