"""PySide6 6.12.0 on Python 3.11 loses a reference to None on every void method call and
aborts after ~5,300 calls ("none_dealloc"); we pin 6.11.3. This guards the pin."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_calls_keep_the_refcount_of_none() -> None:
    obj = QObject()
    before = sys.getrefcount(None)
    for i in range(10_000):
        obj.setObjectName(f"n{i % 7}")
    assert sys.getrefcount(None) - before in range(-5, 6)
