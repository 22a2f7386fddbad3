"""cramp's benchmark: every number from design.md, side by side with its baseline, in one run.

    .venv/bin/python -m bench            # full run (about 8 minutes: real-time holds)
    .venv/bin/python -m bench --quick    # fewer runs, 2 holds and 1 spoken (under a minute)

Prints a table (figure, min, median, max, baseline median, ratio, target, met?), writes
bench/results/latest.json (git-ignored), bench/RESULTS.md (committed) and the table in README.md
between the bench markers. Terminal figures run the real `cramp` in a pseudo-terminal (80x24,
TERM=xterm-256color) next to a bare Textual hello-world (bench/hello.py) started the same way,
with the runs alternated so that drift hits all of them equally.

Over 300 lines: one report, every figure measured side by side with its baseline in one run;
the pieces that stand alone are in pty_driver.py, diary.py, speech.py and generate.py.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.pty_driver import PtyProcess

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
CRAMP = str(Path(PYTHON).with_name("cramp"))
HELLO = [PYTHON, str(BENCH / "hello.py")]

HOME_MARK = "First aid for leg cramps"
STEP_MARK = "Cramp clock"
HELLO_MARK = "Hello"
# The hold label says "Release"; the prompt under it says "Released." (and a layout refresh can
# repaint a stale prompt), so only the label counts.
RELEASE = re.compile(rb"Release(?!d)")
# The label while the hold counts down. A repaint of the finished hold (its visible cue) can still
# be on its way when the next key goes out, so "Release" only counts once the new hold has shown.
HOLDING = re.compile(rb"Hold - \d+ s left")


@dataclass
class Figure:
    name: str
    unit: str  # "ms", "s", "MiB"
    samples: list[float]
    target: str
    baseline_name: str | None = None
    baseline: list[float] = field(default_factory=list)
    max_ratio: float | None = None  # met if median / baseline median <= this
    max_p95_ratio: float | None = None  # met if p95 / baseline median <= this
    max_abs: float | None = None  # met if median <= this
    never_over: float | None = None  # met only if every sample <= this
    within: tuple[float, float] | None = None  # met if every sample is in [low, high]
    note: str = ""
    available: bool = True

    @property
    def min(self) -> float | None:
        return min(self.samples) if self.samples else None

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def max(self) -> float | None:
        return max(self.samples) if self.samples else None

    @property
    def p95(self) -> float | None:
        """The 95th percentile (nearest rank): what one press in twenty is slower than."""
        if not self.samples:
            return None
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def baseline_median(self) -> float | None:
        return statistics.median(self.baseline) if self.baseline else None

    @property
    def ratio(self) -> float | None:
        if self.median is None or not self.baseline_median:
            return None
        return self.median / self.baseline_median

    @property
    def met(self) -> bool | None:
        if not self.available or not self.samples:
            return None
        checks = []
        if self.max_ratio is not None and self.ratio is not None:
            checks.append(self.ratio <= self.max_ratio)
        if self.max_p95_ratio is not None and self.p95 is not None and self.baseline_median:
            checks.append(self.p95 / self.baseline_median <= self.max_p95_ratio)
        if self.max_abs is not None:
            checks.append(self.median <= self.max_abs)
        if self.never_over is not None:
            checks.append(self.max <= self.never_over)
        if self.within is not None:
            checks.append(all(self.within[0] <= s <= self.within[1] for s in self.samples))
        return all(checks) if checks else None

    def as_json(self) -> dict:
        data = asdict(self)
        data.update(min=self.min, median=self.median, max=self.max,
                    baseline_median=self.baseline_median, ratio=self.ratio, met=self.met)
        return data


# -- helpers ----------------------------------------------------------------------------------


def ms(seconds: float) -> float:
    return seconds * 1000.0


def child_env(home: Path) -> dict[str, str]:
    """The same environment for every child: fresh settings and diary, no devtools."""
    env = dict(os.environ)
    env.update(CRAMP_CONFIG_DIR=str(home / "config"), CRAMP_DATA_DIR=str(home / "data"),
               CRAMP_CACHE_DIR=str(home / "cache"))
    # PYTHONDONTWRITEBYTECODE would make every run compile cramp's modules again (an installed
    # package has its .pyc files, as Textual's here do): the warm-up run writes them instead.
    for name in ("TEXTUAL", "TEXTUAL_THEME", "NO_COLOR", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


def cpu_busy(seconds: float = 0.5) -> float:
    """Share of all CPU time spent busy over `seconds` (other processes skew timings)."""
    def sample() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stat:
            values = [int(v) for v in stat.readline().split()[1:]]
        idle = values[3] + values[4]
        return sum(values), idle

    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return 1.0 - (idle1 - idle0) / max(total1 - total0, 1)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- terminal figures -------------------------------------------------------------------------


APPS = {
    "hello": (HELLO, HELLO_MARK),
    "cramp": ([CRAMP], HOME_MARK),
    "now": ([CRAMP, "now", "--where", "calf"], STEP_MARK),
}


def first_frame_once(name: str, env: dict[str, str]) -> tuple[float, int | None]:
    argv, marker = APPS[name]
    proc = PtyProcess(argv, env=env, cwd=str(ROOT))
    try:
        started = proc.start()
        shown = proc.wait_for(marker, timeout=20)
        peak = proc.vm_hwm_kib()
        return ms(shown - started), peak
    finally:
        proc.close()


def first_frames(runs: int, env: dict[str, str]) -> dict[str, dict[str, list[float]]]:
    times: dict[str, list[float]] = {n: [] for n in APPS}
    memory: dict[str, list[float]] = {n: [] for n in APPS}
    for name in APPS:  # warm the page cache and the .pyc files; not counted
        first_frame_once(name, env)
    for _ in range(runs):
        for name in APPS:  # alternated: hello, cramp, now, hello, ...
            elapsed, peak = first_frame_once(name, env)
            times[name].append(elapsed)
            if peak is not None:
                memory[name].append(peak / 1024.0)
    return {"time": times, "memory": memory}


def key_latency(argv: list[str], ready: str, key: str, marker: str, back: str,
                back_marker: str, presses: int, env: dict[str, str]) -> list[float]:
    """Press `key` and time until `marker` is read; `back` undoes it (not timed)."""
    proc = PtyProcess(argv, env=env, cwd=str(ROOT))
    samples = []
    try:
        proc.start()
        proc.wait_for(ready, timeout=20)
        proc.drain(quiet=0.3)  # let Home preload the guides, as a person would wait anyway
        for _ in range(presses):
            proc.drain(quiet=0.08)
            proc.clear()
            sent = proc.send(key)
            shown = proc.wait_for(marker, timeout=10)
            samples.append(ms(shown - sent))
            proc.drain(quiet=0.08)
            proc.clear()
            proc.send(back)
            proc.wait_for(back_marker, timeout=10)
    finally:
        proc.close()
    return samples


def key_figures(presses: int, env: dict[str, str], blocks: int = 2) -> list[Figure]:
    # Alternate baseline and cramp in blocks so drift hits both.
    screen_base, screen_cramp, within_base, within_cramp = [], [], [], []
    each = max(1, presses // blocks)
    for _ in range(blocks):
        screen_base += key_latency(HELLO, HELLO_MARK, "s", "A second screen", "b", HELLO_MARK,
                                   each, env)
        screen_cramp += key_latency([CRAMP], HOME_MARK, "enter", "Where is the cramp?", "escape",
                                    HOME_MARK, each, env)
        within_base += key_latency(HELLO, HELLO_MARK, "u", "Changed text", "u", HELLO_MARK,
                                   each, env)
        within_cramp += key_latency([CRAMP, "now", "--where", "calf"], STEP_MARK, "h",
                                    "Now: yes.", "h", "Now: no, alone.", each, env)
    return [
        Figure("key -> new screen: Home Enter -> 'Where is the cramp?'", "ms", screen_cramp,
               "median <= 2x, p95 <= 3x", "hello: push a Screen", screen_base,
               max_ratio=2.0, max_p95_ratio=3.0,
               note="first press of each process included (it imports the next screen)"),
        Figure("key -> change within a screen: stretch 'h' -> 'Now: yes.'", "ms",
               within_cramp, "median <= 2x, p95 <= 3x", "hello: update a Static",
               within_base, max_ratio=2.0, max_p95_ratio=3.0),
    ]


SEARCH_WORD = "magnesium"


def _first_key_once(keys: list[tuple[str, str]], env: dict[str, str]) -> float:
    """A new `cramp` at Home (its guides preloaded, as a person would wait anyway): send each
    key and wait for its marker; the time from the first key to the last marker (cold: the
    first time this process opens that screen)."""
    proc = PtyProcess([CRAMP], env=env, cwd=str(ROOT))
    try:
        proc.start()
        proc.wait_for(HOME_MARK, timeout=20)
        proc.drain(quiet=0.3)
        proc.clear()
        first = None
        for key, marker in keys:
            sent = proc.send(key)
            first = sent if first is None else first
            shown = proc.wait_for(marker, timeout=10)
        return ms(shown - first)
    finally:
        proc.close()


def _felt_markers() -> tuple[str, str]:
    """What shows that the search found its pages, and that the library's first page is drawn:
    the status line with the number of pages for SEARCH_WORD, and the first words of the first
    page's text (the library opens at the first page by title)."""
    from tui.content import load_library
    from tui.content.markdown import parse
    from tui.content.search import search

    library = load_library().library
    count = len(search(library, SEARCH_WORD))
    first = min(library.pages.values(), key=lambda page: page.title.casefold())
    words = next(s.text for s in parse(first.body).sections if s.text).split()[:3]
    return f"{count} page{'s' if count != 1 else ''}. Enter opens", " ".join(words)


def felt_figures(runs: int, env: dict[str, str]) -> list[Figure]:
    """The first search and the first library page, each in a new process, next to the bare
    Textual screen push."""
    found, page_words = _felt_markers()
    push, searched, library = [], [], []
    for _ in range(runs):
        push += key_latency(HELLO, HELLO_MARK, "s", "A second screen", "b", HELLO_MARK, 2, env)
        searched.append(_first_key_once([("/", "Search the library"), (SEARCH_WORD, found)],
                                        env))
        library.append(_first_key_once([("l", page_words)], env))
    return [
        Figure(f"first search: '/' and '{SEARCH_WORD}' -> its results (cold)", "ms", searched,
               "<= 3x", "hello: push a Screen", push, max_ratio=3.0,
               note="a new process each time: the search screen, the index and the first query"),
        Figure("first library page: 'l' -> the first page's words (cold)", "ms", library,
               "(info)", "hello: push a Screen", push,
               note="a new process each time: the library screen, Textual's Markdown widget and "
               "the page"),
    ]


def hold_figures(holds: int, env: dict[str, str]) -> list[Figure]:
    """Space starts each hold (after a release it starts the next one). Not 'n': the third
    "still cramping" rightly asks the blood-clot question first."""
    ends = []
    proc = PtyProcess([CRAMP, "now", "--where", "calf"], env=env, cwd=str(ROOT))
    try:
        proc.start()
        proc.wait_for(STEP_MARK, timeout=20)
        proc.drain(quiet=0.2)
        for index in range(holds):
            proc.drain(quiet=0.03)
            proc.clear()
            sent = proc.send("space")
            proc.wait_for(HOLDING, timeout=5)
            proc.clear()
            shown = proc.wait_for(RELEASE, timeout=15)
            ends.append(shown - sent)
            progress(f"  hold {index + 1}/{holds}: {ends[-1]:.3f} s")
    finally:
        proc.close()
    errors = [e - 5.0 for e in ends]
    drift = max(errors) - min(errors)
    return [
        Figure(f"hold timer: key -> 'Release' ({holds} holds)", "s", ends, "5.00 s +- 0.05 s",
               within=(4.95, 5.05),
               note="end errors (ms): " + ", ".join(f"{ms(e):+.0f}" for e in errors)),
        Figure(f"hold timer: drift across {holds} holds (max - min end error)", "s", [drift],
               "< 0.05 s", max_abs=0.05 - 1e-9),
    ]


# -- plain mode -------------------------------------------------------------------------------


def plain_once(env: dict[str, str], fresh_cache: Path | None = None) -> float:
    if fresh_cache is not None:  # a first run: nothing validated is cached yet
        shutil.rmtree(fresh_cache, ignore_errors=True)
        env = {**env, "CRAMP_CACHE_DIR": str(fresh_cache)}
    argv = [PYTHON, "-m", "tui", "now", "--plain", "--where", "calf"]
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, cwd=str(ROOT))
    try:
        seen = b""
        fd = proc.stdout.fileno()
        while b"Do:" not in seen:
            chunk = os.read(fd, 65536)
            if not chunk:
                raise RuntimeError(f"plain mode ended without a 'Do:' line: {seen[-300:]!r}")
            seen += chunk
        return ms(time.perf_counter() - started)
    finally:
        proc.kill()
        proc.wait()
        proc.stdin.close()
        proc.stdout.close()


def python_pass_once(env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([PYTHON, "-c", "pass"], env=env, check=True)
    return ms(time.perf_counter() - started)


def plain_figures(runs: int, env: dict[str, str]) -> list[Figure]:
    try:
        import tui.plain.walker  # noqa: F401
    except ImportError:
        return [Figure("plain mode: first instruction", "ms", [], "<= 80 ms", available=False,
                       note="not available: tui/plain/walker.py is missing")]
    plain_once(env)
    python_pass_once(env)
    plain, bare, first = [], [], []
    fresh = Path(env["CRAMP_CACHE_DIR"]).with_name("fresh-cache")
    for _ in range(runs):
        bare.append(python_pass_once(env))
        plain.append(plain_once(env))
        if len(first) < max(3, runs // 3):
            first.append(plain_once(env, fresh_cache=fresh))
    return [Figure("plain mode: `now --plain --where calf` -> 'Do:' line", "ms", plain,
                   "<= 4x", "python -c pass", bare, max_ratio=4.0,
                   note="validated guides cached (every run after the first)"),
            Figure("plain mode, first run (empty content cache)", "ms", first, "(info)",
                   "python -c pass", bare, note="parses and validates the guides with pydantic, "
                   "then writes the cache")]


# -- content ----------------------------------------------------------------------------------


def _load_tree(root: Path):
    """What load_library does for the bundled tree: parse, validate, build the Library."""
    from tui.content import ContentError
    from tui.content.library import Library
    from tui.content.loader import parse_dir
    from tui.content.validate import check

    parsed = parse_dir(root)
    problems = parsed.problems + check(parsed)
    if problems:
        raise ContentError(problems)
    return Library.build([s for _, s in parsed.sources], [f for _, f in parsed.flows],
                         [p for _, p in parsed.pages], parsed.danger[1] if parsed.danger else None)


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        fn()
        out.append(ms(time.perf_counter() - started))
    return out


COLD_LOAD = ("import time; t = time.perf_counter(); from tui.content import load_library; "
             "load_library(); print((time.perf_counter() - t) * 1000)")


def _forget_parsed_pages() -> None:
    """Each run parses the pages afresh: tui.content.markdown remembers the pages it parsed."""
    try:
        from tui.content.markdown import parse
    except ImportError:
        return
    parse.cache_clear()


def _uncached(fn, cache_dir: Path):
    """Run `fn` with an empty content cache (when tui.content has one), parsing every page."""
    def run():
        shutil.rmtree(cache_dir, ignore_errors=True)
        _forget_parsed_pages()
        return fn()
    return run


def _read_and_parse(root: Path, markdown: bool = True) -> int:
    """The baseline for loading: read every guide file and parse it as what it is, with no
    validation, no graph check, no Library and no cache. A flow or sources file is TOML; a page
    is TOML front matter and a Markdown body, parsed by the same parser cramp uses (markdown-it,
    commonmark with tables), as any program reading these files must. `markdown=False` parses
    only the TOML: the baseline before the pages' Markdown was parsed on every load (issue 9)."""
    import tomllib

    parse_markdown = _markdown_parser().parse if markdown else None
    count = 0
    for path in sorted(root.rglob("*")):
        if path.suffix == ".toml":
            tomllib.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".md" and path.parent.name == "pages":
            text = path.read_text(encoding="utf-8")
            front = text.split("+++", 2)
            tomllib.loads(front[1] if len(front) == 3 else "")
            if parse_markdown:
                parse_markdown(front[-1])
        else:
            continue
        count += 1
    return count


@functools.lru_cache(maxsize=1)
def _markdown_parser():
    """Made once, as cramp makes its parsers once."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def load_figures(runs: int, sizes: tuple[int, ...], big_runs: int,
                 work: Path) -> tuple[list[Figure], dict[int, Path]]:
    from tui.content import load_library

    from bench.generate import generate

    cache_dir = work / "load-cache"
    os.environ["CRAMP_CACHE_DIR"] = str(cache_dir)  # never the user's own cache
    load_library()  # imports warm
    uncached = _uncached(load_library, cache_dir)
    uncached()
    validate = timed(uncached, runs)
    load_library()
    cached = timed(load_library, runs)
    cold, cold_cached = [], []
    child = {**os.environ, "CRAMP_CACHE_DIR": str(work / "cold-cache")}
    child.pop("PYTHONDONTWRITEBYTECODE", None)
    for _ in range(max(3, runs // 4)):
        shutil.rmtree(work / "cold-cache", ignore_errors=True)
        for into in (cold, cold_cached):  # an empty cache, then the one that run wrote
            out = subprocess.run([PYTHON, "-c", COLD_LOAD], capture_output=True, text=True,
                                 check=True, cwd=str(ROOT), env=child)
            into.append(float(out.stdout.strip()))
    from tui.content import bundled_guides_dir

    just_parse = timed(lambda: _read_and_parse(bundled_guides_dir()), runs)
    toml_only = timed(lambda: _read_and_parse(bundled_guides_dir(), markdown=False), runs)
    figures = [
        Figure("load + validate bundled guides (in-process, imports warm, no cache)", "ms",
               validate, "<= 3x", "read + parse the same files (TOML and Markdown)", just_parse,
               max_ratio=3.0, note="load_library() with an empty content cache: hash the files, "
               "parse, validate, build, write the cache"),
        Figure("load + validate bundled guides, against parsing only their TOML", "ms", validate,
               "(info)", "read + parse the TOML only", toml_only,
               note="the baseline before pages' Markdown was parsed on every load"),
        Figure("load bundled guides from the content cache (in-process)", "ms", cached,
               "(info)"),
        Figure("load + validate bundled guides, new process (imports + load, no cache)", "ms",
               cold, "(info)", note="includes importing pydantic and the models"),
        Figure("load bundled guides, new process (imports + load, cache hit)", "ms",
               cold_cached, "(info)"),
    ]
    trees = {}
    previous = None
    smallest: list[float] = []
    for n in sizes:
        root = work / f"gen-{n}"
        generate(root, flows=n, pages=n)
        trees[n] = root
        samples = timed(lambda root=root: (_forget_parsed_pages(), _load_tree(root)),
                        big_runs if n >= 1000 else runs // 2 or 1)
        growth = ""
        if previous:
            growth = f"x{statistics.median(samples) / previous:.1f} for 10x the content"
        previous = statistics.median(samples)
        smallest = smallest or samples
        linear = [s * n / sizes[0] for s in smallest]  # the smallest tree's time, scaled up
        figures.append(Figure(
            f"load + validate {n:,} generated flows + {n:,} pages", "ms", samples,
            "<= 1.5x linear" if n > sizes[0] else "(growth)",
            f"{sizes[0]} items x{n // sizes[0]}" if n > sizes[0] else None,
            linear if n > sizes[0] else [], max_ratio=1.5 if n > sizes[0] else None,
            note=growth))
    return figures, trees


# -- the diary --------------------------------------------------------------------------------


def diary_figures(quick: bool, work: Path) -> list[Figure]:
    """The diary screen's first frame and a save, with many entries against 10 (bench/diary.py)."""
    from bench import diary

    os.environ["CRAMP_DATA_DIR"] = str(work / "diary-data")  # never the user's own diary
    runs = 2 if quick else 10
    frames = {n: diary.first_frame_samples(n, runs) for n in (10, 1000, 5000)}
    saves = {n: diary.save_samples(n, runs) for n in (10, 5000)}
    return [
        Figure("diary screen first frame, 1,000 entries", "ms", frames[1000], "(info)",
               "10 entries", frames[10]),
        Figure("diary screen first frame, 5,000 entries", "ms", frames[5000], "<= 2x",
               "10 entries", frames[10], max_ratio=2.0),
        Figure("diary: save an entry, 5,000 entries", "ms", saves[5000], "<= 2x",
               "10 entries", saves[10], max_ratio=2.0),
    ]


# -- search -----------------------------------------------------------------------------------

QUERIES = ["calf", "night cramps", "magnesium", "pregnancy", "quinine", "stretch toes shin",
           "when to see a doctor", "potassium banana", "salt water", "xyzzy"]


def search_figures(trees: dict[int, Path], runs: int) -> list[Figure]:
    try:
        import tui.content.search as search
    except ImportError:
        note = "not available: tui/content/search.py is missing"
        return [Figure("search: one query, bundled pages", "ms", [], "< 5 ms", available=False,
                       note=note),
                Figure("search: one query, 1,000 generated pages", "ms", [], "< 20 ms",
                       available=False, note=note)]
    from tui.content import load_library

    from bench.search_api import build_seconds, query_function

    figures = []
    cases = [("bundled pages", load_library().library, 5.0)]
    big = trees.get(1000)
    if big is not None:
        cases.append(("1,000 generated pages", _load_tree(big), 20.0))
    for label, library, limit in cases:
        try:
            query, how = query_function(search, library)
        except Exception as error:  # the module's API is not one we know
            figures.append(Figure(f"search: one query, {label}", "ms", [], f"< {limit:g} ms",
                                  available=False, note=f"not available: {error}"))
            continue
        for q in QUERIES:
            query(q)  # warm
        samples = []
        for _ in range(runs):
            for q in QUERIES:
                started = time.perf_counter()
                query(q)
                samples.append(ms(time.perf_counter() - started))
        figures.append(Figure(f"search: one query, {label}", "ms", samples, f"< {limit:g} ms",
                              max_abs=limit - 1e-9,
                              note=f"{len(QUERIES)} queries x {runs}; {how}"))
        builds = [b for b in (build_seconds(search, library) for _ in range(3)) if b is not None]
        if builds:
            figures.append(Figure(f"search: building the index, {label}", "ms",
                                  [ms(b) for b in builds], "(info)",
                                  note="paid once per library, by the first query"))
    return figures


# -- report -----------------------------------------------------------------------------------


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def table(figures: list[Figure]) -> str:
    head = ["figure", "min", "median", "max", "baseline median", "ratio", "target", "met?"]
    rows = [head, ["---"] * len(head)]
    for f in figures:
        if not f.available:
            rows.append([f.name, "-", "-", "-", "-", "-", f.target, f.note or "not available"])
            continue
        base = (f"{fmt(f.baseline_median, f.unit)} ({f.baseline_name})"
                if f.baseline_name else "-")
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
        if f.max_p95_ratio is not None and f.p95 is not None and f.baseline_median:
            ratio += f" (p95 {f.p95 / f.baseline_median:.2f}x)"
        met = {True: "yes", False: "**NO**", None: "-"}[f.met]
        rows.append([f.name, fmt(f.min, f.unit), fmt(f.median, f.unit), fmt(f.max, f.unit),
                     base, ratio, f.target, met])
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def notes(figures: list[Figure]) -> str:
    return "\n".join(f"- {f.name}: {f.note}" for f in figures if f.note)


# bench/RESULTS.md keeps everything from this line on across runs: what each change bought.
KEPT = "<!-- kept across runs: before and after, written by hand -->"


def write_outputs(figures: list[Figure], meta: dict, quick: bool) -> None:
    results = BENCH / "results"
    results.mkdir(exist_ok=True)
    data = {"meta": meta, "figures": [f.as_json() for f in figures]}
    (results / ("quick.json" if quick else "latest.json")).write_text(
        json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if quick:
        return  # the committed table is only ever a full run
    body = table(figures)
    header = (f"Run {meta['date']} on {meta['machine']} ({meta['cpus']} CPUs), Python "
              f"{meta['python']}, Textual {meta['textual']}; CPU busy before the run: "
              f"{meta['cpu_busy_before']:.0%}, load average {meta['loadavg_before']}.")
    results_md = BENCH / "RESULTS.md"
    old = results_md.read_text(encoding="utf-8") if results_md.exists() else ""
    kept = old[old.index(KEPT):] if KEPT in old else ""  # the history, written by hand
    results_md.write_text(
        "# Benchmark results\n\n"
        "Written by `.venv/bin/python -m bench` (see README.md, Benchmark). Times are wall clock;"
        " ratios are median / baseline median.\n\n"
        f"{header}\n\n{body}\n\nNotes:\n{notes(figures)}\n"
        + (f"\n{kept}" if kept else ""), encoding="utf-8")
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench-table:start -->", "<!-- bench-table:end -->"
    if start in text and end in text:
        before, _, rest = text.partition(start)
        _, _, after = rest.partition(end)
        readme.write_text(f"{before}{start}\n{header}\n\n{body}\n{end}{after}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="under a minute: fewer runs and holds; writes results/quick.json")
    parser.add_argument("--only", action="append", default=[],
                        choices=["frames", "keys", "hold", "speech", "plain", "load", "search",
                                 "diary"],
                        help="run only these parts (repeatable); nothing is written")
    args = parser.parse_args(argv)
    quick = args.quick
    parts = set(args.only) or {"frames", "keys", "hold", "speech", "plain", "load", "search",
                               "diary"}
    import textual

    busy = cpu_busy()
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.system()} {platform.machine()}",
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "textual": getattr(textual, "__version__", "?"),
        "quick": quick,
        "cpu_busy_before": busy,
        "loadavg_before": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
    }
    if busy > 0.25:
        progress(f"warning: the CPU is already {busy:.0%} busy; timings will be skewed")
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="cramp-bench-") as tmp:
        work = Path(tmp)
        env = child_env(work / "home")
        if "frames" in parts:
            progress("first frames (pty, alternated hello / cramp / cramp now)...")
            frames = first_frames(4 if quick else 15, env)
            t, m = frames["time"], frames["memory"]
            figures += [
                Figure("first frame: `cramp` (Home)", "ms", t["cramp"], "<= 1.10x",
                       "hello", t["hello"], max_ratio=1.10),
                Figure("first frame: `cramp now --where calf`", "ms", t["now"], "<= 1.25x",
                       "hello", t["hello"], max_ratio=1.25),
                Figure("memory after first frame: `cramp` (VmHWM)", "MiB", m["cramp"],
                       "<= 1.2x", "hello", m["hello"], max_ratio=1.2),
                Figure("memory after first frame: `cramp now --where calf` (VmHWM)", "MiB",
                       m["now"], "<= 1.2x", "hello", m["hello"], max_ratio=1.2),
            ]
        if "keys" in parts:
            progress("key press -> frame (pty)...")
            figures += key_figures(6 if quick else 20, env, blocks=1 if quick else 2)
            progress("first search and first library page (pty, new process each)...")
            figures += felt_figures(1 if quick else 10, env)
        if "hold" in parts:
            progress("hold timer (pty, real time)...")
            figures += hold_figures(2 if quick else 11, env)
        if "speech" in parts:
            from bench.speech import speech_figures

            progress("speech on vs off (pty, real time, CRAMP_SPEAK_TO)...")
            figures += speech_figures(1 if quick else 7, 4 if quick else 20, env,
                                      blocks=1 if quick else 2)  # --quick stays under 1 min
        if "plain" in parts:
            progress("plain mode...")
            figures += plain_figures(5 if quick else 15, env)
        trees: dict[int, Path] = {}
        if "load" in parts or "search" in parts:
            progress("loading guides...")
            load, trees = load_figures(10 if quick else 30, (10, 100, 1000), 1 if quick else 3,
                                       work)
            if "load" in parts:
                figures += load
        if "search" in parts:
            progress("search...")
            figures += search_figures(trees, 3 if quick else 10)
        if "diary" in parts:
            progress("diary screen with 10, 1,000 and 5,000 entries (in-process, Pilot)...")
            figures += diary_figures(quick, work)
    meta["cpu_busy_after"] = cpu_busy()
    meta["loadavg_after"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(table(figures))
    print()
    print(notes(figures))
    if not args.only:
        write_outputs(figures, meta, quick)
    missed = [f.name for f in figures if f.met is False]
    if missed:
        print(f"\n{len(missed)} target(s) missed.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
