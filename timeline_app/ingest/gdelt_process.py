"""Read GDELT exports in a second process, so that parsing and writing overlap.

Parsing a million rows is pure Python (about 5 s on this project's 2-core machine) and
so is feeding them to SQLite (about 3 s): in one process they add up, since the GIL
lets only one of them run at a time. Here a child process runs the ``GdeltReader`` and
sends its ``Batch``es (compact columns: a few ``bytes`` objects per 10,000 rows, cheap
to pickle) back through a queue, while the parent writes the previous ones.

The child is started with ``spawn`` on every platform: the same behaviour everywhere,
and no ``fork`` of a process that runs threads (the GUI imports from a worker thread).
A frozen (PyInstaller) app starts its children by running its own executable again,
which ``multiprocessing.freeze_support()``, called first thing in ``__main__.main``,
turns into the child.
"""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import signal
import traceback
from collections.abc import Iterator
from multiprocessing.context import SpawnProcess
from types import TracebackType
from typing import Any

from timeline_app.ingest.gdelt import Batch, GdeltError, GdeltReader, Source

# Batches the child may run ahead of the parent: a few MB, and the parent (the faster
# side) is seldom more than one behind.
_AHEAD = 8
_POLL = 0.25  # seconds between checks that the child is still alive


class _Done:
    """Sent after a file's last batch."""


class _Failed:
    """Sent instead of the rest of a file when reading it raised ``error``."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


def _serve(
    commands: Any, results: Any, countries: frozenset[str] | None, strict: bool, chunk_rows: int
) -> None:
    """The child: reads each ``Source`` it is sent, until it is sent ``None``."""
    # Ctrl+C in a terminal reaches the whole process group; the parent handles it (and
    # stops this process), so the child must not die on it first with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    reader = GdeltReader(countries, strict=strict, chunk_rows=chunk_rows)
    while (source := commands.get()) is not None:
        try:
            for batch in reader.batches(source):
                results.put(batch)
        except BaseException as exc:
            results.put(_Failed(_picklable(exc)))
            return  # the parent abandons the whole import: no state to keep
        results.put(_Done())


def _picklable(exc: BaseException) -> BaseException:
    """``exc`` itself when it survives pickling (``MalformedRow``, ``GdeltError``, an
    ``OSError`` ...), else a ``RuntimeError`` with its text; unexpected errors carry
    the child's traceback as a note."""
    if not isinstance(exc, GdeltError):  # the user-facing ones need no traceback
        exc.add_note("In the GDELT reading process:\n" + "".join(traceback.format_exception(exc)))
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        plain = RuntimeError(f"{type(exc).__name__}: {exc}")
        plain.__notes__ = list(getattr(exc, "__notes__", []))
        return plain
    return exc


class ReaderProcess:
    """A ``GdeltReader`` in a child process: ``batches(source)`` as the reader's own.

    Use as a context manager: leaving it stops the child, at once if the batches were
    not all taken (an error, a cancel), and reports nothing.
    """

    def __init__(
        self, countries: frozenset[str] | None, *, strict: bool, chunk_rows: int = 10_000
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self._commands = context.SimpleQueue()
        self._results = context.Queue(maxsize=_AHEAD)
        self._process: SpawnProcess = context.Process(
            target=_serve,
            args=(self._commands, self._results, countries, strict, chunk_rows),
            name="gdelt-reader",
            daemon=True,  # never outlives the app, whatever happens to it
        )
        self._process.start()
        self._busy = False  # a file was asked for and its batches are not all taken

    def batches(self, source: Source) -> Iterator[Batch]:
        self._busy = True
        self._commands.put(source)
        while True:
            message = self._next()
            if isinstance(message, Batch):
                yield message
            elif isinstance(message, _Done):
                self._busy = False
                return
            else:
                assert isinstance(message, _Failed)
                raise message.error

    def _next(self) -> object:
        while True:
            try:
                return self._results.get(timeout=_POLL)
            except queue.Empty:
                if not self._process.is_alive():
                    break
        try:  # it may have sent its last words just before it ended
            return self._results.get(timeout=_POLL)
        except queue.Empty:
            raise GdeltError(
                "the GDELT reading process stopped unexpectedly "
                f"(exit code {self._process.exitcode}); nothing was written"
            ) from None

    def close(self) -> None:
        """Stop the child: politely when it is idle, at once when it is busy."""
        if self._process.is_alive() and not self._busy:
            try:
                self._commands.put(None)
                self._process.join(5)
            except OSError:  # it ended meanwhile: its end of the pipe is gone
                pass
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._process.close()
        self._results.cancel_join_thread()  # what a killed child left unread is dropped
        self._results.close()
        self._commands.close()

    def __enter__(self) -> ReaderProcess:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
