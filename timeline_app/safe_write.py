"""Writing an output file without ever leaving half of one, or destroying a database.

Every file the app writes (exports, figures, decks, packages, backups) goes through
``write_bytes`` / ``write_text``: the data goes to a temporary file in the target's
own folder (so the final rename never crosses a file system), is flushed to the disk
and its size checked, and only then is it renamed over the target. A failure at any
step (a full disk, a folder that cannot be written) removes the temporary file,
leaves the old target as it was, and raises one ``OutputError`` saying so.

Before anything is written the target is checked (``refuse_unsafe_target``): an
output path that is a SQLite database (the open one, one the app owns, or any file
that starts with SQLite's header) or that is not a regular file (a device such as
``/dev/full``, a FIFO, a folder) is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
_CHUNK = 1 << 20


class OutputError(OSError):
    """An output file that was refused or could not be written; the message is meant
    for the user and says what happened to the old file."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "cannot write the file"


def owned_databases() -> list[Path]:
    """The SQLite files the app keeps for the user: the default database, the last
    one opened and every backup (an output must never land on one of them)."""
    from timeline_app import paths
    from timeline_app.settings import Settings

    owned = [paths.default_db_path()]
    last = Settings.load().last_db
    if last:
        owned.append(Path(last))
    backups = paths.backups_dir()
    if backups.is_dir():
        owned += sorted(backups.glob("*.sqlite3"))
    return owned


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def is_sqlite_file(path: Path) -> bool:
    """True if ``path`` starts with SQLite's 16-byte header."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def refuse_unsafe_target(target: Path, protected: Iterable[Path] = ()) -> None:
    """Raise ``OutputError`` if writing to ``target`` could destroy data or never end.

    ``protected``: databases the caller has open (compared by resolved path), besides
    those the app owns (``owned_databases``).
    """
    target = Path(target)
    for database in [*protected, *owned_databases()]:
        if _same_file(target, Path(database)):
            raise OutputError(
                f"{target}: this is a database of the app; choose another output file "
                "(nothing was written)"
            )
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here ({exc.strerror})") from None
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a device or a pipe)"
        raise OutputError(f"{target}: {kind}; choose a file name (nothing was written)")
    if mode is not None and is_sqlite_file(target):
        raise OutputError(
            f"{target}: this file is a SQLite database; the export would destroy it. "
            "Choose another output file (nothing was written)"
        )
    if not target.parent.is_dir():
        raise OutputError(f"{target}: the folder {target.parent} does not exist")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_CHUNK])
        if written <= 0:  # a device that accepts nothing; never loop on it
            raise OSError(28, "No space left on device")
        view = view[written:]


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no folder handles)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _new_file_mode(target: Path) -> int:
    """The old file's permissions, or what a plain ``open`` would give a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_bytes(target: Path, data: bytes, protected: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``target`` safely (see the module doc); raises ``OutputError``."""
    target = Path(target)
    refuse_unsafe_target(target, protected)
    mode = _new_file_mode(target)
    try:
        fd, temp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
    except OSError as exc:
        raise OutputError(
            f"{target}: cannot write in {target.parent} ({exc.strerror}); nothing was written"
        ) from None
    temp = Path(temp_name)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
            size = os.fstat(fd).st_size
        finally:
            os.close(fd)
        if size != len(data):
            raise OSError(5, f"only {size} of {len(data)} bytes reached the disk")
        os.chmod(temp, mode)
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        old = "the old file is unchanged" if target.exists() else "nothing was written"
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc}); {old}") from None
    _fsync_folder(target.parent)


def write_text(
    target: Path, text: str, encoding: str = "utf-8", protected: Iterable[Path] = ()
) -> None:
    """``write_bytes`` for text."""
    write_bytes(target, text.encode(encoding), protected)
