"""Every word cramp draws is readable: WCAG 2.x contrast in every theme it offers (issue 17).

Each offered theme's screens are drawn headless at 80x24 (tests/contrast_tour.py) and every run
of text the compositor sends to the terminal is measured: at least 4.5:1 everywhere, 7:1 for the
safety text in the true-colour themes, 7:1 for everything in cramp-high-contrast; ANSI colours
through both xterm's palette and the Linux console's. The hold bar and focus outlines at 3:1.
"""

from __future__ import annotations

import pytest

from tests.contrast import PALETTES, Cell, ratio
from tests.contrast_tour import Stop, Tour
from tui.app.themes import OFFERED_NAMES

# theme, palette, every text, safety text
BARS = [
    ("cramp-dark", None, 4.5, 7.0),
    ("cramp-light", None, 4.5, 7.0),
    ("cramp-high-contrast", None, 7.0, 7.0),
    ("ansi-dark", "xterm", 4.5, 4.5),
    ("ansi-dark", "vga", 4.5, 4.5),
]
NON_TEXT = 3.0
SAFETY_SHOWN_ON = {"danger", "stretch before the hold", "stretch during the hold",
                   "stretch at release", "clot question", "10-minute advice",
                   "stretch with the long-cramp banner"}


def offenders(found: list[tuple[Stop, Cell]], floor: float, what: str, label: str) -> str:
    worst = sorted(found, key=lambda pair: pair[1].ratio)[:12]
    lines = [f"{label}: {len(found)} {what} below {floor}:1; the worst:"]
    lines += [f"  {cell.ratio:5.2f}  {stop.screen:<34} {cell.text.strip()[:40]!r}  "
              f"#{bytes(cell.fg).hex()} on #{bytes(cell.bg).hex()}" for stop, cell in worst]
    return "\n".join(lines)


@pytest.mark.parametrize("theme, palette, text_floor, safety_floor", BARS,
                         ids=[f"{t}-{p}" if p else t for t, p, *_ in BARS])
async def test_every_word_meets_the_contrast_bar(theme, palette, text_floor, safety_floor):
    stops = await Tour(theme, PALETTES.get(palette or "")).run()
    label = f"{theme} ({palette} palette)" if palette else theme
    assert {s.screen for s in stops if s.safety} >= SAFETY_SHOWN_ON, "safety text not found"

    text = [(s, c) for s in stops for c in s.drawn if c.is_text]
    assert len(text) > 300  # the tour drew the screens
    low = [(s, c) for s, c in text if c.ratio < text_floor]
    assert not low, offenders(low, text_floor, "text runs", label)

    safety = [(s, c) for s in stops for c in s.safety if c.is_text or c.is_drawing]
    low = [(s, c) for s, c in safety if c.ratio < safety_floor]
    assert not low, offenders(low, safety_floor, "safety text runs", label)

    drawing = [(s, c) for s in stops for c in s.bars + s.focus]
    assert any(s.bars for s in stops) and any(s.focus for s in stops)
    low = [(s, c) for s, c in drawing if c.ratio < NON_TEXT]
    assert not low, offenders(low, NON_TEXT, "hold bar or focus outline cells", label)
    # the hold bar's fill and its track, side by side mid-hold, tell apart at 3:1 too
    [during] = [s for s in stops if s.screen == "stretch during the hold"]
    fill_and_track = {c.fg for c in during.bars}
    assert len(fill_and_track) == 2, fill_and_track
    assert ratio(*fill_and_track) >= NON_TEXT, f"{label}: fill and track {fill_and_track}"


def test_the_themes_measured_are_the_themes_offered():
    assert {theme for theme, *_ in BARS} == set(OFFERED_NAMES)


# -- only these themes are offered; one that is no longer falls back, saying so -------------


async def test_settings_offer_only_the_measured_themes(new_app):
    from textual.widgets import Select

    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        offered = [value for _, value in app.screen.query_one("#theme", Select)._options]
        assert offered == list(OFFERED_NAMES)
        assert app.theme == "cramp-dark"  # the default
        assert set(app.available_themes) == set(OFFERED_NAMES)  # the command palette's too


@pytest.mark.parametrize("how", ["saved", "--theme"])
async def test_a_theme_no_longer_offered_falls_back_with_a_notice(new_app, how):
    from tui.settings import Settings, load_settings

    if how == "saved":
        app = new_app(settings=Settings(theme="textual-light"))
    else:
        app = new_app(theme="textual-light")
    assert app.theme_asked_unknown is None  # a theme Textual has is not refused as unknown
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "cramp-dark"
        [notice] = [n.message for n in app._notifications if "textual-light" in n.message]
        assert "no longer offered" in notice and "cramp-dark" in notice and "\n" not in notice
    assert load_settings()[0].theme == "cramp-dark"  # said once, not at every start
