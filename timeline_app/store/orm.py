"""ORM classes mirroring the latest schema in ``migrations.py``.

The schema itself is created by the migrations, never by ``metadata.create_all``;
``tests/store/test_schema.py`` checks that these classes and the migrated
database agree. ORM objects never leave ``timeline_app.store``.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ActorRow(Base):
    __tablename__ = "actors"
    code: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    kind: Mapped[str]
    region: Mapped[str]
    colour: Mapped[str]
    x: Mapped[float]
    y: Mapped[float]


class DocumentRow(Base):
    __tablename__ = "documents"
    pk: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(unique=True)
    title: Mapped[str]
    title_supplied: Mapped[bool]
    outlet: Mapped[str]
    published: Mapped[str]
    published_precision: Mapped[str]
    published_inferred: Mapped[bool]
    published_note: Mapped[str]
    language: Mapped[str]
    content_hash: Mapped[str]
    body: Mapped[str]

    paragraphs: Mapped[list[ParagraphRow]] = relationship(
        back_populates="document", order_by="ParagraphRow.ordinal", cascade="all, delete-orphan"
    )


class ParagraphRow(Base):
    __tablename__ = "paragraphs"
    __table_args__ = (UniqueConstraint("document_pk", "ordinal"),)
    pk: Mapped[int] = mapped_column(primary_key=True)
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.pk", ondelete="CASCADE"))
    ordinal: Mapped[int]
    text: Mapped[str]
    start_offset: Mapped[int]
    end_offset: Mapped[int]
    boilerplate: Mapped[bool]

    document: Mapped[DocumentRow] = relationship(back_populates="paragraphs")


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_start_day", "start_day"),
        Index("ix_events_dataset_start", "dataset", "start_day"),
        Index("ix_events_category", "category", "start_day"),
    )
    pk: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[str] = mapped_column(unique=True)
    dataset: Mapped[str]
    title: Mapped[str]
    summary: Mapped[str]
    date_start: Mapped[str]
    date_end: Mapped[str | None]
    precision: Mapped[str]
    approximate: Mapped[bool]
    relative: Mapped[bool]
    date_note: Mapped[str]
    start_day: Mapped[int]
    end_day: Mapped[int]
    category: Mapped[str]
    modality: Mapped[str]
    score: Mapped[float]
    fingerprint: Mapped[str]

    actors: Mapped[list[EventActorRow]] = relationship(
        order_by="EventActorRow.position", cascade="all, delete-orphan"
    )
    pairs: Mapped[list[EventPairRow]] = relationship(cascade="all, delete-orphan")
    citations: Mapped[list[CitationRow]] = relationship(
        order_by="CitationRow.ordinal", cascade="all, delete-orphan"
    )


class EventActorRow(Base):
    __tablename__ = "event_actors"
    __table_args__ = (Index("ix_event_actors_actor", "actor_code", "event_pk"),)
    event_pk: Mapped[int] = mapped_column(
        ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True
    )
    actor_code: Mapped[str] = mapped_column(ForeignKey("actors.code"), primary_key=True)
    role: Mapped[str]
    position: Mapped[int]


class EventPairRow(Base):
    __tablename__ = "event_pairs"
    __table_args__ = (Index("ix_event_pairs_pair", "actor_a", "actor_b", "event_pk"),)
    event_pk: Mapped[int] = mapped_column(
        ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True
    )
    actor_a: Mapped[str] = mapped_column(ForeignKey("actors.code"), primary_key=True)
    actor_b: Mapped[str] = mapped_column(ForeignKey("actors.code"), primary_key=True)


class CitationRow(Base):
    __tablename__ = "citations"
    __table_args__ = (Index("ix_citations_paragraph", "paragraph_pk"),)
    event_pk: Mapped[int] = mapped_column(
        ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(primary_key=True)
    paragraph_pk: Mapped[int] = mapped_column(ForeignKey("paragraphs.pk"))
    quote: Mapped[str]

    paragraph: Mapped[ParagraphRow] = relationship()


class MetaRow(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[str]


class DatasetRow(Base):
    """One imported bulk file (V2); its events are in ``bulk_events``."""

    __tablename__ = "datasets"
    __table_args__ = (UniqueConstraint("file_sha256", "countries"),)
    pk: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    kind: Mapped[str]
    file_name: Mapped[str]
    file_size: Mapped[int]
    file_sha256: Mapped[str]
    countries: Mapped[str]
    imported_rows: Mapped[int]
    skipped_rows: Mapped[int]
    created: Mapped[str]


class BulkEventRow(Base):
    """A bulk dyadic event (V2; V3 dropped its index). Written and read with raw SQL
    (``store/bulk.py``, ``store/bulk_read.py``) for speed; this class documents the
    schema and keeps the schema test honest."""

    __tablename__ = "bulk_events"
    # No secondary index since V3 (see migrations.py): the rows are read whole.
    __table_args__ = (CheckConstraint("pair_a < pair_b"),)
    global_id: Mapped[int] = mapped_column(primary_key=True)  # GDELT's GLOBALEVENTID
    dataset_pk: Mapped[int] = mapped_column(
        ForeignKey("datasets.pk", ondelete="CASCADE", deferrable=True, initially="DEFERRED")
    )
    day: Mapped[int]
    actor1: Mapped[str] = mapped_column(ForeignKey("actors.code"))
    actor2: Mapped[str] = mapped_column(ForeignKey("actors.code"))
    pair_a: Mapped[str]
    pair_b: Mapped[str]
    event_code: Mapped[str]
    root_code: Mapped[str]
    quad_class: Mapped[int]
    category: Mapped[str]
    modality: Mapped[str]
    score: Mapped[float]
    num_sources: Mapped[int]
    num_articles: Mapped[int]
    source_url: Mapped[str | None]


class SavedViewRow(Base):
    """A saved view (V4). Written and read with plain SQL (``store/views.py``); the
    ``state`` JSON is built and validated by ``timeline_app.saved_views``."""

    __tablename__ = "saved_views"
    name: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(unique=True)
    state: Mapped[str]
    created: Mapped[str]
    updated: Mapped[str]


class AuditRow(Base):
    """One change made in the app (V6). Written and read with plain SQL
    (``editing/writes.py``, ``store/repo.py``); ``old`` and ``new`` are the event's
    exchange records as JSON, '' where there is none."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_event", "event_id", "pk"),)
    pk: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[str]
    action: Mapped[str]
    event_id: Mapped[str]
    old: Mapped[str]
    new: Mapped[str]


class DocumentFileRow(Base):
    """An imported article's original file (see ``V7_DOCUMENT_FILES`` in migrations.py).
    Written and read with plain SQL in ``store/articles.py``."""

    __tablename__ = "document_files"
    document_pk: Mapped[int] = mapped_column(
        ForeignKey("documents.pk", ondelete="CASCADE"), primary_key=True
    )
    origin: Mapped[str]
    original_name: Mapped[str]
    media_type: Mapped[str]
    url: Mapped[str]
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(unique=True)
    data: Mapped[bytes]
    imported: Mapped[str]
