"""Remember which database files passed SQLite's quick check, so a file that has not
changed since is not read end to end again on every open.

A quick check reads every page: 35 ms on the seeds, but 0.4 s warm and several seconds
cold on a file of a million bulk events, paid by every start of the window and every
command. The memo keys a file by its resolved path and the size and modification time
of the file and of its journal: any write (ours, another process's, or damage done by
a tool) changes one of them, and the next open checks again.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from timeline_app.paths import user_dir
from timeline_app.safe_write import write_text

log = logging.getLogger(__name__)

MEMO_NAME = "checked-databases.json"
KEEP = 20  # files remembered; the oldest entries are dropped first


def _memo_path() -> Path:
    return user_dir() / MEMO_NAME


def _stamp(path: Path) -> list[list[int] | None]:
    stamps: list[list[int] | None] = []
    for candidate in (path, Path(f"{path}-journal"), Path(f"{path}-wal")):
        try:
            st = candidate.stat()
        except OSError:
            stamps.append(None)
        else:
            stamps.append([st.st_size, st.st_mtime_ns, st.st_ino])
    return stamps


def _read() -> dict[str, list[list[int] | None]]:
    try:
        data = json.loads(_memo_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def known_sound(path: Path) -> bool:
    """True when ``path`` passed a quick check and has not changed since."""
    key = str(path.resolve())
    return _read().get(key) == _stamp(path)


def remember_sound(path: Path) -> None:
    """Record that ``path`` just passed a quick check. A memo that cannot be written
    only costs a check next time, so failures are logged, not raised."""
    memo = _read()
    key = str(path.resolve())
    memo.pop(key, None)
    memo[key] = _stamp(path)
    kept = dict(list(memo.items())[-KEEP:])
    target = _memo_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text(target, json.dumps(kept))  # a temporary file renamed into place
    except OSError as exc:
        log.info("could not record the quick check of %s: %s", path, exc)
