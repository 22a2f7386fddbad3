"""Notes are plain text: bidi overrides and isolates (they can make "3 min" read as "nim 3" or
hide words), zero-width characters and other control characters are removed on the way in and on
the way out, as the guides refuse them too."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from tui.diary.models import Entry, clean_text
from tui.diary.store import DiaryStore

from .conftest import NOW, cramp

INVISIBLE = (
    [chr(c) for c in range(0x202A, 0x202F)]  # LRE RLE PDF LRO RLO
    + [chr(c) for c in range(0x2066, 0x206A)]  # LRI RLI FSI PDI
    + ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]  # zero width, word joiner, BOM
    + ["\u200e", "\u200f", "\u061c", "\u00ad"]  # marks and a soft hyphen: format characters
    + ["\x1b", "\x07", "\x00", "\x7f", "\x9b", "\r"]  # C0, DEL, C1 (CSI)
)
HOSTILE = "took \u202emagnesium\u202c 2x\u200b at\ufeff night\x1b[2J\u2066!\u2069"
CLEAN = "took magnesium 2x at night[2J!"


def shows_none(text: str) -> bool:
    return not any(char in text for char in INVISIBLE)


def test_the_one_cleaning_function() -> None:
    assert clean_text(HOSTILE) == CLEAN
    assert clean_text("line one\r\nline two\tand a tab") == "line one\nline two\tand a tab"
    assert clean_text("a\u2028b") == "a\nb"  # a line separator is a line break, visibly
    assert clean_text("café ü 日本 🙂") == "café ü 日本 🙂"  # letters and emoji are kept
    assert all(clean_text(f"a{char}b") == "ab" for char in INVISIBLE if char != "\r")


def test_a_note_is_cleaned_on_the_way_in(data_dir: Path) -> None:
    result = cramp("add", "--where", "calf", "--minutes", "2", "--note", HOSTILE)
    assert result.returncode == 0, result.stderr
    with DiaryStore(data_dir / "diary.sqlite3") as store:
        [entry] = store.list()
    assert entry.note == CLEAN
    assert Entry(NOW, "calf", 60, note=HOSTILE).note == CLEAN


@pytest.fixture
def planted(store: DiaryStore, diary_file: Path) -> Path:
    """A note that reached the file some other way (an older cramp, another tool)."""
    saved = store.add(Entry(NOW, "calf", 120, note="placeholder"))
    store.close()
    conn = sqlite3.connect(diary_file)
    conn.execute("UPDATE entries SET note = ? WHERE id = ?", (HOSTILE, saved.id))
    conn.commit()
    conn.close()
    return diary_file


def test_list_shows_the_note_without_them(planted: Path) -> None:
    result = cramp("list")
    assert result.returncode == 0, result.stderr
    assert "took magnesium 2x at night" in result.stdout
    assert shows_none(result.stdout + result.stderr)


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_every_export_has_the_note_without_them(planted: Path, fmt: str) -> None:
    result = cramp("export", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert shows_none(result.stdout)
    if fmt == "csv":
        [row] = csv.DictReader(io.StringIO(result.stdout))
        assert row["note"] == CLEAN
    elif fmt == "json":
        [entry] = json.loads(result.stdout)["entries"]
        assert entry["note"] == CLEAN
    else:  # Markdown: the bracket is escaped, so a viewer shows it rather than acting on it
        assert "| took magnesium 2x at night\\[2J! |" in result.stdout


def test_markdown_shows_a_note_as_text_not_as_html_or_a_link(data_dir: Path) -> None:
    note = "<img src=x onerror=alert(1)> see [my page](http://example.com) `x` *y* took_it"
    assert cramp("add", "--where", "calf", "--minutes", "2", "--note", note).returncode == 0
    result = cramp("export", "--format", "md")
    assert result.returncode == 0, result.stderr
    cell = ("\\<img src=x onerror=alert(1)\\> see \\[my page\\](http://example.com) \\`x\\` "
            "\\*y\\* took_it")
    assert f"| {cell} |" in result.stdout
    assert "<img" not in result.stdout.replace("\\<img", "")
