"""Importing articles and sharing collections in the window."""
