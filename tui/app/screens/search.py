"""Search from anywhere ("/"): type, see the pages ranked with the matching section and a snippet,
Enter opens the page at that section. The ranking lives in tui.content.search (no Textual there)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.app.screens.base import SizeGuard
from tui.content.search import Hit, marks, search
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.result_list import ResultList
from tui.app.widgets.text_field import TextField
from tui.app.widgets.refit import show_text

if TYPE_CHECKING:
    from tui.content.library import Library

MATCH_STYLE = "bold underline"  # not colour alone: the match is also bold and underlined
# One line at 80 columns, as the count that replaces it: the results do not move the list.
HINT = "Type a word. Enter opens the first result; ↓ to choose another."


def highlighted(text: str, query: str, style: str = "") -> Text:
    out = Text(text, style=style)
    for start, end in marks(text, query):
        out.stylize(MATCH_STYLE, start, end)
    return out


def hit_prompt(library: Library, hit: Hit, query: str) -> Text:
    """Two lines: "Page title › Section" and the snippet, the query's words marked."""
    title = library.pages[hit.page_id].title
    prompt = Text()  # no style of its own: bold is the title's, not the snippet's
    prompt.append_text(highlighted(title, query, "bold"))
    if hit.heading:
        prompt.append(" › ")
        prompt.append_text(highlighted(hit.heading, query, "bold"))
    if hit.snippet:
        prompt.append("\n")
        prompt.append_text(highlighted(hit.snippet, query))
    return prompt


class SearchScreen(SizeGuard, ModalScreen[None]):
    CSS_PATH = "library.tcss"  # with the screen, or warmed after the first frame (app.py)
    AUTO_FOCUS = "#search-input"  # made ahead, it may be closed with the app before it mounts
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("down", "to_results", "Results", show=False),
    ]

    def __init__(self, library: Library, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.query_text = query
        self.hits: list[Hit] = []
        self._typed: str | None = None  # words typed and not searched yet

    def compose(self) -> ComposeResult:
        with Vertical(id="search"):
            yield Static("Search the library", id="search-title")
            # No validators: validating at each key only restyled the Input at the first one.
            yield TextField(self.query_text, placeholder="night, magnesium, pregnant, salt…",
                            id="search-input", validate_on=["submitted"])
            yield Static(HINT, id="search-status", markup=False)
            yield ResultList(id="search-results")
        yield KeyBar(show_command_palette=False)

    def on_mount(self) -> None:
        if self.query_text:
            self.run_search(self.query_text)

    @property
    def results(self) -> ResultList:
        return self.query_one("#search-results", ResultList)

    def run_search(self, query: str) -> None:
        self.query_text = query
        self.hits = search(self.library, query) if query.strip() else []
        self.results.show([hit_prompt(self.library, hit, query) for hit in self.hits])
        if not query.strip():
            status = HINT
        elif not self.hits:
            status = f"No page has every word of “{query.strip()}”. Try fewer or other words."
        else:
            count = len(self.hits)
            status = (f"{count} page{'s' if count != 1 else ''}. Enter opens the highlighted one "
                      "at its section.")
        show_text(self.query_one("#search-status", Static), status)

    # -- events -------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        # Keys that come in a burst (a quick typist, a paste) are searched once, for all the
        # words typed, after the keys waiting to be read: not once a key, each one redrawn.
        event.stop()  # handled: the app has nothing to do with each key's words
        if self._typed is None:
            self.call_later(self._search_typed)
        self._typed = event.value

    def _search_typed(self) -> None:
        if self._typed is not None:
            query, self._typed = self._typed, None
            self.run_search(query)
            # The results are what the person is waiting for: drawn now, with the words typed.
            self.paint_now(self.results, self.query_one("#search-status"), self.query_one(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._search_typed()  # Enter opens a result for every word typed before it
        if self.hits:
            self.open_hit(self.results.highlighted or 0)

    def on_result_list_chosen(self, event: ResultList.Chosen) -> None:
        event.stop()
        self.open_hit(event.index)

    def action_to_results(self) -> None:
        self._search_typed()
        if self.hits and not self.results.has_focus:
            self.results.focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def open_hit(self, index: int) -> None:
        """Open a result in the library at its section: in the library below, if that is where
        the search was opened, otherwise in a new library screen."""
        hit = self.hits[index]
        app = self.app
        stack = app.screen_stack
        below = stack[-2] if len(stack) > 1 and stack[-1] is self else None
        self.dismiss(None)
        opener = getattr(below, "open_page", None)
        if below is not None and callable(opener):
            below.call_later(opener, hit.page_id, hit.anchor)
        else:
            from tui.app.screens.library import LibraryScreen

            app.push_screen(LibraryScreen(self.library, page_id=hit.page_id, anchor=hit.anchor))
