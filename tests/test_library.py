"""The library, search, the command palette and `cramp read`, driven by keys (Pilot)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from textual import events
from textual.widgets import Input, OptionList, Static

from tests.conftest import FakeClock
from tui.__main__ import main
from tui.app.app import Start, make_app
from tui.content import load_library
from tui.app.screens.home import HomeScreen
from tui.app.screens.library import LibraryScreen, LinkPicker
from tui.app.screens.search import SearchScreen
from tui.content.search import search
from tui.settings import Settings


async def until(pilot, condition, timeout: float = 5.0) -> None:
    """Let the app work (Markdown renders in the background) until `condition()` holds."""
    waited = 0.0
    while not condition():
        if waited >= timeout:
            raise AssertionError("the app did not get there in time")
        await pilot.pause(0.02)
        waited += 0.02
    await pilot.pause()


def library_at(app, page_id: str):
    """A condition: the library screen shows `page_id`, rendered, with nothing pending."""
    def ready() -> bool:
        screen = app.screen
        return (isinstance(screen, LibraryScreen) and screen.current == page_id
                and bool(screen.document.table_of_contents))
    return ready


def heading_at_top(screen: LibraryScreen, anchor: str) -> bool:
    """The section's heading is the first thing in the reader (below its own top margin)."""
    block = screen.anchor_block(anchor)
    if block is None:
        return False
    offset = block.region.y - screen.reader.content_region.y
    return 0 <= offset <= block.styles.margin.top


def shown_text(screen: LibraryScreen) -> str:
    return screen.document.source


# -- the library -----------------------------------------------------------------------------------
async def test_l_opens_the_library_with_the_list_and_a_page(new_app):
    app = new_app()
    async with app.run_test(size=(120, 30)) as pilot:  # wide enough for the contents panel
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await until(pilot, lambda: bool(screen.current and screen.document.table_of_contents))
        pages = screen.query_one("#library-pages", OptionList)
        titles = [str(pages.get_option_at_index(i).prompt) for i in range(pages.option_count)]
        assert titles == sorted((p.title for p in app.library.pages.values()), key=str.casefold)
        assert pages.highlighted == titles.index(app.library.pages[screen.current].title)
        assert app.library.pages[screen.current].body.strip() in shown_text(screen)
        assert screen.query_one("#library-toc").display
        # Down, Enter: the next page in the list, and the reader takes the keys.
        await pilot.press("down", "enter")
        second = app.screen.order[1]
        await until(pilot, library_at(app, second))
        assert app.screen.reader.has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_search_night_opens_night_cramps_at_the_section(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"night")
        await pilot.pause()
        expected = search(app.library, "night")[0]
        assert expected.page_id == "night-cramps" and expected.anchor
        assert "Cramps at night" in app.screen.results.results[0].plain
        await pilot.press("enter")
        await until(pilot, library_at(app, "night-cramps"))
        screen = app.screen
        assert screen.section_anchor == expected.anchor
        await until(pilot, lambda: heading_at_top(screen, expected.anchor))
        assert screen.reader.scroll_y > 0


async def test_search_down_then_enter_opens_the_first_result(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"quinine")  # "q" is typed, it does not quit
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "quinine"
        await pilot.press("down")
        assert app.screen.results.has_focus and app.screen.results.highlighted == 0
        await pilot.press("enter")
        await until(pilot, library_at(app, "quinine"))


async def test_search_with_no_match_says_so(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"xyzzy")
        await pilot.pause()
        assert app.screen.results.results == []
        assert "No page" in str(app.screen.query_one("#search-status").render())
        await pilot.press("enter")  # nothing to open: stays
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_links_by_keys_back_and_forward(new_app):
    app = new_app(start=Start(page="night-cramps"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, library_at(app, "night-cramps"))
        screen = app.screen
        assert not screen.history.can_back
        # "g" lists the page's links; the first one in the text is "cramps in pregnancy".
        await pilot.press("g")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LinkPicker)
        hrefs = [href for _, href in picker.links]
        assert hrefs[0] == "pregnancy.md"
        assert all(not href.startswith("http") for href in hrefs)
        await pilot.press("enter")
        await until(pilot, library_at(app, "pregnancy"))
        assert app.screen is screen  # the same library screen, one step further in its history
        await pilot.press("backspace")
        await until(pilot, library_at(app, "night-cramps"))
        await pilot.press("f")
        await until(pilot, library_at(app, "pregnancy"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_clicking_a_link_to_a_section(new_app):
    """Markdown links are clicked with the mouse; a block's `link` action is what a click runs,
    so calling it is the widget's own path (Textual's Markdown has no keys for links)."""
    app = new_app(start=Start(page="during-a-cramp"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, library_at(app, "during-a-cramp"))
        screen = app.screen
        block = screen.document.query("MarkdownParagraph").first()
        await block.action_link("when-to-see-a-doctor.md#blood-clot-signs")
        await until(pilot, library_at(app, "when-to-see-a-doctor"))
        assert screen.section_anchor == "blood-clot-signs"
        await until(pilot, lambda: heading_at_top(screen, "blood-clot-signs"))
        # A link to a section of the same page scrolls; back returns to where the reader was.
        block = screen.document.query("MarkdownParagraph").first()  # one of this page's
        await block.action_link("#the-10-minute-rule")
        await until(pilot, lambda: heading_at_top(screen, "the-10-minute-rule"))
        assert screen.current == "when-to-see-a-doctor"
        await pilot.press("backspace")
        await until(pilot, lambda: heading_at_top(screen, "blood-clot-signs"))
        await pilot.press("backspace")
        await until(pilot, library_at(app, "during-a-cramp"))
        await until(pilot, lambda: screen.reader.scroll_y == 0)


async def test_a_web_link_never_opens(new_app, monkeypatch):
    app = new_app(start=Start(page="quinine"))
    opened = []
    monkeypatch.setattr(app, "open_url", lambda *a, **k: opened.append(a))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, library_at(app, "quinine"))
        block = app.screen.document.query("MarkdownParagraph").first()
        await block.action_link("https://example.org/quinine")
        await pilot.pause()
        assert opened == []
        assert app.screen.current == "quinine" and not app.screen.history.can_back
        assert any("offline" in n.message for n in app._notifications)


async def test_the_page_ends_with_its_sources(new_app):
    app = new_app(start=Start(page="night-cramps"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, library_at(app, "night-cramps"))
        screen = app.screen
        headings = [title for _, title, _ in screen.document.table_of_contents]
        assert headings[-1] == "Sources"
        page = app.library.pages["night-cramps"]
        tail = shown_text(screen)[shown_text(screen).rindex("## Sources"):]
        for source_id in page.sources:
            source = app.library.sources[source_id]
            assert source.publisher in tail and source.title in tail
        # Plain-words kinds, never trust codes or file names.
        assert "Health service." in tail and "General web article" in tail
        assert "**A**" not in tail and ".txt" not in tail
        # By keys: the reader has the focus; End shows the last lines, the sources.
        await pilot.press("end")
        await until(pilot, lambda: screen.reader.scroll_y == screen.reader.max_scroll_y)
        last = screen.document.query("MarkdownBlock").last()
        assert last.region.y < screen.reader.region.bottom


async def test_every_page_says_it_is_not_a_diagnosis(new_app):
    app = new_app(start=Start(page="night-cramps"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, library_at(app, "night-cramps"))
        screen = app.screen
        notice = screen.query_one("#library-disclaimer", Static)
        assert notice.display and str(notice.render()) == app.library.danger.disclaimer
        assert notice.region.height > 0
        assert not screen.query_one("#library-disclaimer-short").display
        await pilot.press("g", "enter")  # follow the first link: still said, still in view
        await until(pilot, library_at(app, "pregnancy"))
        assert notice.region.height > 0 and notice.region.y < screen.reader.region.y
    # A small window says the short form in one line.
    app = new_app(start=Start(page="quinine"))
    async with app.run_test(size=(50, 16)) as pilot:
        await until(pilot, library_at(app, "quinine"))
        short = app.screen.query_one("#library-disclaimer-short", Static)
        assert short.display and str(short.render()) == "Information, not a diagnosis."
        assert short.region.height == 1
        assert not app.screen.query_one("#library-disclaimer").display


async def test_danger_signs_open_over_the_library(new_app):
    app = new_app(start=Start(page="pregnancy"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, library_at(app, "pregnancy"))
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "DangerScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_search_inside_the_library_keeps_the_history(new_app):
    app = new_app(start=Start(page="quinine"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, library_at(app, "quinine"))
        library_screen = app.screen
        await pilot.press("slash", *"salt", "enter")
        await until(pilot, library_at(app, "sodium-water"))
        assert app.screen is library_screen
        await pilot.press("backspace")
        await until(pilot, library_at(app, "quinine"))


async def test_words_typed_in_a_burst_then_enter_open_the_page_for_all_of_them(new_app):
    """Keys that arrive together are searched once, for every word typed; Enter after them
    opens the best page for the whole query."""
    best = search(load_library().library, "magnesium")[0]
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        field = app.screen.query_one(Input)
        for char in "magnesium":  # together, as a terminal delivers keys typed in a burst
            field.post_message(events.Key(char, char))
        await pilot.press("enter")
        await until(pilot, library_at(app, best.page_id))
        assert app.screen.section_anchor == best.anchor


async def test_the_next_search_starts_empty(new_app):
    """The search screen is made ahead, while the person reads (CrampApp.prepare_search); each
    one opens empty, whatever the last search was."""
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(2):
            ready = app._next_search
            await pilot.press("slash")
            await until(pilot, lambda: isinstance(app.screen, SearchScreen))
            assert app.screen is ready and ready is not None  # the screen made ahead
            assert app.screen.query_one(Input).value == ""
            assert app.screen.results.results == []
            assert "Type a word" in str(app.screen.query_one("#search-status").render())
            await pilot.press(*"night")
            await pilot.pause()
            assert app.screen.results.results
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, HomeScreen))
            await pilot.pause()


@pytest.mark.parametrize("change", ["theme", "size"])
async def test_a_search_made_ahead_opens_in_the_theme_and_size_of_now(new_app, change):
    """The theme or the window can change between the making (and laying out) of the screen and
    its opening."""
    from textual.color import Color

    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ready = app._next_search
        assert ready is not None
        if change == "theme":
            await pilot.press("o", *["tab"] * 6, "enter", "down", "enter", "escape")
            await until(pilot, lambda: isinstance(app.screen, HomeScreen))
            assert app.theme != "cramp-dark"
        else:
            await pilot.resize_terminal(60, 16)  # short: the search box loses its border
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        assert app.screen is ready
        box = app.screen.query_one("#search")
        assert box.styles.background == Color.parse(app.current_theme.surface)
        assert app.screen.has_class("-short") == (change == "size")
        assert (box.styles.border_top[0] == "") == (change == "size")
        assert box.outer_size.width == app.size.width * 9 // 10  # laid out for the window of now


async def test_unknown_page_shows_the_first_one(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_library("no-such-page")
        screen = app.screen
        await until(pilot, lambda: bool(screen.current))
        assert screen.current == screen.order[0]


async def test_small_window_keeps_the_page_list(new_app):
    app = new_app(start=Start(page="pregnancy"))
    async with app.run_test(size=(50, 16)) as pilot:
        await until(pilot, library_at(app, "pregnancy"))
        assert app.screen.query_one("#library-pages").display
        assert not app.screen.query_one("#library-toc").display
        await pilot.press("backspace", "f", "g", "escape", "p", "down", "enter")
        await pilot.pause()


# -- the command palette ---------------------------------------------------------------------------
async def test_palette_opens_a_page(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Cramps at night")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, library_at(app, "night-cramps"))


async def test_palette_starts_a_walk(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Cramp now: Calf")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "StepScreen")
        assert app.screen.session.walk.flow == "calf"


async def test_palette_reads_inside_an_open_library(new_app):
    app = new_app(start=Start(page="quinine"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, library_at(app, "quinine"))
        library_screen = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Read: When to see a doctor")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, library_at(app, "when-to-see-a-doctor"))
        assert app.screen is library_screen and library_screen.history.can_back


# -- `cramp read` ----------------------------------------------------------------------------------
def test_read_list_prints_every_page(capsys):
    assert main(["read", "--list"]) == 0
    out = capsys.readouterr().out
    library = load_library().library
    for page_id, page in library.pages.items():
        assert f"{page_id}" in out and page.title in out
    assert len(out.strip().splitlines()) == len(library.pages)


def test_read_list_imports_no_textual():
    code = ("import sys, io, contextlib; from tui.__main__ import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['read', '--list'])\n"
            "sys.exit('textual' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_read_unknown_page(capsys):
    assert main(["read", "nigth-cramps"]) == 2
    err = capsys.readouterr().err
    assert "no page 'nigth-cramps'" in err and "night-cramps" in err and "--list" in err


def test_read_without_a_terminal_prints_the_page_as_text(capsys):
    assert main(["read", "quinine", "--plain"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Why not quinine or tonic water\n")
    assert "\nSources:\n" in out and "## " not in out and "**" not in out


async def test_read_page_starts_the_app_on_it():
    app = make_app(start=Start(page="night-cramps"), clock=FakeClock(), settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, library_at(app, "night-cramps"))
        assert app.screen.reader.has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# -- pieces ----------------------------------------------------------------------------------------
def test_markdown_stays_off_the_first_frame_path():
    code = ("import sys; import tui.app, tui.app.screens.home, tui.app.screens.library, "
            "tui.app.screens.search\n"
            "sys.exit(any(m in sys.modules for m in "
            "('textual.widgets._markdown', 'tui.app.commands', 'markdown_it')))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# -- what it looks like ----------------------------------------------------------------------------
def test_snapshot_library_page(snap_compare):
    app = make_app(start=Start(page="night-cramps"), clock=FakeClock(), settings=Settings())

    async def rendered(pilot):
        await until(pilot, library_at(app, "night-cramps"))

    assert snap_compare(app, run_before=rendered, terminal_size=(80, 24))


def test_snapshot_search_results(snap_compare):
    app = make_app(clock=FakeClock(), settings=Settings())

    async def typed(pilot):
        await pilot.press("slash", *"magnesium")
        await pilot.pause()

    assert snap_compare(app, run_before=typed, terminal_size=(80, 24))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """The library never goes online: any attempt fails the test."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network use")

    monkeypatch.setattr(socket.socket, "connect", refuse)


async def test_a_narrow_window_gives_the_page_the_room_and_p_shows_the_list(new_app):
    app = new_app(start=Start(page="night-cramps"))
    async with app.run_test(size=(40, 12)) as pilot:
        await until(pilot, library_at(app, "night-cramps"))
        screen = app.screen
        assert not screen.query_one("#library-side").display
        assert screen.reader.region.width >= 38  # all of the window, less the scrollbar
        await pilot.press("p")
        await pilot.pause()
        assert screen.query_one("#library-side").display
        assert not screen.reader.display
        await pilot.press("down", "enter")
        await until(pilot, library_at(app, screen.order[1]))
        assert screen.reader.display and not screen.query_one("#library-side").display
