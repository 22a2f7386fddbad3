"""The diary's figures for one period, its week-by-week bars and the signs worth a doctor's visit.

Knows nothing of files: it shows a Summary it is given.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from tui.diary.export import weekly_chart
from tui.diary.summary import Summary, format_date, format_duration


def summary_content(summary: Summary, other_days: int | None = None) -> Content:
    s = summary
    parts: list[tuple[str, str] | str] = []

    def heading(text: str) -> None:
        parts.append((text, "bold"))
        parts.append("\n")

    def line(text: str = "") -> None:
        parts.append(text + "\n")

    switch = f"  (press {str(other_days)[0]} for {other_days} days)" if other_days else ""
    parts.append((f"Last {s.days} days", "bold $accent"))
    line(f", {format_date(s.start)} to {format_date(s.end)}{switch}")
    if s.count:
        share = round(100 * (s.night_share or 0))
        line(f"Cramps: {s.count}    At night or in bed: {s.night_count} of {s.count} "
             f"({share}%)")
        line(f"Average: {format_duration(s.average_seconds or 0)}    "
             f"Longest: {format_duration(s.longest_seconds or 0)}    "
             f"Most often: {s.most_common_site}")
    else:
        line("No cramps logged in this period.")
    line()
    if s.signs:
        parts.append(("See a doctor: what this diary shows", "bold $error"))
        line()
        for sign in s.signs:
            parts.append(("  ! ", "bold $error"))
            line(sign.text)
            line(f"    Why: {sign.reason}")
    else:
        heading("See a doctor")
        line("None of the signs cramp looks for shows here (several cramps a week for weeks, "
             "a cramp over 10 minutes, cramps after a new medicine, a long cramp in "
             "pregnancy). See a doctor anyway if you are worried.")
    line()
    heading(f"Week by week (oldest first, {len(s.weeks)} weeks)")
    for bar in weekly_chart(s):
        line(f"  {bar}")
    return Content.assemble(*parts).rstrip()


class DiarySummary(Static):
    """Shows one Summary; `show` swaps it (the 30 and 90 day views)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.summary: Summary | None = None

    def show(self, summary: Summary, other_days: int | None = None) -> None:
        self.summary = summary
        self.update(summary_content(summary, other_days))
