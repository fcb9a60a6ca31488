"""Read GDELT exports in a second process, so that parsing and writing overlap.

Parsing a million rows is pure Python (about 5 s on this project's 2-core machine) and
so is feeding them to SQLite (about 3 s): in one process they add up, since the GIL
lets only one of them run at a time. Here a child process runs the ``GdeltReader`` and
sends its ``Batch``es (compact columns: a few ``bytes`` objects per 10,000 rows, cheap
to pickle) back through a pipe, while the parent writes the previous ones.

The child is started with ``spawn`` on every platform: the same behaviour everywhere,
and no ``fork`` of a process that runs threads (the GUI imports from a worker thread).
A frozen (PyInstaller) app starts its children by running its own executable again,
which ``multiprocessing.freeze_support()``, called first thing in ``__main__.main``,
turns into the child.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.context import SpawnProcess
from types import TracebackType

from timeline_app.ingest.gdelt import Batch, GdeltError, GdeltReader, Source

_POLL = 0.25  # seconds between checks that the child is still alive

# Why plain pipes, each end held by one process only, and not multiprocessing queues:
# a queue's pipe stays open at both ends in both processes, so a child killed halfway
# through sending a batch left the parent waiting for the rest of it for ever (holding
# the database's write lock), and a child waiting for its next file never learnt that
# the parent had died. With one owner per end, a death is an end of file on the other
# side: the parent's ``recv`` raises at once and the child's ``recv`` or ``send``
# fails. The pipe's own buffer is the flow control: the child is at most one batch
# ahead of the parent (a few MB).
STOPPED = "the GDELT reading process stopped unexpectedly (killed?); nothing was written"


class _Done:
    """Sent after a file's last batch."""


class _Failed:
    """Sent instead of the rest of a file when reading it raised ``error``."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


def _exit_with_parent() -> None:
    """In the child: end this process as soon as the parent process ends, whatever the
    child is doing (reading a slow file, parsing a long batch)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(3)  # nothing to clean up: the parent's transaction is gone with it

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _serve(
    commands: Connection,
    results: Connection,
    countries: frozenset[str] | None,
    strict: bool,
    chunk_rows: int,
) -> None:
    """The child: reads each ``Source`` it is sent, until it is sent ``None`` (or its
    parent goes away)."""
    # Ctrl+C in a terminal reaches the whole process group; the parent handles it (and
    # stops this process), so the child must not die on it first with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    reader = GdeltReader(countries, strict=strict, chunk_rows=chunk_rows)
    try:
        while (source := commands.recv()) is not None:
            try:
                for batch in reader.batches(source):
                    results.send(batch)
            except (EOFError, BrokenPipeError):
                raise
            except BaseException as exc:
                results.send(_Failed(_picklable(exc)))
                return  # the parent abandons the whole import: no state to keep
            results.send(_Done())
    except (EOFError, BrokenPipeError, ConnectionResetError):
        return  # the parent closed its ends (or died): nobody wants the rest


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
    not all taken (an error, a cancel), and reports nothing. A child that dies (say,
    killed by the kernel's out-of-memory killer) raises ``GdeltError`` (``STOPPED``)
    in the parent within ``_POLL`` seconds; a parent that dies takes the child with it.
    """

    def __init__(
        self, countries: frozenset[str] | None, *, strict: bool, chunk_rows: int = 10_000
    ) -> None:
        context = multiprocessing.get_context("spawn")
        child_commands, self._commands = context.Pipe(duplex=False)
        self._results, child_results = context.Pipe(duplex=False)
        self._process: SpawnProcess = context.Process(
            target=_serve,
            args=(child_commands, child_results, countries, strict, chunk_rows),
            name="gdelt-reader",
            daemon=True,  # never outlives the app when the app ends normally
        )
        try:
            self._process.start()
        finally:
            # The child holds its ends now; the parent keeping them would hide the
            # child's death (no end of file) from ``_next``.
            child_commands.close()
            child_results.close()
        self._busy = False  # a file was asked for and its batches are not all taken

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def batches(self, source: Source) -> Iterator[Batch]:
        self._busy = True
        try:
            self._commands.send(source)
        except OSError:  # the child is gone: its end of the pipe is closed
            raise GdeltError(self._stopped()) from None
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
        while not self._results.poll(_POLL):
            if not self._process.is_alive():
                # It may have sent its last words just before it ended; after that,
                # the pipe is at its end and ``recv`` raises at once.
                if not self._results.poll(_POLL):
                    raise GdeltError(self._stopped())
                break
        try:
            return self._results.recv()
        except (EOFError, OSError):  # died before a message, or halfway through one
            raise GdeltError(self._stopped()) from None

    def _stopped(self) -> str:
        self._process.join(_POLL)
        code = self._process.exitcode
        return STOPPED if code is None else f"{STOPPED} (exit code {code})"

    def close(self) -> None:
        """Stop the child: politely when it is idle, at once when it is busy."""
        if self._process.is_alive() and not self._busy:
            try:
                self._commands.send(None)
                self._process.join(5)
            except OSError:  # it ended meanwhile: its end of the pipe is gone
                pass
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._process.close()
        self._results.close()
        self._commands.close()

    def __enter__(self) -> ReaderProcess:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
