"""A read-only table model over a list of frozen dataclasses (DTOs from the services).

Columns are declared once as (header, value-getter) pairs; ``ROW_ROLE`` hands the DTO
itself to whoever needs more than the text, ``BADGES_ROLE`` a column's badges.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: a cell's badges (``views.badges.Badge``), for ``views.badges.BadgeDelegate``
BADGES_ROLE = int(Qt.ItemDataRole.UserRole) + 2
# plain ints: data() runs for every visible cell and role on every paint
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROW = int(ROW_ROLE)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    align_right: bool = False
    tooltip: Callable[[T], str] | None = None
    #: the cell's badges under ``BADGES_ROLE`` (painted by ``views.badges.BadgeDelegate``)
    badges: Callable[[T], Sequence[object]] | None = None


class DtoTableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._texts: list[list[str]] = []
        #: per row, the badges of the columns that have them (computed once, like texts)
        self._badges: list[dict[int, list[object]]] = []
        self._badge_columns = [i for i, c in enumerate(self._columns) if c.badges is not None]

    def _badges_of(self, row: T) -> dict[int, list[object]]:
        return {
            i: list(badges(row))
            for i in self._badge_columns
            if (badges := self._columns[i].badges) is not None
        }

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace the rows; their texts are computed once here, not on every paint."""
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [[c.text(row) for c in self._columns] for row in self._rows]
        self._badges = [self._badges_of(row) for row in self._rows]
        self.endResetModel()

    def append_rows(self, rows: Sequence[T]) -> None:
        """Add rows at the end (lazy loading) without disturbing the ones on screen."""
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)  # last is inclusive
        self._rows.extend(rows)
        self._texts.extend([c.text(row) for c in self._columns] for row in rows)
        self._badges.extend(self._badges_of(row) for row in rows)
        self.endInsertRows()

    def row(self, index: int) -> T:
        return self._rows[index]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        row = index.row()
        if role == _DISPLAY:
            return self._texts[row][index.column()] if 0 <= row < len(self._texts) else None
        if not index.isValid() or row >= len(self._rows):
            return None
        if role == _ROW:
            return self._rows[row]
        column = self._columns[index.column()]
        if role == _ALIGN and column.align_right:
            return _RIGHT
        if role == _TOOLTIP and column.tooltip is not None:
            return column.tooltip(self._rows[row]) or None
        if role == BADGES_ROLE and column.badges is not None:
            return self._badges[row][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None
