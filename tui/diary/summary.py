"""What a run of entries shows: pure functions, no file, no clock (the caller passes `now`).

Days are calendar days on the clock where each cramp happened: "the last 30 days" is today and
the 29 days before it, and a week is 7 such days ending today, 7 days earlier, and so on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Iterable

from tui.diary.models import Entry

LONG_SECONDS = 10 * 60  # NHS/NHS inform/nidirect threshold: a cramp over 10 minutes
FREQUENT_PER_WEEK = 3  # CKS: ">= 3 attacks a week" is the frequent group
FREQUENT_WEEKS, FREQUENT_OUT_OF = 3, 4  # ... in at least 3 of the last 4 weeks

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Sign:
    """A reason to see a doctor that the diary itself shows."""

    code: str  # "frequent" | "long" | "new-medicine" | "pregnancy-long"
    text: str  # what to do, one plain sentence or two
    reason: str  # what in the diary shows it


@dataclass(frozen=True)
class WeekCount:
    start: date
    end: date  # inclusive
    count: int


@dataclass(frozen=True)
class Summary:
    days: int
    start: date  # first day of the period
    end: date  # today
    count: int
    night_count: int
    night_share: float | None  # 0..1; None when there is nothing to share
    average_seconds: float | None
    longest_seconds: int | None
    most_common_site: str | None
    # Oldest first, ceil(days / 7) of them, covering exactly the period: the oldest is shorter
    # when `days` is not a whole number of weeks, so the bars add up to `count`.
    weeks: tuple[WeekCount, ...]
    signs: tuple[Sign, ...]


def format_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def format_date(day: date) -> str:
    """Month names spelled out by us, not strftime: the output must not depend on the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def period_start(now: datetime, days: int) -> datetime:
    """Midnight at the start of the first day of the last `days` days, on `now`'s clock."""
    first = now.date() - timedelta(days=days - 1)
    return datetime.combine(first, time(0), tzinfo=now.tzinfo)


def week_counts(
    entries: Iterable[Entry], today: date, weeks: int, first: date | None = None
) -> tuple[WeekCount, ...]:
    """Counts for 7-day weeks ending today, oldest first; none starts before `first`."""
    counts = Counter(e.started_at.date() for e in entries)
    result = []
    for i in reversed(range(weeks)):
        end = today - timedelta(days=7 * i)
        start = end - timedelta(days=6)
        if first is not None and start < first:
            start = first
        total = sum(counts[start + timedelta(days=d)] for d in range((end - start).days + 1))
        result.append(WeekCount(start, end, total))
    return tuple(result)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _signs(all_entries: list[Entry], period: list[Entry], today: date, days: int) -> list[Sign]:
    signs: list[Sign] = []
    recent = week_counts(all_entries, today, FREQUENT_OUT_OF)
    busy = sum(1 for w in recent if w.count >= FREQUENT_PER_WEEK)
    if busy >= FREQUENT_WEEKS:
        signs.append(Sign(
            "frequent",
            "Cramps several times a week for weeks: see a doctor (GP) about them.",
            f"{FREQUENT_PER_WEEK} or more cramps a week in {busy} of the last "
            f"{FREQUENT_OUT_OF} weeks (oldest first: {', '.join(str(w.count) for w in recent)}).",
        ))

    span = f"in the last {days} days"
    long = [e for e in period if e.duration_seconds > LONG_SECONDS]
    long_pregnant = [e for e in long if e.pregnant]
    long_other = [e for e in long if not e.pregnant]
    if long_other:
        worst = max(long_other, key=lambda e: (e.duration_seconds, e.started_at))
        signs.append(Sign(
            "long",
            "A cramp lasted over 10 minutes: see a doctor. If a cramp lasts over 10 minutes and "
            "does not ease when you move, get urgent medical advice.",
            f"{_plural(len(long_other), 'cramp')} {span} lasted over 10 minutes (longest: "
            f"{format_duration(worst.duration_seconds)}, {worst.site}, on "
            f"{format_date(worst.started_at.date())}).",
        ))
    if long_pregnant:
        worst = max(long_pregnant, key=lambda e: (e.duration_seconds, e.started_at))
        signs.append(Sign(
            "pregnancy-long",
            "A long cramp in pregnancy: tell your midwife or doctor. If the leg is also swollen, "
            "red, warm or painful all the time, call your midwife, GP or maternity unit now: "
            "it can be a blood clot.",
            f"{_plural(len(long_pregnant), 'cramp')} in pregnancy {span} lasted over 10 minutes "
            f"(longest: {format_duration(worst.duration_seconds)}, {worst.site}, on "
            f"{format_date(worst.started_at.date())}).",
        ))
    # The app never tells anyone to stop a medicine: the prescriber decides.
    after_medicine = [e for e in period if "new-medicine" in e.preceded_by]
    if after_medicine:
        first = min(after_medicine, key=lambda e: e.started_at)
        signs.append(Sign(
            "new-medicine",
            "Cramps came after a new medicine: talk to the prescriber (your doctor or "
            "pharmacist) about it in the next day or two.",
            f"{_plural(len(after_medicine), 'cramp')} {span} logged after a new medicine "
            f"(first on {format_date(first.started_at.date())}).",
        ))
    return signs


def summarize(entries: Iterable[Entry], *, days: int = 30, now: datetime) -> Summary:
    """Figures for the last `days` days up to `now` (aware). `entries` may hold any dates: the
    weekly chart and the "several a week" sign look at their own windows."""
    if days < 1:
        raise ValueError("days must be at least 1")
    if now.utcoffset() is None:
        raise ValueError("now needs a time zone offset")
    today = now.date()
    first = today - timedelta(days=days - 1)
    everything = [e for e in entries if e.started_at.date() <= today]
    period = [e for e in everything if e.started_at.date() >= first]
    count = len(period)
    night = sum(1 for e in period if e.at_night)
    sites = Counter(e.site for e in period)
    # A tie goes to the alphabetically first site: the same answer on every run.
    most_common = min(sites, key=lambda s: (-sites[s], s)) if sites else None
    return Summary(
        days=days,
        start=first,
        end=today,
        count=count,
        night_count=night,
        night_share=night / count if count else None,
        average_seconds=sum(e.duration_seconds for e in period) / count if count else None,
        longest_seconds=max((e.duration_seconds for e in period), default=None),
        most_common_site=most_common,
        weeks=week_counts(period, today, -(-days // 7), first),
        signs=tuple(_signs(everything, period, today, days)),
    )
