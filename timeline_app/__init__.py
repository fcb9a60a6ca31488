"""Bilateral Ties Viewer: an offline timeline of relations between countries."""

__version__ = "0.1.0"
APP_NAME = "Bilateral Ties Viewer"
