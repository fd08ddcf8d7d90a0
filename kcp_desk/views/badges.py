"""Customer badges (SPEC C1.2, C1.3, PAY-5): one text and one colour per fact, the same in
the result list and in the customer header.

:func:`customer_badges` turns the facts into :class:`Badge` values in a fixed order (the
most serious first); :func:`badge_colour` is the colour of a kind, so the header's pills
(``customer_view``) and the list's painted pills (:class:`BadgeDelegate`) agree. The
list's Status column shows as many pills as fit and elides the rest; its tooltip names
them all.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kcp_desk.views import formatting as fmt
from kcp_desk.views.table_model import BADGES_ROLE

__all__ = [
    "BADGES_ROLE",
    "Badge",
    "BadgeDelegate",
    "BadgeKind",
    "badge_colour",
    "badge_style_sheet",
    "badge_texts",
    "customer_badges",
]


class Badges(QObject):
    """The "Badges" translation context for counts: lupdate reads plural (numerus)
    strings only from ``self.tr(text, "", n)``, not from ``QCoreApplication.translate``."""

    def open_tickets(self, n: int) -> str:
        return self.tr("%n open tickets", "", n)


class BadgeKind(enum.Enum):
    BLOCKED = "blocked"
    IN_ARREARS = "in_arrears"
    OPEN_TICKETS = "open_tickets"
    DUNNING = "dunning"
    DEBIT_RETURNED = "debit_returned"
    FACTOR_LOCKED = "factor_locked"


#: white text on these colours (the customer header's since issue 3)
_COLOURS: Final[dict[BadgeKind, str]] = {
    BadgeKind.BLOCKED: "#7f0000",
    BadgeKind.IN_ARREARS: "#b00020",
    BadgeKind.OPEN_TICKETS: "#1565c0",
    BadgeKind.DUNNING: "#6a1b9a",
    BadgeKind.DEBIT_RETURNED: "#b00020",
    BadgeKind.FACTOR_LOCKED: "#e65100",
}


def badge_colour(kind: BadgeKind) -> str:
    """The background colour of a badge of ``kind`` (``#rrggbb``; the text is white)."""
    return _COLOURS[kind]


def badge_style_sheet(kind: BadgeKind) -> str:
    """The style sheet of a header badge ``QLabel`` of ``kind``."""
    return f"background: {badge_colour(kind)}; color: white; border-radius: 8px; padding: 2px 8px;"


@dataclass(frozen=True)
class Badge:
    kind: BadgeKind
    text: str

    @property
    def colour(self) -> str:
        return badge_colour(self.kind)


def customer_badges(
    in_arrears: bool,
    open_tickets: int,
    factor_locked: bool,
    blocked: bool,
    dunning_level: str | None = None,
    debit_returned: bool = False,
) -> list[Badge]:
    """The badges of a customer, the most serious first."""

    # literal QCoreApplication.translate calls: lupdate finds the context only in those
    badges = []
    if blocked:
        badges.append(Badge(BadgeKind.BLOCKED, QCoreApplication.translate("Badges", "blocked")))
    if in_arrears:
        badges.append(
            Badge(BadgeKind.IN_ARREARS, QCoreApplication.translate("Badges", "in arrears"))
        )
    if open_tickets:
        text = Badges().open_tickets(open_tickets)
        badges.append(Badge(BadgeKind.OPEN_TICKETS, text))
    if dunning_level:
        badges.append(Badge(BadgeKind.DUNNING, fmt.value(dunning_level)))
    if debit_returned:
        badges.append(
            Badge(BadgeKind.DEBIT_RETURNED, QCoreApplication.translate("Badges", "debit returned"))
        )
    if factor_locked:
        badges.append(
            Badge(
                BadgeKind.FACTOR_LOCKED,
                QCoreApplication.translate("Badges", "phone password locked"),
            )
        )
    return badges


def badge_texts(
    in_arrears: bool,
    open_tickets: int,
    factor_locked: bool,
    blocked: bool,
    dunning_level: str | None = None,
    debit_returned: bool = False,
) -> list[str]:
    """The texts of :func:`customer_badges`."""
    return [
        b.text
        for b in customer_badges(
            in_arrears, open_tickets, factor_locked, blocked, dunning_level, debit_returned
        )
    ]


_PAD_X: Final = 6
_GAP: Final = 4
#: a pill narrower than this is not drawn (an ellipsis is, instead)
_MIN_PILL: Final = 28


class BadgeDelegate(QStyledItemDelegate):
    """Paints a cell's ``BADGES_ROLE`` badges as coloured pills, left to right.

    What does not fit is elided: the last pill that fits partly gets an elided text, and
    the rest is left out (an ellipsis says so). The model's tooltip names them all.
    """

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        badges = index.data(BADGES_ROLE)
        if not badges:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for rect, text, badge in self.layout(badges, option.rect, QFontMetrics(option.font)):
            if badge is None:  # what did not fit
                painter.setPen(opt.palette.color(opt.palette.ColorRole.Text))
                painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, text)
                continue
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(badge.colour))
            painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
            painter.setPen(QColor("white"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    @staticmethod
    def layout(
        badges: Sequence[Badge], cell: QRect, metrics: QFontMetrics
    ) -> list[tuple[QRect, str, Badge | None]]:
        """Where each pill goes and its (maybe elided) text; ``None``: the ellipsis."""
        height = min(cell.height() - 4, metrics.height() + 4)
        top = cell.top() + (cell.height() - height) // 2
        x, right = cell.left() + 3, cell.right() - 2
        placed: list[tuple[QRect, str, Badge | None]] = []
        for i, badge in enumerate(badges):
            width = metrics.horizontalAdvance(badge.text) + 2 * _PAD_X
            room = right - x
            last = i == len(badges) - 1
            # leave room for the ellipsis unless this is the last badge
            reserve = 0 if last else metrics.horizontalAdvance("…") + _GAP
            if width <= room - reserve:
                placed.append((QRect(x, top, width, height), badge.text, badge))
                x += width + _GAP
                continue
            if room - reserve >= _MIN_PILL:  # this badge elided …
                pill = min(width, room - reserve)
                text = metrics.elidedText(
                    badge.text, Qt.TextElideMode.ElideRight, pill - 2 * _PAD_X
                )
                placed.append((QRect(x, top, pill, height), text, badge))
                x += pill + _GAP
            if not last or not placed or placed[-1][2] is not badge:  # … and the rest left out
                ellipsis = min(metrics.horizontalAdvance("…") + 2, right - x)
                if ellipsis > 0:
                    placed.append((QRect(x, top, ellipsis, height), "…", None))
            break
        return placed

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        badges = index.data(BADGES_ROLE)
        if badges:
            metrics = QFontMetrics(option.font)
            width = sum(metrics.horizontalAdvance(b.text) + 2 * _PAD_X + _GAP for b in badges)
            hint.setWidth(width + 6)
            hint.setHeight(max(hint.height(), metrics.height() + 8))
        return hint
