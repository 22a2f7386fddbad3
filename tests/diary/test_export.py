"""Exports are pinned by golden files. After an intended change, regenerate them with
CRAMP_UPDATE_GOLDEN=1 and read the diff before committing."""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from tui.diary.export import render, to_csv, to_json, to_markdown, weekly_chart
from tui.diary.models import Entry
from tui.diary.store import DiaryStore
from tui.diary.summary import summarize

from .conftest import CREATED, NOW, at, busy_entries

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("CRAMP_UPDATE_GOLDEN") == "1"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8"), f"differs from golden/{name}"


def saved_entries() -> list[Entry]:
    """busy_entries() as the store returns them: ids in order of adding, created_at fixed."""
    return [replace(e, id=i, created_at=CREATED) for i, e in enumerate(busy_entries(), start=1)]


@pytest.mark.parametrize(("fmt", "name"), [("md", "busy.md"), ("csv", "busy.csv"),
                                           ("json", "busy.json")])
def test_export_matches_golden(fmt: str, name: str) -> None:
    check_golden(name, render(fmt, saved_entries(), now=NOW))


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_export_through_the_store_is_the_same(fmt: str, store: DiaryStore) -> None:
    """The store keeps every field, offset and character the golden files show."""
    for entry in busy_entries():
        store.add(entry)
    assert render(fmt, store.list(), now=NOW) == render(fmt, saved_entries(), now=NOW)


def test_empty_diary_markdown_matches_golden() -> None:
    check_golden("empty.md", to_markdown([], now=NOW))


def test_exports_are_deterministic_whatever_the_input_order() -> None:
    entries = saved_entries()
    for fmt in ("md", "csv", "json"):
        assert render(fmt, entries, now=NOW) == render(fmt, entries[::-1], now=NOW)


def test_markdown_is_a_page_for_a_doctor() -> None:
    text = to_markdown(saved_entries(), now=NOW)
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    assert sections == [
        "## Figures",
        "## Week by week (last 13 weeks)",
        "## Signs to discuss with a doctor (last 90 days)",
        "## Entries (last 90 days: 11)",
    ]
    assert "| Cramps | 10 | 11 |" in text
    assert "not a diagnosis" in text
    assert "Woke me up \\| both legs / walked it off" in text  # the pipe cannot break the table
    assert "stop" not in text.lower().replace("stopped", "")
    assert "1 Jun 2026" not in text  # older than the 90 days shown
    assert "1 Jun 2026" in to_markdown(saved_entries(), now=NOW, days=None)


def test_weekly_chart_bars_scale_to_the_busiest_week() -> None:
    many = [Entry(at("2026-11-20 03:00"), "calf", 60)] * 60
    lines = weekly_chart(summarize(many, days=30, now=NOW))
    assert lines[-1].endswith("#" * 30 + "  60")
    assert lines[0].endswith("  0") and "#" not in lines[0]


def test_csv_reads_back() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(saved_entries(), now=NOW))))
    assert len(rows) == 12
    first = rows[0]  # oldest first
    assert first["started_at"] == "2026-06-01T21:00:00+01:00"
    assert first["preceded_by"] == "other"
    newest = rows[-1]
    assert newest["note"] == "Woke me up | both legs\nwalked it off"
    assert newest["preceded_by"] == "exercise;cold"
    assert (newest["in_bed"], newest["severity"]) == ("true", "6")


def test_json_reads_back_into_entries() -> None:
    document = json.loads(to_json(saved_entries(), now=NOW))
    assert document["format"] == "cramp-diary"
    back = [
        Entry(
            started_at=_dt(r["started_at"]), site=r["site"],
            duration_seconds=r["duration_seconds"], in_bed=r["in_bed"], pregnant=r["pregnant"],
            helper=r["helper"], preceded_by=r["preceded_by"], severity=r["severity"],
            note=r["note"], id=r["id"], created_at=_dt(r["created_at"]),
        )
        for r in document["entries"]
    ]
    assert sorted(back, key=lambda e: e.id) == saved_entries()


def test_days_limits_the_rows() -> None:
    rows = json.loads(to_json(saved_entries(), now=NOW, days=7))["entries"]
    assert [r["id"] for r in rows] == [3, 2, 1]  # 16, 18 and 20 Nov, oldest first


def test_unknown_format() -> None:
    with pytest.raises(ValueError):
        render("xml", [], now=NOW)


def _dt(text: str):
    from datetime import datetime

    return datetime.fromisoformat(text)
