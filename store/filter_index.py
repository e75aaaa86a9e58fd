"""Filtering a library with flag sets: one byte per article, held in a Python int.

A set of articles is an int whose byte p (little-endian) is 1 when the article
at position p of the library's order is in it. Intersection is ``&``, size is
``int.bit_count()``, and the list of articles is ``itertools.compress`` over
``flags.to_bytes(n, "little")``: every loop runs in C, so combining region,
date, bookmark and text filters over 100,000 articles takes a millisecond or
two. Text search is the text index's (store.text_index), which names the
articles with the text or, when they are most of the library, those without it
(turning ids into a flag set is a loop in Python); a library without
an index scans its articles' text.

The library order is newest first with undated articles last, so the articles
of a date range, or of a month, are a run of positions found by bisection.
Region sets, the date keys and the document-id map are built on first use.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
import threading
from array import array
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, islice, repeat
from typing import Generic, TypeVar

from store.text_index import TextIndex

T = TypeVar("T")

_TEXT_RESULTS_KEPT = 32  # recent searches remembered (typing back and forth repeats them)
_SELECTIONS_KEPT = 4  # recent results whose flag sets are remembered, to narrow them at no cost


def flags_of_positions(positions: Iterable[int], n: int) -> int:
    """The flag set of these positions (each below ``n``)."""
    marks = bytearray(n)
    deque(map(marks.__setitem__, positions, repeat(1)), maxlen=0)
    return int.from_bytes(marks, "little")


def flags_of_range(start: int, stop: int) -> int:
    """The flag set of positions ``start`` .. ``stop`` - 1."""
    if stop <= start:
        return 0
    return int.from_bytes(b"\x01" * (stop - start), "little") << (8 * start)


class FilterIndex(Generic[T]):
    """Flag sets over the items of a library (articles), in library order.

    ``dates`` and ``date_ends`` are date ordinals (0 for none), ``region_ids``
    index into ``region_codes``; ``region_marks``, if given, are the region
    sets already made (one byte per item for each entry of ``region_codes``).
    With a ``text_index``, ``docids`` give each item's document id there;
    without one, ``scan_text`` gives an item's text in search form and search
    is a scan. ``dates_sorted`` says that the items are known to be newest
    first with the undated last (a cache's are), which is then not checked.
    """

    def __init__(
        self,
        items: Sequence[T],
        *,
        dates: Sequence[int],
        date_ends: Sequence[int],
        region_ids: Sequence[Sequence[int]],
        region_codes: Sequence[str],
        ids: Callable[[], Iterable[str]],
        region_marks: Sequence[bytes] | None = None,
        docids: Sequence[int] | None = None,
        text_index: TextIndex | None = None,
        scan_text: Callable[[T], str] | None = None,
        dates_sorted: bool = False,
    ) -> None:
        self.items = items
        self.n = len(items)
        self.all = flags_of_range(0, self.n)
        self._dates = dates
        self._date_ends = date_ends
        self._region_ids = region_ids
        self._region_codes = region_codes
        self._region_marks = region_marks
        self._ids = ids
        self._docids = docids
        self._text_index = text_index
        self._scan_text = scan_text
        self._lock = threading.Lock()
        self._texts: OrderedDict[str, int] = OrderedDict()
        self._selections: deque[tuple[list[T], int]] = deque(maxlen=_SELECTIONS_KEPT)
        self._region_flags: dict[str, int] | None = None
        self._date_keys: array | _Negated | None = None  # negated ordinals of the dated run, ascending
        self._dated_sorted = dates_sorted
        self._months: list[tuple[tuple[int, int], int, int]] | None = None
        self._ranged: list[int] | None = None  # positions of articles with a date range
        self._docid_positions: array | None = None
        self._position_of_object: dict[int, int] | None = None
        self._position_of_id: tuple[dict[str, int], dict[str, list[int]]] | None = None

    def prepare(self) -> None:
        """Build the lazily built tables now and wake the text index, so that the first query is as fast as the rest."""
        self._regions()
        self._keys()
        self._ids_map()
        if self._text_index is not None:
            self._docid_map()
            self._text_index.warm_up()

    # Building blocks ----------------------------------------------------------------

    def select(self, flags: int) -> list[T]:
        """The items in ``flags``, in library order (a new list, remembered for `pool_flags`)."""
        flags &= self.all
        selected = list(compress(self.items, flags.to_bytes(self.n, "little"))) if flags else []
        with self._lock:
            self._selections.append((selected, flags))
        return selected

    def region_flags(self, codes: Iterable[str]) -> int:
        """Items naming any of these regions."""
        table = self._regions()
        flags = 0
        for code in codes:
            flags |= table.get(code, 0)
        return flags

    def date_flags(self, since: dt.date | None, until: dt.date | None) -> int:
        """Items whose date (or date range) overlaps [since, until], both inclusive."""
        if since is None and until is None:
            return self.all
        keys = self._keys()
        if not self._dated_sorted:
            return flags_of_positions(
                (p for p in range(self.n) if self._overlaps(p, since, until)), self.n
            )
        dated = len(keys)
        low = bisect.bisect_left(keys, -until.toordinal()) if until is not None else 0
        high = bisect.bisect_right(keys, -since.toordinal()) if since is not None else dated
        flags = flags_of_range(low, high)
        if since is not None:
            # A range that starts before ``since`` but ends on or after it overlaps too.
            first = max(low, high)
            ranged = self._ranged or []
            start = bisect.bisect_left(ranged, first)
            floor = since.toordinal()
            extra = [p for p in islice(ranged, start, None) if p < dated and self._date_ends[p] >= floor]
            if extra:
                flags |= flags_of_positions(extra, self.n)
        return flags

    def _overlaps(self, position: int, since: dt.date | None, until: dt.date | None) -> bool:
        start = self._dates[position]
        if not start:
            return False
        end = self._date_ends[position] or start
        return (since is None or end >= since.toordinal()) and (until is None or start <= until.toordinal())

    def text_flags(self, needle: str) -> int:
        """Items whose text contains ``needle`` (already in search form)."""
        with self._lock:
            found = self._texts.get(needle)
            if found is not None:
                self._texts.move_to_end(needle)
                return found
        if self._text_index is not None and self._docids is not None:
            inverted, docids = self._text_index.search_sparse(needle, rare=self._rare_by_prefix(needle))
            found = self._flags_of_docids(docids)
            if inverted:
                found = self.all & ~found
        elif self._scan_text is not None:
            scan = self._scan_text
            found = flags_of_positions((p for p, item in enumerate(self.items) if needle in scan(item)), self.n)
        else:
            found = 0
        with self._lock:
            self._texts[needle] = found
            while len(self._texts) > _TEXT_RESULTS_KEPT:
                self._texts.popitem(last=False)
        return found

    def _rare_by_prefix(self, needle: str) -> bool:
        """Whether ``needle`` is known to be in at most half of the items: its prefix (as a reader types) was."""
        with self._lock:
            prefix = self._texts.get(needle[:-1]) if len(needle) > 1 else None
        # A needle is in no more items than its prefix.
        return prefix is not None and 2 * prefix.bit_count() <= self.n

    def _flags_of_docids(self, docids: list[int]) -> int:
        positions = self._docid_map()
        try:
            # Dead and unknown documents map to position n, one past the end.
            marks = bytearray(self.n + 1)
            if docids:
                found = operator.itemgetter(*docids)(positions) if len(docids) > 1 else (positions[docids[0]],)
                deque(map(marks.__setitem__, found, repeat(1)), maxlen=0)
        except IndexError:
            # Ids beyond the map: written by another process after this library was loaded.
            marks = bytearray(self.n + 1)
            limit = len(positions)
            for docid in docids:
                marks[positions[docid] if docid < limit else self.n] = 1
        return int.from_bytes(marks, "little") & self.all

    def id_flags(self, ids: Iterable[str]) -> int:
        """Items with these ids (unknown ids are ignored)."""
        table, repeated = self._ids_map()
        positions = [table[i] for i in ids if i in table]
        if repeated:
            positions += [p for i in ids for p in repeated.get(i, ())]
        return flags_of_positions(positions, self.n)

    def pool_flags(self, pool: Sequence[T]) -> int | None:
        """The flag set of ``pool``, or None when it holds items that are not this index's.

        A list that `select` returned lately (as a reader narrows its last
        result) is recognised and costs nothing, unless it has been changed.
        """
        flags = self._recent_flags(pool)
        if flags is not None:
            return flags
        table = self._objects_map()
        try:
            return flags_of_positions(map(table.__getitem__, map(id, pool)), self.n)
        except KeyError:
            return None

    def index_in(self, selection: Sequence[T], item_id: str) -> int | None:
        """Where the item with id ``item_id`` is in ``selection``: its index, or -1 if it is not there.

        Counts the selected positions before the item's, without a loop over
        ``selection``. None when that cannot be told at no cost: ``selection``
        is not a list `select` returned lately, or two items have this id.
        """
        flags = self._recent_flags(selection)
        if flags is None:
            return None
        table, repeated = self._ids_map()
        if item_id in repeated:
            return None
        position = table.get(item_id)
        if position is None or not (flags >> (8 * position)) & 1:
            return -1
        return (flags & ((1 << (8 * position)) - 1)).bit_count()

    def _recent_flags(self, selection: Sequence[T]) -> int | None:
        """The flag set of ``selection`` if `select` returned it lately and it is unchanged."""
        with self._lock:
            for selected, flags in self._selections:
                if selected is selection and len(selection) == flags.bit_count():
                    return flags
        return None

    # Counts -------------------------------------------------------------------------

    def region_counts(self, flags: int) -> dict[str, int]:
        """For every region named in the library, how many items of ``flags`` name it."""
        return {code: (flags & region).bit_count() for code, region in self._regions().items()}

    def month_counts(self, flags: int) -> dict[tuple[int, int], int]:
        """How many dated items of ``flags`` start in each month, (year, month) -> count; empty months left out."""
        keys = self._keys()
        if not keys:
            return {}
        marks = (flags & self.all).to_bytes(self.n, "little")
        if not self._dated_sorted:
            counts: dict[tuple[int, int], int] = {}
            for p in compress(range(self.n), marks):
                if self._dates[p]:
                    day = dt.date.fromordinal(self._dates[p])
                    counts[(day.year, day.month)] = counts.get((day.year, day.month), 0) + 1
            return counts
        counts = {}
        for month, start, stop in self._month_runs():
            count = marks.count(1, start, stop)
            if count:
                counts[month] = count
        return counts

    # Lazily built tables ----------------------------------------------------------------

    def _regions(self) -> dict[str, int]:
        with self._lock:
            if self._region_flags is None:
                if self._region_marks is not None:
                    sets = [int.from_bytes(marks, "little") for marks in self._region_marks]
                else:
                    buckets: list[list[int]] = [[] for _ in self._region_codes]
                    for position, ids in enumerate(self._region_ids):
                        for i in ids:
                            buckets[i].append(position)
                    sets = [flags_of_positions(positions, self.n) for positions in buckets]
                flags: dict[str, int] = {}
                for code, members in zip(self._region_codes, sets):
                    if members:  # one region can have two entries: its name in either script
                        flags[code] = flags.get(code, 0) | members
                self._region_flags = flags
            return self._region_flags

    def _keys(self) -> array | _Negated:
        with self._lock:
            if self._date_keys is not None:
                return self._date_keys
            self._ranged = list(compress(range(self.n), self._date_ends))
            dates = self._dates
            if self._dated_sorted:
                # Known to be in order: the dated run ends at the first 0, found by bisection,
                # and its keys are read through a view (checking and copying 100,000 dates took
                # 20 ms, on the way to the first list on screen).
                self._date_keys = _Negated(dates, bisect.bisect_left(dates, 0, key=operator.neg))
                return self._date_keys
            dated = self.n - operator.countOf(dates, 0)
            keys = array("l", map(operator.neg, islice(dates, dated)))
            self._dated_sorted = (
                0 not in keys
                and not any(islice(dates, dated, None))
                and all(map(operator.le, keys, islice(keys, 1, None)))
            )
            self._date_keys = keys if self._dated_sorted else array("l", sorted(-d for d in dates if d))
            return self._date_keys

    def _month_runs(self) -> list[tuple[tuple[int, int], int, int]]:
        """Each month with dated items, oldest first, and its run of positions: ((year, month), start, stop).

        Only for a library whose dated items are in date order (``_dated_sorted``):
        then a key's index is the item's position.

        Only months that have items: one article dated 1880 in a library of
        this decade must not make every count walk 1,700 empty months.
        """
        keys = self._keys()
        with self._lock:
            if self._months is None:
                runs = []
                start = 0
                while start < len(keys):
                    day = dt.date.fromordinal(-keys[start])
                    stop = bisect.bisect_right(keys, -dt.date(day.year, day.month, 1).toordinal(), start)
                    runs.append(((day.year, day.month), start, stop))
                    start = stop
                runs.reverse()
                self._months = runs
            return self._months

    def _docid_map(self) -> array:
        with self._lock:
            if self._docid_positions is None:
                docids = self._docids or ()
                positions = array("l", [self.n]) * ((max(docids) + 1) if docids else 0)
                deque(map(positions.__setitem__, docids, range(self.n)), maxlen=0)
                self._docid_positions = positions
            return self._docid_positions

    def _objects_map(self) -> dict[int, int]:
        with self._lock:
            if self._position_of_object is None:
                self._position_of_object = dict(zip(map(id, self.items), range(self.n)))
            return self._position_of_object

    def _ids_map(self) -> tuple[dict[str, int], dict[str, list[int]]]:
        """Position of each id, and the further positions of ids that more than one item has (a.txt, a.md)."""
        with self._lock:
            if self._position_of_id is None:
                ids = list(self._ids())
                table = dict(zip(ids, range(self.n)))
                repeated: dict[str, list[int]] = {}
                if len(table) < self.n:
                    for position, item_id in enumerate(ids):
                        if table[item_id] != position:
                            repeated.setdefault(item_id, []).append(position)
                self._position_of_id = (table, repeated)
            return self._position_of_id


class _Negated:
    """The first ``length`` of ``values``, negated, without a copy: bisection reads a few dozen."""

    def __init__(self, values: Sequence[int], length: int) -> None:
        self._values = values
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: int) -> int:
        if not 0 <= index < self._length:
            raise IndexError("index out of range")
        return -self._values[index]
