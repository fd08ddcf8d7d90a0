"""A dialog grows when a wrapped label in it gets longer (an error appears, an answer
wraps onto a second line).

Qt sets a window's minimum height from its layout only when the layout has no
height-for-width; a word-wrapped label (``WrappedLabel`` in ``field_rows``) gives it one,
so the window keeps its height and the rows are squeezed into each other: the label is
clipped at top and bottom. :func:`grow_to_fit` gives the window the height its layout
needs at its current width; it never shrinks it (the agent may have made it larger).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def grow_to_fit(window: QWidget) -> None:
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    if layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(window.width())
    else:
        needed = layout.totalMinimumSize().height()
    if needed > window.height():
        window.resize(window.width(), needed)
