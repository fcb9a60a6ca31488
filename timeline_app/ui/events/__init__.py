"""The event table and its columns."""
