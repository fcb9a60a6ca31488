"""The collection package: one zip with articles, their text, events and checksums.

Layout (docs/data-model.md, "Collection packages")::

    manifest.json        format, version, every other member's SHA-256, article metadata
    articles/<key name>  each imported article's original file, byte for byte
    texts/<key name>.txt the text its paragraphs index into (as the exporting app read it)
    events.json          the events, in the export-events JSON format

Reading never extracts to disk: members are read into memory, each against a size
limit (a member's declared size can lie), and only names of the shapes above are
accepted, so a package cannot write outside anything or fill the disk.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from timeline_app.articles.errors import MAX_ARTICLE_BYTES
from timeline_app.dates import DateError, DateSpan
from timeline_app.domain import Actor, ActorKind, Document
from timeline_app.safe_write import refuse_unsafe_target, write_bytes


class OnConflict(StrEnum):
    """What a merge does with an id already here with other content. Kept with the
    package format, not the store, so the command line and the window can offer the
    choices without importing the store (and SQLAlchemy)."""

    SKIP = "skip"  # keep what this collection has
    REPLACE = "replace"  # take the package's
    KEEP_BOTH = "keep-both"  # add the package's event under a new id


FORMAT = "timeline-app-collection"
VERSION = 1
MAX_MEMBERS = 5000
MAX_EVENTS_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024  # all members together, uncompressed
_MEMBER = re.compile(
    r"^(?:manifest\.json|events\.json|(?:articles|texts)/[0-9a-f]{16}\.(?:txt|html|pdf)(?:\.txt)?)$"
)


class PackageError(Exception):
    """A package that cannot be read or is not intact; nothing was written."""


@dataclass(frozen=True)
class PackagedArticle:
    document: Document  # file_name is the key events cite
    url: str
    original_name: str
    media_type: str
    data: bytes
    body: str


@dataclass(frozen=True)
class PackageContents:
    articles: tuple[PackagedArticle, ...]
    actors: tuple[Actor, ...]
    events_json: str


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _member_name(folder: str, key: str, suffix: str = "") -> str:
    return f"{folder}/{key.rsplit('/', 1)[-1]}{suffix}"


def write_package(
    target: Path,
    articles: Sequence[PackagedArticle],
    actors: Sequence[Actor],
    events_json: str,
    created: str,
    protected: Sequence[Path] = (),
) -> None:
    """Write the zip through ``safe_write`` (a temporary file beside ``target``, renamed
    into place): a reader never sees half a package, a failure leaves any old file as it
    was, and the database (``protected``) or any SQLite file is refused as the target."""
    members: dict[str, bytes] = {"events.json": events_json.encode("utf-8")}
    entries: list[dict[str, Any]] = []
    for article in articles:
        doc = article.document
        data_name = _member_name("articles", doc.file_name)
        text_name = _member_name("texts", doc.file_name, ".txt")
        members[data_name] = article.data
        members[text_name] = article.body.encode("utf-8")
        entries.append(
            {
                "document": doc.file_name,
                "file": data_name,
                "text": text_name,
                "original_name": article.original_name,
                "media_type": article.media_type,
                "title": doc.title,
                "title_supplied": doc.title_supplied,
                "outlet": doc.outlet,
                "url": article.url,
                "published": doc.published.start_text,
                "precision": doc.published.precision.value,
                "inferred": doc.published_inferred,
                "note": doc.published_note,
                "language": doc.language,
            }
        )
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": created,
        "articles": entries,
        "actors": [
            {
                "code": a.code,
                "name": a.name,
                "kind": a.kind.value,
                "region": a.region,
                "colour": a.colour,
                "x": a.x,
                "y": a.y,
            }
            for a in actors
        ],
        "sha256": {name: _sha(data) for name, data in sorted(members.items())},
    }
    members["manifest.json"] = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
    target = Path(target)
    refuse_unsafe_target(target, protected)  # before compressing anything
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in ["manifest.json", *sorted(set(members) - {"manifest.json"})]:
            zf.writestr(name, members[name])
    write_bytes(target, out.getvalue(), protected)


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise PackageError(f"{info.filename} is too large ({info.file_size} bytes)")
    with zf.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:  # the declared size lied
        raise PackageError(f"{info.filename} is larger than it declares")
    return data


def read_package(path: Path) -> PackageContents:
    """Read and check a package: every member named in the manifest and intact."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PackageError(f"{path.name}: not a readable zip file ({exc})") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise PackageError(f"{path.name}: too many members ({len(infos)})")
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise PackageError(f"{path.name}: too large once unpacked")
        by_name: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if not _MEMBER.match(info.filename) or info.filename in by_name:
                raise PackageError(f"{path.name}: unexpected member {info.filename!r}")
            by_name[info.filename] = info
        if "manifest.json" not in by_name or "events.json" not in by_name:
            raise PackageError(f"{path.name}: not a collection package (no manifest or events)")
        try:
            manifest = json.loads(_read_member(zf, by_name["manifest.json"], MAX_EVENTS_BYTES))
        except ValueError as exc:
            raise PackageError(f"{path.name}: manifest.json is not valid JSON ({exc})") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise PackageError(f"{path.name}: not a collection package")
        if manifest.get("version") != VERSION:
            raise PackageError(
                f"{path.name}: package format {manifest.get('version')!r}; this app reads {VERSION}"
            )
        sums = manifest.get("sha256", {})
        if set(sums) != set(by_name) - {"manifest.json"}:
            raise PackageError(f"{path.name}: the members do not match the manifest")
        contents: dict[str, bytes] = {}
        for name in sums:
            limit = MAX_EVENTS_BYTES if name == "events.json" else MAX_ARTICLE_BYTES * 4
            data = _read_member(zf, by_name[name], limit)
            if _sha(data) != sums[name]:
                raise PackageError(
                    f"{path.name}: {name} has been changed since the package was made "
                    "(its SHA-256 does not match the manifest)"
                )
            contents[name] = data
    try:
        articles = tuple(_article(entry, contents) for entry in manifest.get("articles", []))
        actors = tuple(_actor(entry) for entry in manifest.get("actors", []))
        events_json = contents["events.json"].decode("utf-8")
    except (KeyError, TypeError, ValueError, DateError, UnicodeDecodeError) as exc:
        raise PackageError(f"{path.name}: the manifest is malformed ({exc!r})") from None
    return PackageContents(articles, actors, events_json)


def _article(entry: dict[str, Any], contents: dict[str, bytes]) -> PackagedArticle:
    data = contents[entry["file"]]
    key = str(entry["document"])
    if entry["file"] != _member_name("articles", key) or _sha(data)[:16] not in key:
        raise ValueError(f"article {key!r} does not name its own file")
    published = DateSpan.parse(str(entry["published"]))
    if published.precision.value != entry["precision"]:
        raise ValueError(f"article {key!r}: date and precision disagree")
    document = Document(
        key, str(entry["title"]), bool(entry["title_supplied"]), str(entry["outlet"]),
        published, bool(entry["inferred"]), str(entry["note"]), str(entry["language"]),
        _sha(data),
    )  # fmt: skip
    return PackagedArticle(
        document, str(entry["url"]), str(entry["original_name"]), str(entry["media_type"]),
        data, contents[entry["text"]].decode("utf-8"),
    )  # fmt: skip


def _actor(entry: dict[str, Any]) -> Actor:
    return Actor(
        str(entry["code"]), str(entry["name"]), ActorKind(entry["kind"]), str(entry["region"]),
        str(entry["colour"]), float(entry["x"]), float(entry["y"]),
    )  # fmt: skip
