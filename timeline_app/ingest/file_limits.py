"""Reading an input file in bounded time and memory.

A path typed by a user may name anything: a FIFO nobody writes to (reading it would
wait for ever), ``/dev/zero`` (never ends), a directory, or a file far larger than
any curated set. ``read_bytes`` looks at what the path is before reading and reads at
most ``limit`` bytes; every refusal is a ``FileRefused`` whose message is meant for
the user and names the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Curated files (events, actors, manifest, articles) are at most a few MB: the whole
# bundled set is under 1 MB. 20 MB leaves room for large sets and still reads in a
# second or two.
MAX_CURATED_BYTES = 20 * 1024 * 1024


class FileRefused(Exception):
    """A file that is not read: not a regular file, or too large. The text says why."""


def describe_size(size: int) -> str:
    """``20 MB``, ``512 KB`` or ``12 bytes``: binary units, as file managers show them."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_regular(path: Path, limit: int | None = None) -> int:
    """The size of ``path``, a regular file within ``limit``; else ``FileRefused``.

    Only ``stat``s (follows symbolic links): never opens, so a FIFO cannot block.
    ``FileNotFoundError`` and other ``OSError``s pass through for the caller to word.
    """
    info = os.stat(path)
    return _checked(info, limit)


def _checked(info: os.stat_result, limit: int | None) -> int:
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(f"{_kind(info.st_mode)}, not a regular file; nothing was read")
    if limit is not None and info.st_size > limit:
        raise FileRefused(
            f"the file is {info.st_size:,} bytes, over the limit of "
            f"{describe_size(limit)} for this kind of file"
        )
    return info.st_size


def read_bytes(path: Path, limit: int = MAX_CURATED_BYTES) -> bytes:
    """The content of the regular file ``path``, at most ``limit`` bytes long.

    Checked before opening, and again on the open file (it may have been swapped
    between the two), which is opened non-blocking so that even a FIFO put there
    meanwhile returns at once.
    """
    check_regular(path, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as file:
        _checked(os.fstat(file.fileno()), limit)
        data = file.read(limit + 1)
    if len(data) > limit:  # it grew since the check
        raise FileRefused(f"the file is over the limit of {describe_size(limit)}")
    return data
