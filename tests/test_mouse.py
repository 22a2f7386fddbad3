"""The whole journey by mouse clicks only: every choice can be clicked as well as pressed."""

from __future__ import annotations

from tests.conftest import click_choice
from tui.app.screens.home import HomeScreen
from tui.app.screens.step import StepScreen


async def test_home_to_eased_and_back_by_clicks(new_app, clock):
    app = new_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await click_choice(pilot, "now")
        await pilot.pause()
        await click_choice(pilot, "foot")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen) and app.screen.session.view.qid == "foot:stretch"
        await click_choice(pilot, "ctx-position")  # cycles: in bed first
        await pilot.pause()
        assert app.screen.session.ctx.position == "bed"
        await click_choice(pilot, "ctx-helper")
        await pilot.pause()
        assert app.screen.session.ctx.helper
        await click_choice(pilot, "hold")
        clock.advance(5)
        app.screen.timer.tick()
        for _ in range(3):  # Release, then the colour, then the answers come back
            await pilot.pause(0.05)
        assert app.screen.timer.state == "done"
        await click_choice(pilot, "n")  # still cramping: the next hold starts
        await pilot.pause()
        assert app.screen.timer.state == "holding"
        clock.advance(5)  # while a hold runs the answers step back; they return at release
        app.screen.timer.tick()
        for _ in range(3):
            await pilot.pause(0.05)
        await click_choice(pilot, "y")
        await pilot.pause()
        for _ in range(5):
            if app.screen.session.finished:
                break
            await click_choice(pilot, "enter")
            await pilot.pause()
        step = app.screen.session.view
        assert step.kind == "end" and step.outcome == "eased"
        await click_choice(pilot, "home")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_pregnant_clot_question_by_clicks(new_app):
    app = new_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await click_choice(pilot, "now")
        await pilot.pause()
        await click_choice(pilot, "calf")
        await pilot.pause()
        await click_choice(pilot, "ctx-pregnant")
        await pilot.pause()
        assert app.screen.session.view.qid == "safety:clot-check"
        await click_choice(pilot, "y")
        await pilot.pause()
        assert app.screen.session.view.outcome == "urgent"
