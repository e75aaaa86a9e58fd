"""Bookmarks, notes, settings and reading state in one durable TinyDB file.

``Annotations(data_dir)`` opens ``<data_dir>/zhreader.json`` (created on the
first change). Every method that changes something returns only after the
change is on disk; every method that reads sees what other processes have
saved. Several processes may share the data directory: each change locks,
re-reads, applies and saves (see :mod:`store.durable_storage`).

Problems with the file raise :class:`DataFileError` with a one-line message;
if the file had to be recovered, :attr:`Annotations.recovery_message` says
what happened. Note text never appears in an exception message or a repr.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs
from tinydb import Query, TinyDB
from tinydb.queries import QueryLike
from tinydb.table import Document, Table

from store.anchors import Anchor
from store.durable_storage import DataFileError, DurableStorage

__all__ = [
    "Annotations",
    "Bookmark",
    "DataFileError",
    "Note",
    "NoteNotFoundError",
    "ReadingPosition",
    "DATA_FILE_NAME",
    "SCHEMA_VERSION",
    "default_data_dir",
]

DATA_FILE_NAME = "zhreader.json"
SCHEMA_VERSION = 1

_META, _BOOKMARKS, _NOTES, _SETTINGS, _READING = (
    "meta",
    "bookmarks",
    "notes",
    "settings",
    "reading",
)


def default_data_dir() -> Path:
    """``$ZHREADER_DATA_DIR`` if set, else the platform's user data directory."""
    configured = os.environ.get("ZHREADER_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir("zhreader"))


# Milliseconds keep notes made in the same second in the order they were made.
_TIMESPEC = "milliseconds"


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec=_TIMESPEC)


class NoteNotFoundError(LookupError):
    """No note has this id (it may have been deleted by another process)."""


@dataclass(frozen=True)
class Bookmark:
    article_id: str
    created: datetime


@dataclass(frozen=True)
class Note:
    """One note. ``paragraph`` is 0-based; ``quote`` is None for a whole paragraph.

    ``created`` and ``updated`` are timezone-aware. ``text`` is exactly what
    the reader typed; it is left out of ``repr`` so it never reaches a traceback.
    """

    id: str
    article_id: str
    paragraph: int
    text: str = field(repr=False)
    quote: str | None = field(default=None, repr=False)
    prefix: str = field(default="", repr=False)
    suffix: str = field(default="", repr=False)
    tags: tuple[str, ...] = ()
    created: datetime = field(default_factory=lambda: datetime.now().astimezone())
    updated: datetime = field(default_factory=lambda: datetime.now().astimezone())

    @property
    def anchor(self) -> Anchor:
        return Anchor(self.paragraph, self.quote, self.prefix, self.suffix)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (times as ISO 8601 strings)."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "paragraph": self.paragraph,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "text": self.text,
            "tags": list(self.tags),
            "created": self.created.isoformat(timespec=_TIMESPEC),
            "updated": self.updated.isoformat(timespec=_TIMESPEC),
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Note:
        return cls(
            id=doc["id"],
            article_id=doc["article_id"],
            paragraph=int(doc["paragraph"]),
            text=doc["text"],
            quote=doc.get("quote"),
            prefix=doc.get("prefix") or "",
            suffix=doc.get("suffix") or "",
            tags=tuple(doc.get("tags") or ()),
            created=datetime.fromisoformat(doc["created"]),
            updated=datetime.fromisoformat(doc["updated"]),
        )


@dataclass(frozen=True)
class ReadingPosition:
    article_id: str
    scroll: float
    read_at: datetime


def _clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags stripped, empty ones dropped, duplicates removed, order kept."""
    seen: dict[str, None] = {}
    for tag in tags:
        if not isinstance(tag, str):
            raise TypeError("tags must be strings")
        tag = tag.strip()
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


class Annotations:
    """The reader's bookmarks, notes, settings and reading positions."""

    def __init__(self, data_dir: str | os.PathLike[str], *, lock_timeout: float = 10.0) -> None:
        self.data_dir = Path(data_dir)
        self._db = TinyDB(
            self.data_dir / DATA_FILE_NAME, storage=DurableStorage, lock_timeout=lock_timeout
        )
        self._storage: DurableStorage = self._db.storage  # type: ignore[assignment]
        # No query cache: another process may change the file between two reads.
        self._tables = {
            name: self._db.table(name, cache_size=0)
            for name in (_META, _BOOKMARKS, _NOTES, _SETTINGS, _READING)
        }
        # Read once now so a damaged file is recovered, and reported, at startup.
        self._storage.read()

    @property
    def path(self) -> Path:
        """The data file."""
        return self._storage.path

    @property
    def recovery_message(self) -> str | None:
        """One line saying how a damaged data file was recovered, or None."""
        return self._storage.recovery_message

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Annotations:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _change(self) -> Iterator[None]:
        """One locked read-modify-write; on disk when the block exits."""
        with self._storage.transaction():
            meta = self._tables[_META]
            version = meta.get(Query().schema_version.exists())
            if version is None:
                _upsert(meta, {"schema_version": SCHEMA_VERSION}, Query().schema_version.exists())
            elif version.get("schema_version", 0) > SCHEMA_VERSION:
                raise DataFileError(
                    f"{self.path} was written by a newer zhreader (schema "
                    f"{version['schema_version']}); this one understands schema "
                    f"{SCHEMA_VERSION} and will not change it"
                )
            yield

    # Bookmarks ----------------------------------------------------------------------

    def add_bookmark(self, article_id: str) -> Bookmark:
        """Bookmark an article (keeps the first bookmark time if already there)."""
        with self._change():
            table = self._tables[_BOOKMARKS]
            existing = table.get(Query().article_id == article_id)
            if existing is None:
                existing = {"article_id": article_id, "created": _now()}
                _insert(table, existing)
        return Bookmark(article_id, datetime.fromisoformat(existing["created"]))

    def remove_bookmark(self, article_id: str) -> bool:
        """Remove a bookmark; False if there was none."""
        with self._change():
            removed = self._tables[_BOOKMARKS].remove(Query().article_id == article_id)
        return bool(removed)

    def toggle_bookmark(self, article_id: str) -> bool:
        """Flip the bookmark; returns whether the article is bookmarked now."""
        with self._change():
            if self.remove_bookmark(article_id):
                return False
            self.add_bookmark(article_id)
        return True

    def is_bookmarked(self, article_id: str) -> bool:
        return self._tables[_BOOKMARKS].contains(Query().article_id == article_id)

    def bookmarks(self) -> list[Bookmark]:
        """All bookmarks, oldest first."""
        marks = [
            Bookmark(doc["article_id"], datetime.fromisoformat(doc["created"]))
            for doc in self._tables[_BOOKMARKS].all()
        ]
        return sorted(marks, key=lambda b: b.created)

    def bookmarked_ids(self) -> set[str]:
        return {doc["article_id"] for doc in self._tables[_BOOKMARKS].all()}

    # Notes --------------------------------------------------------------------------

    def add_note(
        self, article_id: str, anchor: Anchor, text: str, tags: Iterable[str] = ()
    ) -> Note:
        """Save a new note; it is on disk when this returns.

        Raises ValueError for empty (all-whitespace) text; the text itself is
        stored exactly as given, surrounding whitespace included.
        """
        _check_text(text)
        if anchor.paragraph < 0:
            raise ValueError("paragraph index must not be negative")
        now = _now()
        note = Note.from_json(
            {
                "id": uuid.uuid4().hex,
                "article_id": article_id,
                "paragraph": anchor.paragraph,
                "quote": anchor.quote,
                "prefix": anchor.prefix,
                "suffix": anchor.suffix,
                "text": text,
                "tags": list(_clean_tags(tags)),
                "created": now,
                "updated": now,
            }
        )
        with self._change():
            _insert(self._tables[_NOTES], note.to_json())
        return note

    def update_note(
        self,
        note_id: str,
        *,
        text: str | None = None,
        tags: Iterable[str] | None = None,
        anchor: Anchor | None = None,
    ) -> Note:
        """Change a note's text, tags or anchor; returns the saved note.

        Raises NoteNotFoundError if no note has this id.
        """
        if text is not None:
            _check_text(text)
        changes: dict[str, Any] = {"updated": _now()}
        if text is not None:
            changes["text"] = text
        if tags is not None:
            changes["tags"] = list(_clean_tags(tags))
        if anchor is not None:
            changes.update(
                paragraph=anchor.paragraph,
                quote=anchor.quote,
                prefix=anchor.prefix,
                suffix=anchor.suffix,
            )
        with self._change():
            table = self._tables[_NOTES]
            doc = table.get(Query().id == note_id)
            if doc is None:
                raise NoteNotFoundError(f"no note with id {note_id}")
            table.update(changes, doc_ids=[doc.doc_id])
            saved = {**doc, **changes}
        return Note.from_json(saved)

    def delete_note(self, note_id: str) -> Note:
        """Delete a note; returns it (so a UI can offer undo).

        Raises NoteNotFoundError if no note has this id.
        """
        with self._change():
            table = self._tables[_NOTES]
            doc = table.get(Query().id == note_id)
            if doc is None:
                raise NoteNotFoundError(f"no note with id {note_id}")
            table.remove(doc_ids=[doc.doc_id])
        return Note.from_json(doc)

    def get_note(self, note_id: str) -> Note | None:
        doc = self._tables[_NOTES].get(Query().id == note_id)
        return None if doc is None else Note.from_json(doc)

    def notes(self, article_id: str | None = None) -> list[Note]:
        """Notes of one article (or all), by article, saved paragraph, then time."""
        table = self._tables[_NOTES]
        docs = table.all() if article_id is None else table.search(Query().article_id == article_id)
        found = [(Note.from_json(doc), doc.doc_id) for doc in docs]
        # Two notes saved in the same millisecond keep the order they were saved in (TinyDB's doc_id grows).
        found.sort(key=lambda pair: (pair[0].article_id, pair[0].paragraph, pair[0].created, pair[1]))
        return [note for note, _ in found]

    def note_counts(self) -> dict[str, int]:
        """Number of notes per article id (articles without notes are absent)."""
        counts: dict[str, int] = {}
        for doc in self._tables[_NOTES].all():
            counts[doc["article_id"]] = counts.get(doc["article_id"], 0) + 1
        return counts

    # Settings -----------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        doc = self._tables[_SETTINGS].get(Query().key == key)
        return default if doc is None else doc["value"]

    def settings(self) -> dict[str, Any]:
        return {doc["key"]: doc["value"] for doc in self._tables[_SETTINGS].all()}

    def set_setting(self, key: str, value: Any) -> None:
        """Save one setting; ``value`` must be JSON (str, number, bool, None, list, dict)."""
        self.update_settings({key: value})

    def update_settings(self, values: Mapping[str, Any]) -> None:
        """Save several settings in one write."""
        with self._change():
            table = self._tables[_SETTINGS]
            for key, value in values.items():
                _upsert(table, {"key": key, "value": value}, Query().key == key)

    # Reading state ------------------------------------------------------------------

    def set_reading_position(self, article_id: str, scroll: float = 0.0) -> None:
        """Remember where the reader is in an article; it becomes the last article read.

        Each call writes the file: call it when leaving an article or quitting,
        not on every scroll step.
        """
        with self._change():
            _upsert(
                self._tables[_READING],
                {"article_id": article_id, "scroll": float(scroll), "read_at": _now()},
                Query().article_id == article_id,
            )

    def reading_position(self, article_id: str) -> ReadingPosition | None:
        doc = self._tables[_READING].get(Query().article_id == article_id)
        return None if doc is None else _position(doc)

    def last_article(self) -> ReadingPosition | None:
        """The most recently read article and its scroll offset, if any."""
        docs = self._tables[_READING].all()
        if not docs:
            return None
        return _position(max(docs, key=lambda doc: datetime.fromisoformat(doc["read_at"])))


def _position(doc: Mapping[str, Any]) -> ReadingPosition:
    return ReadingPosition(doc["article_id"], float(doc["scroll"]), datetime.fromisoformat(doc["read_at"]))


def _check_text(text: str) -> None:
    if not isinstance(text, str):
        raise TypeError("note text must be a string")
    if not text.strip():
        raise ValueError("note text is empty")


def _insert(table: Table, doc: Mapping[str, Any]) -> None:
    """Insert with a doc id chosen under the lock.

    TinyDB's own ``insert`` caches the next id per process, so two processes
    would pick the same id; this reads the current maximum instead.
    """
    doc_id = max((d.doc_id for d in table.all()), default=0) + 1
    table.insert(Document(doc, doc_id=doc_id))


def _upsert(table: Table, doc: Mapping[str, Any], cond: QueryLike) -> None:
    if not table.update(doc, cond):
        _insert(table, doc)
