"""Open the main window on whatever screen the platform reports and print, as JSON, what
fits: run by ``test_laptop_screens.py`` in a child process whose offscreen screen is
given a laptop's size (a screen's size is fixed when the application starts)."""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtWidgets import QApplication


def measure() -> dict[str, object]:
    from timeline_app.ui.events.table_columns import shown_text
    from timeline_app.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.show()
    deadline = time.monotonic() + 30
    while (window.snapshot is None or window.jobs.busy) and time.monotonic() < deadline:
        app.processEvents()
    settle = time.monotonic() + 0.6  # the post-show geometry check runs after 250 ms
    while time.monotonic() < settle:
        app.processEvents()
        time.sleep(0.02)
    screen = window.screen().availableGeometry()
    frame, client = window.frameGeometry(), window.geometry()
    lane_top, lane_bottom = window.timeline.plot.getViewBox().viewRange()[1]
    table = window.table
    title_index = table.model().index(0, 2)
    result = {
        "available": [screen.x(), screen.y(), screen.width(), screen.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "client": [client.x(), client.y(), client.width(), client.height()],
        "maximised": window.isMaximized(),
        # The timeline's height for lanes, in pixels (one layout pixel per screen
        # pixel), and the lanes wholly in view there.
        "timeline_px": lane_bottom - lane_top,
        "lanes_in_view": len(
            window.timeline.lanes_scroller.lanes_in_view(len(window.timeline.lanes()))
        ),
        "lane_count": len(window.timeline.lanes()),
        "table_rows_visible": table.viewport().height() / table.rowHeight(0),
        "title_width": table.columnWidth(2),
        "title_shown": shown_text(table, title_index),
        "legend_height": window.legend.height(),
        "side_dock_width": window.relations_dock.width(),
        "table_dock_height": window.table_dock.height(),
        "column_widths": [table.columnWidth(c) for c in range(table.model().columnCount())],
        "natural_widths": table.column_fitter.natural_widths(),
    }
    window.close()
    window.jobs.wait()
    window.deleteLater()
    app.processEvents()
    return result


if __name__ == "__main__":
    print(json.dumps(measure()))
