"""Scale benchmark: how zhreader copes with a large library.

    python tests/bench/make_library.py /tmp/lib100k 100000
    python tests/bench/run.py --library /tmp/lib100k --json

Every measurement runs in a fresh process with its own empty cache and data
folders (the cache is kept between the steps that need it warm):

- cold_index_s: `load_library` with an empty cache (parsing every file, in
  worker processes when there are many); cold_index_per_s is articles per second;
  cold_rss_mb / cold_worker_rss_mb are the peak memory of the loading process
  and of its largest worker.
- warm_load_s: `load_library` with the cache warm (the folder is scanned for
  changes); cached_load_s: `load_cached_library` (the cache alone);
  prepare_s: `Library.prepare` (filter tables, text index warm-up).
- warm_start_ms: from starting a process to the first frame in which the
  article list painted rows, with the cache warm (ZhReaderApp run headless, as
  `zhreader --library DIR` runs it; the frame is taken when Textual hands it
  to the terminal); baseline_start_ms: the same for a bare Textual app with a
  list and a text pane, to its first frame.
  Both are medians of STARTS runs, the two taken in turns.
- filter_ms_p50 / filter_ms_p95: typing each query key by key in the reader's
  search field, from the key until the article list paints its rows again (a
  key is filtered as it is typed, as in use: the reader has no debounce);
  baseline_filter_ms: the same in a bare Textual app whose input refills a list;
  filter_model_ms_p50 / _p95: the same keys through the model alone
  (query_articles narrowing the previous result, region_counts, month_counts),
  after `Library.prepare`.
- open_ms: opening the longest article in traditional with pinyin above the
  characters, the first time, until the reader paints its first screen;
  open_complete_ms until the reader holds the article rendered in full.
- rss_mb: peak memory of the reader process while doing the above.
- reference_s_first / reference_s_last: a fixed workload of the interpreter
  alone (strings, a regex, dicts; nothing of zhreader), timed at the start and
  at the end of the run: how fast the machine is at the time, which the
  targets in absolute terms (the cold index, filter, open) depend on.
- list_json_s: `zhreader list --json` with a warm cache (the cache's first
  listing, which also keeps its lines beside it, not counted), and
  list_json_seeds_s the same on the five bundled seeds, in turns, medians of
  STARTS runs (list_json_ratio = their quotient).

Not part of the test run (tests/bench is excluded by pytest's addopts).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
QUERIES = ("科技园", "新能源", "大灣區", "香港科")  # the last is the worst case: its characters are in nearly every article
STARTS = 5  # process starts measured for each of warm_start_ms and baseline_start_ms (and list --json runs)
SIZE = (160, 45)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


# Steps, each run in its own process ---------------------------------------------------------


def step_cold(library: str) -> dict[str, Any]:
    from store.library import load_library

    start = time.perf_counter()
    loaded = load_library(Path(library))
    seconds = time.perf_counter() - start
    return {
        "articles": len(loaded.articles),
        "skipped": len(loaded.warnings),
        "seconds": seconds,
        "rss_mb": peak_rss_mb(),
        "worker_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
    }


def step_model(library: str, *queries: str) -> dict[str, Any]:
    from store.library import (
        ArticleQuery,
        load_cached_library,
        load_library,
        month_counts,
        query_articles,
        region_counts,
    )

    start = time.perf_counter()
    cached = load_cached_library(Path(library))
    cached_load_s = time.perf_counter() - start
    start = time.perf_counter()
    loaded = load_library(Path(library))
    load_s = time.perf_counter() - start
    assert cached is not None and len(cached.articles) == len(loaded.articles)
    start = time.perf_counter()
    loaded.prepare()  # as a reader would, in the background, right after loading
    prepare_s = time.perf_counter() - start
    keys: list[dict[str, Any]] = []
    for query in queries:
        previous = None
        for length in range(1, len(query) + 1):
            text = query[:length]
            start = time.perf_counter()
            matches = query_articles(loaded, ArticleQuery(text=text), previous)
            region_counts(loaded, ArticleQuery(text=text))
            month_counts(loaded, ArticleQuery(text=text))
            keys.append({"text": text, "ms": (time.perf_counter() - start) * 1000, "matches": len(matches)})
            previous = matches
    return {"load_s": load_s, "cached_load_s": cached_load_s, "prepare_s": prepare_s, "keys": keys, "rss_mb": peak_rss_mb()}


def _reporting_first_frame(app_class: type, shows_list: Callable[[Any], bool]) -> type:
    """``app_class`` that prints the monotonic clock when it composes the first frame that shows its list, then exits.

    The frame is taken where Textual hands it to the terminal (``App._display``,
    which a headless app skips), so that nothing the app does after that paint
    (a callback after the refresh, a footer built then) counts as start-up.
    """

    class FirstFrame(app_class):  # type: ignore[misc, valid-type]
        _reported = False

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            if renderable is not None and not self._reported and shows_list(self):
                self._reported = True
                print(time.monotonic(), flush=True)
                self.exit()

    return FirstFrame


def _timed_app_class() -> type:
    """ZhReaderApp reporting the first frame in which its article list painted rows of articles."""
    import tui.app
    from tui.app import ZhReaderApp
    from tui.widgets.article_list import ArticleList

    render_line = ArticleList.render_line
    painted_rows = [False]

    def noted_render_line(self: ArticleList, y: int) -> Any:
        painted_rows[0] = painted_rows[0] or bool(self.articles)
        return render_line(self, y)

    ArticleList.render_line = noted_render_line  # type: ignore[method-assign]

    class TimedReader(ZhReaderApp):
        CSS_PATH = str(Path(tui.app.__file__).parent / ZhReaderApp.CSS_PATH)

    return _reporting_first_frame(TimedReader, lambda app: painted_rows[0])


def step_reference() -> dict[str, Any]:
    """The same work in every run and on every version of zhreader: seconds of the machine's time for it now."""
    import re

    words = re.compile(r"[\u4e00-\u9fff]{2}")
    start = time.perf_counter()
    counts: dict[str, int] = {}
    for round_ in range(100):
        text = "".join(chr(0x4E00 + (i * 7919 + round_) % 20000) for i in range(20000))
        for word in words.findall(text):
            counts[word] = counts.get(word, 0) + 1
    return {"seconds": time.perf_counter() - start, "words": len(counts)}


def step_app_start(library: str, data: str) -> None:
    from store.library import CachedLibraryLoad

    # As `zhreader` does (tui.cli): the cache is being read while Textual is imported.
    cached = CachedLibraryLoad(Path(library))
    _timed_app_class()(Path(library), Path(data), cached=cached).run(headless=True, size=SIZE)


def step_baseline_start() -> None:
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal
    from textual.widgets import OptionList, Static

    class Bare(App[None]):
        CSS = "OptionList { width: 1fr; height: 1fr; } Static { width: 2fr; height: 1fr; }"

        def compose(self) -> ComposeResult:
            with Horizontal():
                yield OptionList(*(f"article {i}" for i in range(SIZE[1])))
                yield Static("text pane")

    _reporting_first_frame(Bare, lambda app: True)().run(headless=True, size=SIZE)


def step_baseline_filter() -> dict[str, Any]:
    """Key to repaint in a bare Textual app: an input whose every change refills a virtual list."""
    from rich.segment import Segment
    from textual.app import App, ComposeResult
    from textual.geometry import Size
    from textual.scroll_view import ScrollView
    from textual.strip import Strip
    from textual.widgets import Input

    last_paint = [0.0]
    wake = Wakeup()

    class Rows(ScrollView):
        rows: list[str] = []

        def render_line(self, y: int) -> Strip:
            last_paint[0] = time.perf_counter()
            wake()
            index = y + int(self.scroll_y)
            return Strip([Segment(self.rows[index] if index < len(self.rows) else "")])

    class Bare(App[None]):
        CSS = "Input { height: 3; } Rows { height: 1fr; }"

        def compose(self) -> ComposeResult:
            yield Input()
            yield Rows()

        def on_input_changed(self, event: Input.Changed) -> None:
            rows = self.query_one(Rows)
            rows.rows = [f"{event.value} {i}" for i in range(SIZE[1])]
            rows.virtual_size = Size(0, len(rows.rows))
            rows.refresh()

    async def drive() -> list[float]:
        app = Bare()
        times = []
        wake.bind()
        async with app.run_test(size=SIZE) as pilot:
            app.query_one(Input).focus()
            await pilot.pause(0.2)
            for char in "科技园新能源":
                start = time.perf_counter()
                app.simulate_key(char)
                await wake.until(lambda: last_paint[0] >= start)
                times.append((last_paint[0] - start) * 1000)
                await pilot.pause(0.2)
        return times

    return {"ms": asyncio.run(drive())}


class Wakeup:
    """Wakes the measuring coroutine when the app does what it waits for (paints, lists, shows).

    The waits are not polls: a coroutine waking every fraction of a millisecond
    takes the interpreter from the reader's worker threads thousands of times a
    second and slows down what it measures. Times are taken in the hooks that
    call this, so they do not depend on when the coroutine wakes.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = 0
        self._event: asyncio.Event | None = None

    def bind(self) -> None:
        """Attach to the running event loop (the one the app under test runs in)."""
        self._loop = asyncio.get_running_loop()
        self._thread = threading.get_ident()
        self._event = asyncio.Event()

    def __call__(self) -> None:
        """Something happened: wake the waiting coroutine (callable from any thread)."""
        if self._loop is None or self._event is None:
            return
        if threading.get_ident() == self._thread:
            self._event.set()
        else:
            self._loop.call_soon_threadsafe(self._event.set)

    async def until(self, condition: Callable[[], bool], timeout: float = 120.0) -> None:
        """Return once ``condition()`` holds; it is checked at each wake-up (and every 50 ms)."""
        assert self._event is not None, "bind() first"
        deadline = time.perf_counter() + timeout
        while not condition():
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError("the reader did not get there in time")
            self._event.clear()
            try:
                await asyncio.wait_for(self._event.wait(), min(remaining, 0.05))
            except asyncio.TimeoutError:
                pass


def step_app(library: str, data: str, *queries: str) -> dict[str, Any]:
    from tui.app import ZhReaderApp
    from tui.screens.main import MainScreen
    from tui.widgets.article_list import ArticleList
    from tui.widgets.paragraph_view import ParagraphView
    from tui.widgets.reader_view import ReaderView

    wake = Wakeup()
    # When the list got new articles and last painted a row; when the reader was given
    # an article to show and last painted a paragraph.
    listed, last_paint, shown, last_reader_paint = [0.0], [0.0], [0.0], [0.0]
    set_articles, render_line = ArticleList.set_articles, ArticleList.render_line
    show, render_paragraph = ReaderView.show, ParagraphView.render

    def timed_set_articles(self: ArticleList, articles: Any) -> None:
        set_articles(self, articles)
        listed[0] = time.perf_counter()
        wake()

    def timed_render_line(self: ArticleList, y: int) -> Any:
        last_paint[0] = time.perf_counter()
        wake()
        return render_line(self, y)

    async def timed_show(self: ReaderView, *args: Any) -> None:
        shown[0] = time.perf_counter()  # the rendering is handed over: any paint after this shows it
        await show(self, *args)
        wake()

    def timed_render(self: ParagraphView) -> Any:
        last_reader_paint[0] = time.perf_counter()
        wake()
        return render_paragraph(self)

    ArticleList.set_articles = timed_set_articles  # type: ignore[method-assign]
    ArticleList.render_line = timed_render_line  # type: ignore[method-assign]
    ReaderView.show = timed_show  # type: ignore[method-assign]
    ParagraphView.render = timed_render  # type: ignore[method-assign]

    async def drive() -> dict[str, Any]:
        app = ZhReaderApp(Path(library), Path(data))
        wake.bind()
        async with app.run_test(size=SIZE) as pilot:
            await wake.until(lambda: isinstance(app.screen, MainScreen) and bool(app.screen.article_list.articles))
            main = app.screen
            assert isinstance(main, MainScreen) and main.library is not None
            await pilot.pause()
            keys: list[dict[str, Any]] = []
            for query in queries:
                if app.focused is not main.search_input:
                    await pilot.press("slash")
                for char in query:
                    start = time.perf_counter()
                    app.simulate_key(char)
                    await wake.until(lambda: listed[0] >= start and last_paint[0] >= listed[0])
                    keys.append({"text": main.filters.text, "ms": (last_paint[0] - start) * 1000,
                                 "matches": len(main.article_list.articles)})
                    await pilot.pause(0.2)  # a typist's pause: let every worker of this key finish
                before = main.article_list.articles
                await pilot.press("escape")  # clear the search
                await wake.until(lambda: main.filters.text == "" and main.article_list.articles is not before)
                await pilot.pause()

            for _ in range(3):  # cycle to traditional script and pinyin above the characters
                if main.view.script != "traditional":
                    main.action_cycle_script()
                if main.view.pinyin != "ruby":
                    main.action_cycle_pinyin()
            await pilot.pause()
            longest = max(main.library.articles, key=_character_count)
            start = time.perf_counter()
            main.open_article(longest)
            await wake.until(lambda: main.reader.article is longest and shown[0] >= start)
            await wake.until(lambda: last_reader_paint[0] >= shown[0])
            first_screen = last_reader_paint[0] - start
            await wake.until(lambda: main.reader.rendered is not None and main.reader.rendered.complete)
            complete = time.perf_counter() - start  # the rest is below the screen: nothing more to paint
            return {
                "keys": keys,
                "open_ms": first_screen * 1000,
                "open_complete_ms": complete * 1000,
                "open_characters": _character_count(longest),
                "view": [main.view.script, main.view.pinyin],
            }

    result = asyncio.run(drive())
    result["rss_mb"] = peak_rss_mb()
    return result


def _character_count(article: Any) -> int:
    count = getattr(article, "character_count", None)
    return count if isinstance(count, int) else sum(len(p) for p in article.paragraphs)


STEPS: dict[str, Callable[..., Any]] = {
    "cold": step_cold,
    "model": step_model,
    "app-start": step_app_start,
    "baseline-start": step_baseline_start,
    "baseline-filter": step_baseline_filter,
    "app": step_app,
    "reference": step_reference,
}


# The parent --------------------------------------------------------------------------------


def run_step(env: dict[str, str], step: str, *args: str, timeout: float = 3600) -> Any:
    """Run one step in a fresh process; its last line of output is JSON (or a clock reading)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--step", step, *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, cwd=REPO_ROOT)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"step {step} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def started_ms(env: dict[str, str], step: str, *args: str) -> float:
    """Milliseconds from starting a process to the moment it reports its screen painted."""
    start = time.monotonic()
    painted = run_step(env, step, *args, timeout=300)
    return (float(painted) - start) * 1000


def timed_command(env: dict[str, str], command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=REPO_ROOT)
    return time.perf_counter() - start


def benchmark(library: Path, queries: Sequence[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="zhreader-bench-") as scratch:
        env = {
            **os.environ,
            "ZHREADER_CACHE_DIR": str(Path(scratch) / "cache"),
            "ZHREADER_DATA_DIR": str(Path(scratch) / "data"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
        }
        data = str(Path(scratch) / "reader-data")
        reference_first = run_step(env, "reference")["seconds"]
        cold = run_step(env, "cold", str(library))
        model = run_step(env, "model", str(library), *queries)
        warm: list[float] = []
        baseline: list[float] = []
        for _ in range(STARTS):  # in turns, so that a slow spell of the machine falls on both
            warm.append(started_ms(env, "app-start", str(library), data))
            baseline.append(started_ms(env, "baseline-start"))
        app = run_step(env, "app", str(library), data, *queries)
        baseline_filter = run_step(env, "baseline-filter")["ms"]

        zhreader = [sys.executable, "-m", "tui.cli", "list", "--json", "--library"]
        seeds = str(REPO_ROOT / "seeds")
        timed_command(env, [*zhreader, seeds])  # warm the seeds' cache
        timed_command(env, [*zhreader, str(library)])  # the first listing of a cache also keeps its lines
        listings: list[float] = []
        seed_listings: list[float] = []
        for _ in range(STARTS):
            listings.append(timed_command(env, [*zhreader, str(library)]))
            seed_listings.append(timed_command(env, [*zhreader, seeds]))
        list_json, list_json_seeds = statistics.median(listings), statistics.median(seed_listings)
        reference_last = run_step(env, "reference")["seconds"]

    filter_ms = [key["ms"] for key in app["keys"]]
    model_ms = [key["ms"] for key in model["keys"]]
    return {
        "articles": cold["articles"],
        "skipped": cold["skipped"],
        "cold_index_s": round(cold["seconds"], 2),
        "cold_index_per_s": round(cold["articles"] / cold["seconds"]),
        "cold_rss_mb": round(cold["rss_mb"]),
        "cold_worker_rss_mb": round(cold["worker_rss_mb"]),
        "warm_load_s": round(model["load_s"], 3),
        "cached_load_s": round(model["cached_load_s"], 3),
        "prepare_s": round(model["prepare_s"], 3),
        "warm_start_ms": round(statistics.median(warm)),
        "baseline_start_ms": round(statistics.median(baseline)),
        "warm_start_ratio": round(statistics.median(warm) / statistics.median(baseline), 2),
        "filter_ms_p50": round(percentile(filter_ms, 0.5), 1),
        "filter_ms_p95": round(percentile(filter_ms, 0.95), 1),
        "filter_model_ms_p50": round(percentile(model_ms, 0.5), 1),
        "filter_model_ms_p95": round(percentile(model_ms, 0.95), 1),
        "baseline_filter_ms": round(statistics.median(baseline_filter), 1),
        "open_ms": round(app["open_ms"]),
        "open_complete_ms": round(app["open_complete_ms"]),
        "open_characters": app["open_characters"],
        "rss_mb": round(app["rss_mb"]),
        "list_json_s": round(list_json, 3),
        "list_json_seeds_s": round(list_json_seeds, 3),
        "list_json_ratio": round(list_json / list_json_seeds, 2),
        "reference_s_first": round(reference_first, 3),
        "reference_s_last": round(reference_last, 3),
        "filter_keys": [{**key, "ms": round(key["ms"], 1)} for key in app["keys"]],
        "filter_model_keys": [{**key, "ms": round(key["ms"], 1)} for key in model["keys"]],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure zhreader on a large library (see the module docstring).")
    parser.add_argument("--library", metavar="DIR", help="the library to measure (tests/bench/make_library.py writes one)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--query", action="append", metavar="TEXT", help=f"a query to type (default: {' '.join(QUERIES)})")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.step:
        result = STEPS[options.step](*options.args)
        if result is not None:
            print(json.dumps(result, ensure_ascii=False))
        return 0
    if not options.library or not Path(options.library).is_dir():
        parser.error("--library DIR is required and must be a folder")
    result = benchmark(Path(options.library).resolve(), options.query or QUERIES)
    if options.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for name, value in result.items():
            if not name.endswith("keys"):
                print(f"{name:24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
