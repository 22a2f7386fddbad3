"""The diary screen with years of entries: its first frame and a save, headless (Pilot).

    .venv/bin/python -m bench.diary            # prints a small table
    .venv/bin/python -m bench.diary --quick

`first_frame_ms(n)` times pushing the diary screen until its first refresh has been drawn, with
`n` entries in a fresh diary; `save_ms(n)` times Enter on the edit form until the diary screen
shows the changed row (the write runs in a worker thread). Each returns (min, median, max) in ms.
Targets (issue 18): with 5,000 entries, at most 2x the time with 10. Runs in-process with its own
CRAMP_* directories, so nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterator

Stats = tuple[float, float, float]  # min, median, max in ms
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=timezone(timedelta(hours=1)))
SITES = ("calf", "hamstring", "quad", "foot")


def _stats(samples: list[float]) -> Stats:
    return (min(samples), statistics.median(samples), max(samples))


@contextmanager
def _diary_with(entries: int) -> Iterator[Path]:
    """Fresh CRAMP_* directories holding a diary of `entries` entries, about 3 a day."""
    from tui.diary.models import Entry
    from tui.diary.store import DiaryStore

    saved = {name: os.environ.get(name) for name in
             ("CRAMP_DATA_DIR", "CRAMP_CONFIG_DIR", "CRAMP_CACHE_DIR")}
    with tempfile.TemporaryDirectory(prefix="cramp-bench-diary-") as root:
        for name in saved:
            os.environ[name] = str(Path(root) / name.split("_")[1].lower())
        with DiaryStore(clock=lambda: NOW) as diary:
            diary.import_entries(
                Entry(NOW - timedelta(hours=8 * n + n % 5), SITES[n % 4], 30 + n % 400,
                      in_bed=n % 3 == 0, severity=n % 10 + 1 if n % 4 else None,
                      note=f"entry {n}: woke at night" if n % 2 else "")
                for n in range(entries))
        try:
            yield Path(root)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


async def _settled(pilot) -> None:
    """Let the app finish starting (guides loaded, screens imported) before timing anything."""
    pilot.app.preload()
    for _ in range(3):
        await pilot.pause()


async def _first_frame(pilot) -> float:
    from tui.app.screens.diary import DiaryScreen

    drawn = asyncio.Event()
    started = time.perf_counter()
    screen = DiaryScreen(now=NOW, watch_every=None)
    await pilot.app.push_screen(screen)
    screen.call_after_refresh(drawn.set)
    await drawn.wait()
    return (time.perf_counter() - started) * 1000


def _in_app(entries: int, session: Callable[[Any], Awaitable[list[float]]]) -> list[float]:
    """Run `session(pilot)` in a headless app, started and settled, over a diary of `entries`;
    it returns its samples in ms (the first run, which pays for imports, left out)."""
    from tui.app.app import make_app
    from tui.settings import Settings

    async def measure() -> list[float]:
        app = make_app(settings=Settings())
        async with app.run_test(size=(80, 24)) as pilot:
            await _settled(pilot)
            return (await session(pilot))[1:]

    with _diary_with(entries):
        return asyncio.run(measure())


def first_frame_ms(entries: int, runs: int = 10) -> Stats:
    """The diary screen's first frame with `entries` entries (min, median, max ms)."""
    return _stats(first_frame_samples(entries, runs))


def first_frame_samples(entries: int, runs: int = 10) -> list[float]:
    """Each run's time to the diary screen's first frame, in ms."""

    async def session(pilot: Any) -> list[float]:
        samples = []
        for _ in range(runs + 1):
            samples.append(await _first_frame(pilot))
            await pilot.press("escape")
            await pilot.pause()
        return samples

    return _in_app(entries, session)


def save_ms(entries: int, runs: int = 10) -> Stats:
    """Enter on the edit form until the diary shows the changed row (min, median, max ms)."""
    return _stats(save_samples(entries, runs))


def save_samples(entries: int, runs: int = 10) -> list[float]:
    """Each save's time, Enter on the edit form until the diary shows the changed row, in ms."""

    async def session(pilot: Any) -> list[float]:
        app = pilot.app
        await _first_frame(pilot)
        diary = app.screen
        for _ in range(200):  # wait for the whole diary to be read
            if diary.loaded:
                break
            await pilot.pause(0.01)
        samples = []
        for _ in range(runs + 1):
            await pilot.press("e", "w")  # edit the newest entry: the next site
            expected = app.screen.entry.site
            started = time.perf_counter()
            await pilot.press("enter")
            while not (app.screen is diary and diary.highlighted is not None
                       and diary.highlighted.site == expected):
                await asyncio.sleep(0.0005)
            samples.append((time.perf_counter() - started) * 1000)
        return samples

    return _in_app(entries, session)


def figures(quick: bool = False) -> list[tuple[str, Stats]]:
    runs = 5 if quick else 15
    result = [(f"diary first frame, {n:,} entries", first_frame_ms(n, runs))
              for n in (10, 1000, 5000)]
    result += [(f"diary save, {n:,} entries", save_ms(n, runs)) for n in (10, 5000)]
    return result


def table(rows: list[tuple[str, Stats]]) -> str:
    base = {"first frame": rows[0][1][1], "save": rows[3][1][1]}
    lines = [f"{'figure':<34} {'min':>8} {'median':>8} {'max':>8} {'x at 10':>8}"]
    for name, (low, mid, high) in rows:
        kind = "first frame" if "first frame" in name else "save"
        lines.append(f"{name:<34} {low:>6.1f}ms {mid:>6.1f}ms {high:>6.1f}ms "
                     f"{mid / base[kind]:>7.2f}x")
    lines.append("target: with 5,000 entries at most 2x the time with 10")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.diary", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5 runs each instead of 15")
    args = parser.parse_args(argv)
    print(table(figures(args.quick)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
