"""Summary figures on known data, the weekly counts and the doctor signs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.diary.models import Entry
from tui.diary.store import DiaryStore
from tui.diary.summary import format_date, format_duration, summarize

from .conftest import NEW_YORK, NOW, at, busy_entries

SITES = ("calf", "hamstring", "quad", "foot", "shin")  # "shin": a site only a guide defines


def codes(summary) -> list[str]:
    return [s.code for s in summary.signs]


def test_thirty_days_on_known_data() -> None:
    s = summarize(busy_entries(), days=30, now=NOW)
    assert (s.start, s.end) == (date(2026, 10, 23), date(2026, 11, 21))
    assert s.count == 10
    assert s.night_count == 7  # 03:10, 23:30, 02:00, 23:50 NY, 06:45, 22:00, 06:59
    assert s.night_share == pytest.approx(0.7)
    assert s.average_seconds == pytest.approx(183.5)
    assert s.longest_seconds == 720
    assert s.most_common_site == "calf"
    assert [(w.start, w.end, w.count) for w in s.weeks] == [
        (date(2026, 10, 23), date(2026, 10, 24), 0),  # the period's first two days only
        (date(2026, 10, 25), date(2026, 10, 31), 3),
        (date(2026, 11, 1), date(2026, 11, 7), 1),
        (date(2026, 11, 8), date(2026, 11, 14), 3),
        (date(2026, 11, 15), date(2026, 11, 21), 3),
    ]
    assert codes(s) == ["frequent", "long", "new-medicine"]


def test_ninety_days_on_known_data() -> None:
    s = summarize(busy_entries(), days=90, now=NOW)
    assert s.start == date(2026, 8, 24)
    assert s.count == 11  # the June entry is outside
    assert s.night_count == 8
    assert s.average_seconds == pytest.approx(2495 / 11)
    assert s.longest_seconds == 720
    assert len(s.weeks) == 13 and s.weeks[-1].end == NOW.date()
    assert sum(w.count for w in s.weeks) == 11
    assert codes(s) == ["frequent", "long", "pregnancy-long", "new-medicine"]


def test_store_summary_matches_the_pure_function(store: DiaryStore) -> None:
    for entry in busy_entries():
        store.add(entry)
    assert store.summary(days=30, now=NOW) == summarize(busy_entries(), days=30, now=NOW)
    assert store.summary(days=90, now=NOW) == summarize(busy_entries(), days=90, now=NOW)


def test_sign_sentences_give_their_reasons() -> None:
    signs = {s.code: s for s in summarize(busy_entries(), days=90, now=NOW).signs}
    assert signs["frequent"].reason == (
        "3 or more cramps a week in 3 of the last 4 weeks (oldest first: 3, 1, 3, 3)."
    )
    assert signs["long"].reason == (
        "1 cramp in the last 90 days lasted over 10 minutes (longest: 12 min, calf, on "
        "13 Nov 2026)."
    )
    assert "midwife" in signs["pregnancy-long"].text
    assert "11 min" in signs["pregnancy-long"].reason
    assert "prescriber" in signs["new-medicine"].text
    assert "3 Nov 2026" in signs["new-medicine"].reason
    for sign in signs.values():
        assert sign.text.endswith(".") and sign.reason.endswith(".")
        # Never tell anyone to stop a medicine (design, safety rule 5).
        assert "stop" not in (sign.text + sign.reason).lower()


def test_empty_diary() -> None:
    s = summarize([], days=30, now=NOW)
    assert s.count == 0
    assert (s.night_share, s.average_seconds, s.longest_seconds, s.most_common_site) == (
        None, None, None, None)
    assert [w.count for w in s.weeks] == [0] * 5
    assert s.signs == ()


@pytest.mark.parametrize(
    ("clock", "in_bed", "night"),
    [("21:59", False, False), ("22:00", False, True), ("00:30", False, True),
     ("06:59", False, True), ("07:00", False, False), ("14:00", True, True)],
)
def test_night_is_22_to_06_59_local_or_in_bed(clock: str, in_bed: bool, night: bool) -> None:
    entry = Entry(at(f"2026-11-20 {clock}"), "calf", 60, in_bed=in_bed)
    assert entry.at_night is night
    assert summarize([entry], days=30, now=NOW).night_count == int(night)


def test_night_uses_the_clock_where_the_cramp_happened() -> None:
    # 20:00 in New York is 02:00 in Paris, 06:00 in New York is noon in Paris: what counts is
    # the clock where it happened, never the reader's.
    assert not Entry(at("2026-11-20 20:00", NEW_YORK), "calf", 60).at_night
    assert Entry(at("2026-11-20 06:00", NEW_YORK), "calf", 60).at_night


def test_long_means_over_ten_minutes() -> None:
    exactly = Entry(at("2026-11-20 03:00"), "calf", 600)
    assert "long" not in codes(summarize([exactly], days=30, now=NOW))
    assert "long" in codes(summarize([replace(exactly, duration_seconds=601)], days=30, now=NOW))


def test_long_in_pregnancy_has_its_own_sign() -> None:
    pregnant = Entry(at("2026-11-20 03:00"), "calf", 700, pregnant=True)
    assert codes(summarize([pregnant], days=30, now=NOW)) == ["pregnancy-long"]
    short = replace(pregnant, duration_seconds=120)
    assert codes(summarize([short], days=30, now=NOW)) == []


def test_frequent_needs_three_busy_weeks_of_the_last_four() -> None:
    def week(n_days_ago: int, count: int) -> list[Entry]:
        day = NOW - timedelta(days=n_days_ago)
        return [Entry(day - timedelta(hours=i), "calf", 60) for i in range(count)]

    two_busy = week(0, 3) + week(7, 3) + week(14, 2) + week(21, 2)
    assert "frequent" not in codes(summarize(two_busy, days=30, now=NOW))
    three_busy = week(0, 3) + week(7, 2) + week(14, 3) + week(21, 4)
    assert "frequent" in codes(summarize(three_busy, days=30, now=NOW))
    old_busy = week(28, 5) + week(35, 5) + week(42, 5)  # weeks 5-7 ago: not "for weeks" now
    assert "frequent" not in codes(summarize(old_busy, days=90, now=NOW))


def test_most_common_site_ties_go_to_the_alphabetically_first() -> None:
    tie = [Entry(at("2026-11-20 03:00"), "quad", 60), Entry(at("2026-11-19 03:00"), "foot", 60)]
    assert summarize(tie, days=30, now=NOW).most_common_site == "foot"
    shin = tie + [Entry(at("2026-11-18 03:00"), "shin", 60)] * 2  # a site from a guide
    assert summarize(shin, days=30, now=NOW).most_common_site == "shin"


def test_each_charts_bars_add_up_to_its_periods_count() -> None:
    """A diary of two years, several cramps a day at varied times (some just before and after
    midnight, some abroad): for every "now" across two weeks' boundaries, the 30 and 90 day bars
    add up to exactly the cramps the figures count."""
    entries = []
    for n in range(2 * 365 * 3):
        moment = NOW - timedelta(hours=7.9 * n + (n % 5))
        tz = NEW_YORK if n % 11 == 0 else moment.tzinfo
        entries.append(Entry(moment.astimezone(tz), "calf", 60 + n % 300))
    for shift in range(15):
        now = NOW + timedelta(days=shift, hours=shift * 1.7)
        for days in (30, 90):
            s = summarize(entries, days=days, now=now)
            assert s.count > 0
            assert sum(w.count for w in s.weeks) == s.count, (now, days)
            assert s.weeks[0].start == s.start and s.weeks[-1].end == now.date()
            assert sum((w.end - w.start).days + 1 for w in s.weeks) == days


def test_future_entries_and_bad_arguments() -> None:
    future = Entry(NOW + timedelta(days=2), "calf", 60)
    assert summarize([future], days=30, now=NOW).count == 0
    with pytest.raises(ValueError):
        summarize([], days=0, now=NOW)
    with pytest.raises(ValueError):
        summarize([], days=30, now=NOW.replace(tzinfo=None))


def test_formatting_helpers() -> None:
    assert [format_duration(s) for s in (45, 60, 150, 600, 3600, 3660, 183.5)] == [
        "45 s", "1 min", "2 min 30 s", "10 min", "1 h", "1 h 1 min", "3 min 4 s"]
    assert format_date(date(2026, 3, 5)) == "5 Mar 2026"


@settings(max_examples=150, deadline=None)
@given(
    offsets=st.lists(st.tuples(st.integers(0, 200 * 24 * 60), st.integers(1, 1800),
                               st.sampled_from(SITES), st.booleans()), max_size=60),
    days=st.sampled_from([30, 90]),
)
def test_summary_invariants(offsets, days: int) -> None:
    entries = [Entry(NOW - timedelta(minutes=m), site, d, in_bed=bed)
               for m, d, site, bed in offsets]
    s = summarize(entries, days=days, now=NOW)
    in_period = [e for e in entries if e.started_at.date() >= s.start]
    assert s.count == len(in_period)
    assert 0 <= s.night_count <= s.count
    if s.count:
        assert 0 <= s.night_share <= 1
        assert min(e.duration_seconds for e in in_period) <= s.average_seconds <= s.longest_seconds
        assert s.most_common_site in SITES
    assert len(s.weeks) == -(-days // 7)
    assert all(b.start - a.end == timedelta(days=1) for a, b in zip(s.weeks, s.weeks[1:]))
    assert sum(w.count for w in s.weeks) == s.count  # the bars count the period, no more
    assert s.weeks[-1].end == NOW.date() and s.weeks[0].start == s.start
