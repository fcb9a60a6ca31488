"""Plain text files: UTF-8, or a clear error; Windows-1252 only when a detector is sure."""

from __future__ import annotations

from timeline_app.articles.errors import ArticleError

# Encodings a saved article plausibly has besides UTF-8; a detector's guess outside
# this list (a Cyrillic code page for an English file ...) is not trusted.
_ACCEPTED_GUESSES = frozenset({"cp1252", "windows-1252", "latin_1", "iso8859_1", "iso8859_15"})
# charset-normalizer's "chaos" (mess) ratio: 0 is clean text. Above this the guess is
# too unsure to turn bytes into quotes an analyst will cite verbatim.
_MAX_CHAOS = 0.05


def decode_text(data: bytes, file: str) -> tuple[str, str]:
    """(text, encoding name). UTF-8 first (a BOM is dropped); else a confident
    Windows-1252 guess; else an error naming the first undecodable byte."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        failure = exc
    guessed = _confident_guess(data)
    if guessed is not None:
        return data.decode(guessed), guessed
    bad = data[failure.start : failure.start + 1].hex()
    raise ArticleError(
        file,
        f"not UTF-8 text: byte 0x{bad} at offset {failure.start} is not valid UTF-8 "
        "and the encoding could not be recognised with confidence; save the file as UTF-8",
    )


def _confident_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # only needed for a file that is not UTF-8

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15"]).best()
    if best is None or best.encoding not in _ACCEPTED_GUESSES or best.chaos > _MAX_CHAOS:
        return None
    return "cp1252" if best.encoding in {"cp1252", "windows-1252"} else best.encoding


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB: not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) // 50
