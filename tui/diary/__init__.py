"""The cramp diary: entries in one owner-only SQLite file, summaries and exports.

    from tui.diary import open_diary, Entry
    with open_diary() as diary:
        saved = diary.add(Entry(started_at=datetime.now().astimezone(), site="calf",
                                duration_seconds=180, in_bed=True))

Names are loaded on first use (PEP 562), so importing tui.diary.models does not pull in sqlite3.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Entry": "models", "SITE_PATTERN": "models", "TRIGGERS": "models", "DiaryError": "models",
    "InvalidEntry": "models",
    "DiaryStore": "store", "open_diary": "store", "DiaryUnavailable": "store",
    "EntryNotFound": "store", "CURRENT_VERSION": "store",
    "Summary": "summary", "Sign": "summary", "WeekCount": "summary", "summarize": "summary",
    "format_duration": "summary", "format_date": "summary",
    "render": "export", "to_markdown": "export", "to_csv": "export", "to_json": "export",
    "FORMATS": "export",
    "diary_path": "paths", "data_dir": "paths",
}
# Spelled out (not sorted(_EXPORTS)) so linters and type checkers see the public names.
__all__ = [
    "CURRENT_VERSION", "FORMATS", "SITE_PATTERN", "TRIGGERS", "DiaryError", "DiaryStore",
    "DiaryUnavailable", "Entry", "EntryNotFound", "InvalidEntry", "Sign", "Summary", "WeekCount",
    "data_dir", "diary_path", "format_date", "format_duration", "open_diary", "render",
    "summarize", "to_csv", "to_json", "to_markdown",
]

if TYPE_CHECKING:
    from tui.diary.export import FORMATS, render, to_csv, to_json, to_markdown
    from tui.diary.models import SITE_PATTERN, TRIGGERS, DiaryError, Entry, InvalidEntry
    from tui.diary.paths import data_dir, diary_path
    from tui.diary.store import (
        CURRENT_VERSION, DiaryStore, DiaryUnavailable, EntryNotFound, open_diary,
    )
    from tui.diary.summary import (
        Sign, Summary, WeekCount, format_date, format_duration, summarize,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tui.diary' has no attribute {name!r}")
    value = getattr(import_module(f"tui.diary.{module}"), name)
    globals()[name] = value
    return value
