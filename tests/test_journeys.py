"""A person's journeys through the real app, driven by keys only (Pilot)."""

from __future__ import annotations

import pytest

from tests.conftest import screen_text
from tui.app.app import Start
from tui.content.models import Context
from tui.app.screens.danger import DangerScreen, LongCrampScreen
from tui.app.screens.home import HomeScreen
from tui.app.screens.step import StepScreen
from tui.app.screens.where import WhereScreen


async def hold_once(pilot, clock) -> None:
    """One 5-second repetition: space, five seconds pass, the timer notices."""
    await pilot.press("space")
    clock.advance(5.0)
    pilot.app.screen.timer.tick()
    await pilot.pause()
    # RELEASE comes first; the colour and the rest of the screen follow in the next frames.
    await pilot.pause(0.05)
    await pilot.pause(0.05)


async def walk_to_end(pilot) -> list[str]:
    """After "eased": Enter through aftercare to the end; returns the titles seen."""
    titles = []
    screen = pilot.app.screen
    for _ in range(10):
        step = screen.session.view
        titles.append(step.qid.split(":")[1])
        if step.kind == "end":
            return titles
        await pilot.press("enter")
        await pilot.pause()
    raise AssertionError(f"no end after {titles}")


def step_id(app) -> str:
    return app.screen.session.view.qid


@pytest.mark.parametrize(
    "site_key, refine_keys, site, expect",
    [
        ("1", "b", "calf", "toward your shin"),
        ("2", "t", "hamstring", "chair"),
        ("3", "h", "quad", "helper"),
        ("4", "s", "foot", "toward your shin"),
    ],
    ids=["calf-alone-in-bed", "hamstring-standing", "quad-with-helper", "foot-sitting"],
)
async def test_home_to_eased(new_app, clock, site_key, refine_keys, site, expect):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WhereScreen)
        await pilot.press(site_key)  # two key presses: the first instruction is on screen
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        assert step_id(app) == f"{site}:stretch"
        assert "Do:" in screen_text(app)
        await pilot.press(*refine_keys)
        await pilot.pause()
        shown = screen_text(app)
        assert expect in shown.lower()
        await hold_once(pilot, clock)
        assert "Release" in screen_text(app)
        assert "Did it ease?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        seen = await walk_to_end(pilot)
        assert seen[-1] == "done"
        assert app.screen.session.view.outcome == "eased"
        if site == "calf":  # in bed: the sleep branch (walk on the heels, night prevention)
            assert "heels" in seen and "night" in seen
        else:
            assert "heels" not in seen
        await pilot.press("enter")  # back home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_enter_enter_is_calf(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert step_id(app) == "calf:stretch"


async def test_pregnant_clot_question_no_goes_to_stretch(new_app, clock):
    app = new_app(start=Start(site="calf", ctx=Context(pregnant=True)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert step_id(app) == "safety:clot-check"
        assert "swollen" in screen_text(app)
        await pilot.press("enter")  # no default: an unanswered safety question stays put
        await pilot.pause()
        assert step_id(app) == "safety:clot-check"
        await pilot.press("n")
        await pilot.pause()
        assert step_id(app) == "calf:stretch"
        await hold_once(pilot, clock)
        await pilot.press("y")
        await pilot.pause()
        seen = await walk_to_end(pilot)
        assert "pregnancy" in seen


async def test_pregnant_clot_question_yes_leaves_the_stretch(new_app):
    app = new_app(settings=None)
    app.settings = app.settings.__class__(pregnant=True, emergency_number="999")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert step_id(app) == "safety:clot-check"
        await pilot.press("y")
        await pilot.pause()
        step = app.screen.session.view
        assert step.kind == "end" and step.outcome == "urgent"
        shown = screen_text(app)
        assert "999" in shown  # the emergency number from the settings
        assert not app.screen.timer.display  # no hold timer: this leg is not stretched


async def test_pregnant_pressed_mid_stretch_asks_the_clot_question_first(new_app):
    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert step_id(app) == "calf:stretch"
        await pilot.press("p")
        await pilot.pause()
        assert step_id(app) == "safety:clot-check"
        await pilot.press("n")
        await pilot.pause()
        assert step_id(app) == "calf:stretch"
        assert app.settings.pregnant  # remembered between runs
    from tui.settings import load_settings

    assert load_settings()[0].pregnant


async def test_ten_minutes_shows_urgent_care(new_app, clock):
    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(3):  # still cramping, again and again
            await hold_once(pilot, clock)
            await pilot.press("n")
            await pilot.pause()
        assert not isinstance(app.screen, LongCrampScreen)
        clock.advance(10 * 60)
        app.screen.cramp_clock.tick()
        await pilot.pause()
        assert isinstance(app.screen, LongCrampScreen)
        assert "10 minutes" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        assert "10 minutes" in screen_text(app)  # the banner stays on the stretch screen
        app.screen.cramp_clock.tick()
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)  # said once, not on every tick


async def test_danger_signs_from_every_screen(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for keys in ([], ["enter"], ["enter"]):
            await pilot.press(*keys)
            await pilot.pause()
            under = type(app.screen)
            await pilot.press("exclamation_mark")
            await pilot.pause()
            assert isinstance(app.screen, DangerScreen)
            assert "EMERGENCY" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen) is under


async def test_q_quits(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_cramp_now_with_where_starts_at_the_first_step(new_app):
    app = new_app(start=Start(site="foot", ctx=Context(helper=True)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert step_id(app) == "foot:stretch"
        assert "Someone helping? The steps are then for them  Now: yes." in screen_text(app)


async def test_cramp_now_without_where_asks_where(new_app):
    app = new_app(start=Start(ctx=Context(position="bed")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WhereScreen)
        await pilot.press("2")
        await pilot.pause()
        assert step_id(app) == "hamstring:stretch"
        assert "In bed" in screen_text(app)


async def test_a_night_cramp_ends_with_the_night_page_on_offer(new_app, clock):
    from tui.app.screens.library import LibraryScreen

    app = new_app(start=Start(site="calf", ctx=Context(position="bed")))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await hold_once(pilot, clock)
        await pilot.press("y")
        await pilot.pause()
        await walk_to_end(pilot)
        assert "1  Read: Cramps at night" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert "Cramps at night" in screen_text(app)


async def test_backspace_undoes_an_eased_pressed_by_mistake(new_app, clock):
    app = new_app(start=Start(site="hamstring", ctx=Context(helper=True)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        stretch_title = app.screen.session.view.title
        await hold_once(pilot, clock)
        await pilot.press("y")  # by mistake
        await pilot.pause()
        assert step_id(app) == "aftercare:start"
        clock.advance(30)
        await pilot.press("backspace")
        await pilot.pause()
        assert step_id(app) == "hamstring:stretch"
        assert stretch_title in screen_text(app)  # the helper's text, as before
        assert "Someone helping? The steps are then for them  Now: yes." in screen_text(app)
        assert "Press space to start" in screen_text(app)  # a fresh hold
        app.screen.cramp_clock.tick()
        assert "Cramp clock 00:35" in screen_text(app)  # the cramp clock kept running


async def test_the_end_says_a_cramp_is_already_logged_and_r_shows_the_sources(new_app, clock):
    from tui.app.screens.sources import SourcesScreen

    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await hold_once(pilot, clock)
        await pilot.press("y")
        await pilot.pause()
        await walk_to_end(pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("enter")  # save the prefilled entry
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        assert "Saved in your diary (entry 1)" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        shown = screen_text(app)
        for source_id in app.library.flows["calf"].sources:
            assert app.library.sources[source_id].title in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)


async def test_w_stops_the_stretch_after_the_clot_question(new_app, clock):
    app = new_app(start=Start(site="foot"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await hold_once(pilot, clock)
        await pilot.press("w")  # it hurts more
        await pilot.pause()
        assert step_id(app) == "safety:clot-check"
        await pilot.press("n")
        await pilot.pause()
        assert step_id(app) == "safety:worse-stop"
        assert app.library.step("safety", "worse-stop").title in screen_text(app)
