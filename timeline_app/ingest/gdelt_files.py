"""Which file a GDELT import reads, checked before any work, and read within limits.

An export is a plain text file or a ``.zip`` holding one. A path may also name a
FIFO, a device or a folder (refused before opening: reading one would block or never
end), a damaged or truncated zip (its CRC or its compressed stream is wrong: a
``GdeltError`` naming the file, never ``zipfile``'s or ``zlib``'s exception), or a
zip bomb: a small zip whose member unpacks to gigabytes of nothing. A member is
refused when it is larger than ``MAX_MEMBER_BYTES``, or larger than
``BOMB_FLOOR_BYTES`` and more than ``MAX_RATIO`` times its compressed size. zipfile
itself never unpacks more than a member's declared size (its reader stops there and
the CRC check catches a member that lies), so checking the declared size bounds the
work.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from timeline_app.ingest.file_limits import FileRefused, check_regular, describe_size
from timeline_app.ingest.gdelt_lines import BlankRun
from timeline_app.ingest.problems import display_name

# GDELT's text compresses about 4 to 5 times (the test fixture: 1,631 bytes in 388);
# 1 GB of newlines compresses about a thousand times.
MAX_RATIO = 100
BOMB_FLOOR_BYTES = 64 * 1024 * 1024  # smaller members are read whatever their ratio
MAX_MEMBER_BYTES = 4 * 1024 * 1024 * 1024  # far beyond a day of exports

_ZIP_MAGIC = b"PK\x03\x04"


class GdeltError(Exception):
    """A file that cannot be read at all; the message is meant for the user."""


@dataclass(frozen=True)
class Source:
    """One file to import: a plain export, or the single export inside a zip."""

    path: Path
    member: str | None  # the export's name inside a zip
    size: int  # bytes of export text (uncompressed), for progress

    @property
    def display(self) -> str:
        name = display_name(self.path)
        return f"{name}:{self.member}" if self.member else name


def open_source(path: Path) -> Source:
    """Check that ``path`` is a readable export (or a zip of one) before any work."""
    path = Path(path)
    try:
        size = check_regular(path)
    except FileNotFoundError:
        raise GdeltError(f"{path}: no such file") from None
    except FileRefused as exc:
        raise GdeltError(f"{path}: {exc}") from None
    except OSError as exc:
        raise GdeltError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not zipfile.is_zipfile(path):
        if _starts_like_a_zip(path):
            raise GdeltError(
                f"{path}: a damaged or truncated zip file (no central directory); "
                "download the export again"
            )
        return Source(path, None, size)
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise GdeltError(f"{path}: cannot read the zip file ({exc})") from None
    if len(members) != 1:
        raise GdeltError(f"{path}: a zip must hold exactly one export, found {len(members)} files")
    member = members[0]
    _refuse_a_bomb(path, member)
    return Source(path, member.filename, member.file_size)


def _starts_like_a_zip(path: Path) -> bool:
    try:
        with path.open("rb") as raw:
            return raw.read(4) == _ZIP_MAGIC
    except OSError:
        return False


def _refuse_a_bomb(path: Path, member: zipfile.ZipInfo) -> None:
    unpacked, packed = member.file_size, max(member.compress_size, 1)
    if unpacked > MAX_MEMBER_BYTES:
        raise GdeltError(
            f"{path}: {member.filename} unpacks to {describe_size(unpacked)}, over the limit "
            f"of {describe_size(MAX_MEMBER_BYTES)}; nothing was read"
        )
    if unpacked > BOMB_FLOOR_BYTES and unpacked > MAX_RATIO * packed:
        raise GdeltError(
            f"{path}: {member.filename} unpacks to {describe_size(unpacked)} from "
            f"{describe_size(packed)}, more than {MAX_RATIO} times its size: not an export "
            "(a zip bomb?); nothing was read"
        )


@contextmanager
def open_binary(source: Source) -> Iterator[IO[bytes]]:
    """The export's bytes; a damaged zip, or a file of empty lines (``BlankRun`` from
    the line splitters), is a ``GdeltError`` naming the file (this also covers errors
    raised while the caller reads, as long as it reads in the block)."""
    try:
        if source.member is None:
            with source.path.open("rb") as raw:
                yield raw
            return
        try:
            with zipfile.ZipFile(source.path) as archive, archive.open(source.member) as raw:
                yield raw
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise GdeltError(
                f"{source.display}: the zip file is damaged ({exc}); nothing was written "
                "(download the export again)"
            ) from None
    except BlankRun as exc:
        raise GdeltError(
            f"{source.display}:{exc.line}: {exc.reason}; nothing was written"
        ) from None
