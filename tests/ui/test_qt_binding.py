"""Guards against a Qt binding that corrupts reference counts (PySide6 6.12 on Python
3.11 drops a reference to None on every QPainter.setPen/setBrush call, so a long
session aborts). The pin in pyproject.toml keeps it out; this test keeps the pin honest."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen


def test_painting_does_not_leak_or_drop_references_to_none() -> None:
    image = QImage(32, 32, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        before = sys.getrefcount(None)
        for _ in range(500):
            painter.setPen(QPen(QColor(10, 20, 30), 1.5))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(1, 2, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(1, 1, 4, 4))
        drift = sys.getrefcount(None) - before
    finally:
        painter.end()
    assert drift > -50, f"references to None dropped by {-drift}: a broken Qt binding"
