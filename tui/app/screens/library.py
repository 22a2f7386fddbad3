"""The library: the page list beside the reader, the page's contents, links that stay inside the
app, back and forward, and every page ending with its sources and their trust level.

Markdown is imported only when the screen is composed: importing this module (for page_rows, say)
does not pay for it, and Home's first frame never does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Iterable, Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.screens.base import SizeGuard
from tui.app.widgets.choice_list import Row
from tui.app.widgets.safe_option_list import SafeOptionList

if TYPE_CHECKING:
    from textual.widgets import Markdown

    from tui.content.library import Library

_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
PAGE_ROW = "page:"


# -- helpers other screens use (no Markdown needed) ------------------------------------------
def page_rows(library: Library, page_ids: Iterable[str]) -> list[Row]:
    """Rows "1 Read: <title>" ... for the pages a finished walk offers (at most nine, keys 1-9).
    A row's value is "page:<id>"; page_of_row() turns it back into the id."""
    known = [p for p in dict.fromkeys(page_ids) if p in library.pages][:9]
    return [Row(str(n), f"Read: {library.pages[p].title}", PAGE_ROW + p)
            for n, p in enumerate(known, start=1)]


def page_of_row(value: str) -> str | None:
    return value[len(PAGE_ROW):] if value.startswith(PAGE_ROW) else None


def is_external(href: str) -> bool:
    return "://" in href or href.startswith(("mailto:", "tel:", "www."))


def resolve_link(href: str, current: str, pages: Mapping[str, object]) -> tuple[str, str] | None:
    """(page id, anchor) for a link in a page: "other.md#section", "other.md", "#section" (this
    page). None when it leaves the app or names no page."""
    if is_external(href):
        return None
    target, _, anchor = href.strip().partition("#")
    page_id = PurePosixPath(target).name.removesuffix(".md") if target else current
    return (page_id, anchor) if page_id in pages else None


# -- history ----------------------------------------------------------------------------------
@dataclass
class Place:
    page_id: str
    anchor: str = ""
    scroll_y: float | None = None  # where the reader was when it left this place


@dataclass
class History:
    places: list[Place] = field(default_factory=list)
    index: int = -1

    @property
    def current(self) -> Place | None:
        return self.places[self.index] if self.places else None

    def visit(self, place: Place) -> None:
        del self.places[self.index + 1:]
        self.places.append(place)
        self.index = len(self.places) - 1

    @property
    def can_back(self) -> bool:
        return self.index > 0

    @property
    def can_forward(self) -> bool:
        return self.index < len(self.places) - 1

    def back(self) -> Place | None:
        if not self.can_back:
            return None
        self.index -= 1
        return self.places[self.index]

    def forward(self) -> Place | None:
        if not self.can_forward:
            return None
        self.index += 1
        return self.places[self.index]


# -- the screen -------------------------------------------------------------------------------
class LibraryScreen(SizeGuard, Screen):
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("b", "back", "Back"),
        Binding("f", "forward", "Forward"),
        Binding("g", "links", "Links"),
        Binding("p", "focus_pages", "Pages", show=False),
        Binding("r", "focus_reader", "Read", show=False),
    ]

    def __init__(self, library: Library, page_id: str | None = None,
                 anchor: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.order = sorted(library.pages, key=lambda p: library.pages[p].title.casefold())
        self.start = (page_id, anchor or "")
        self.history = History()
        self.current: str | None = None  # the page on screen
        self.anchor = ""  # the section it was opened at ("" for the top)

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown
        from textual.widgets.markdown import MarkdownTableOfContents

        document = Markdown(open_links=False, id="library-document")
        with Horizontal(id="library"):
            with Vertical(id="library-side"):
                yield Static("Pages", classes="library-label")
                yield SafeOptionList(*(Option(self.library.pages[p].title, id=p) for p in self.order),
                                 id="library-pages")
                yield Static("Contents", classes="library-label -contents")
                yield MarkdownTableOfContents(document, id="library-toc")
            with VerticalScroll(id="library-reader"):
                yield document
        yield Footer(show_command_palette=False)

    async def on_mount(self) -> None:
        page_id, anchor = self.start
        if page_id and page_id not in self.library.pages:
            self.notify(f"There is no page '{page_id}'.", severity="warning")
            page_id, anchor = None, ""
        if not self.order:
            self.query_one("#library-document").display = False
            self.notify("The library has no pages.", severity="warning")
            return
        await self.open_page(page_id or self.order[0], anchor)
        (self.reader if page_id else self.query_one("#library-pages")).focus()

    @property
    def document(self) -> Markdown:
        return self.query_one("#library-document")  # type: ignore[return-value]

    @property
    def reader(self) -> VerticalScroll:
        return self.query_one("#library-reader", VerticalScroll)

    # -- moving between pages -----------------------------------------------------------------
    async def open_page(self, page_id: str, anchor: str = "") -> bool:
        """Show a page (at a section), as a new place in the history. False if there is no such
        page."""
        if page_id not in self.library.pages:
            self.notify(f"There is no page '{page_id}'.", severity="warning")
            return False
        self._remember_scroll()
        self.history.visit(Place(page_id, anchor))
        await self._show(page_id, anchor)
        return True

    def _remember_scroll(self) -> None:
        place = self.history.current
        if place is not None:
            place.scroll_y = self.reader.scroll_y

    async def _show(self, page_id: str, anchor: str, scroll_y: float | None = None) -> None:
        if page_id != self.current:
            from tui.content.search import page_markdown

            await self.document.update(page_markdown(self.library, page_id))
            self.current = page_id
            pages = self.query_one("#library-pages", OptionList)
            pages.highlighted = self.order.index(page_id)
        self.anchor = anchor
        self.refresh_bindings()
        self.call_after_refresh(self._scroll, anchor, scroll_y)

    def _scroll(self, anchor: str, scroll_y: float | None) -> None:
        reader = self.reader
        if scroll_y is not None:
            reader.scroll_to(y=scroll_y, animate=False, immediate=True)
            return
        block = self.anchor_block(anchor) if anchor else None
        if block is None:
            if anchor:
                self.notify(f"This page has no section '{anchor}'.", severity="warning")
            reader.scroll_home(animate=False, immediate=True)
        else:
            reader.scroll_to_widget(block, top=True, animate=False, immediate=True)

    def anchor_block(self, anchor: str):
        """The heading widget an anchor names: the slug `cramp check` uses, or Textual's."""
        from textual._slug import TrackedSlugs

        from tui.content.validate import slug

        ours: dict[str, int] = {}
        theirs = TrackedSlugs()
        for _, title, block_id in self.document.table_of_contents:
            mine = slug(title)
            count = ours.get(mine, 0)
            ours[mine] = count + 1
            if count:
                mine = f"{mine}-{count}"
            if anchor in (mine, theirs.slug(title)) and block_id:
                return self.document.query_one(f"#{block_id}")
        return None

    async def follow(self, href: str) -> None:
        """A link in a page: another page (at a section), a section of this one, never the web."""
        if self.current is None:
            return
        target = resolve_link(href, self.current, self.library.pages)
        if target is None:
            if is_external(href):
                self.notify(f"cramp works offline and opens no web pages. The address is: {href}",
                            title="Not opened", timeout=10)
            else:
                self.notify(f"The link '{href}' names no page in the library.",
                            severity="warning")
            return
        await self.open_page(*target)

    # -- keys ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "back":
            return True if self.history.can_back else None
        if action == "forward":
            return True if self.history.can_forward else None
        return True

    async def action_back(self) -> None:
        self._remember_scroll()
        place = self.history.back()
        if place is not None:
            await self._show(place.page_id, place.anchor, place.scroll_y)

    async def action_forward(self) -> None:
        self._remember_scroll()
        place = self.history.forward()
        if place is not None:
            await self._show(place.page_id, place.anchor, place.scroll_y)

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss()
        else:
            self.app.go_home()  # type: ignore[attr-defined]

    def action_focus_pages(self) -> None:
        self.query_one("#library-pages").focus()

    def action_focus_reader(self) -> None:
        self.reader.focus()

    def page_links(self) -> list[tuple[str, str]]:
        """(label, href) of every link on the page on screen that stays in the library."""
        from tui.content.search import page_markdown, split_sections

        if self.current is None:
            return []
        found: dict[str, str] = {}
        for text, href in _LINK.findall(page_markdown(self.library, self.current)):
            target = resolve_link(href, self.current, self.library.pages)
            if target is None or href in found:
                continue
            page = self.library.pages[target[0]]
            where = page.title if target[0] != self.current else "this page"
            if target[1]:
                heading = next((s.heading for s in split_sections(0, page.title, page.body)
                                if s.anchor == target[1]), "")
                where += f" › {heading or target[1]}"
            label = text if text.casefold() == where.casefold() else f"{text}  →  {where}"
            found[href] = label
        return [(label, href) for href, label in found.items()]

    def action_links(self) -> None:
        links = self.page_links()
        if not links:
            self.notify("This page has no links to other pages.")
            return

        async def chosen(href: str | None) -> None:
            if href:
                await self.follow(href)
                self.reader.focus()

        self.app.push_screen(LinkPicker(links), chosen)

    # -- messages from the widgets ------------------------------------------------------------
    async def on_markdown_link_clicked(self, event) -> None:
        event.stop()
        await self.follow(event.href)

    def on_markdown_table_of_contents_updated(self, event) -> None:
        event.stop()
        from textual.widgets.markdown import MarkdownTableOfContents

        self.query_one(MarkdownTableOfContents).table_of_contents = event.table_of_contents

    def on_markdown_table_of_contents_selected(self, event) -> None:
        event.stop()
        block = self.document.query_one(f"#{event.block_id}")
        self.reader.scroll_to_widget(block, top=True, animate=False)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "library-pages" or event.option.id is None:
            return
        event.stop()
        if event.option.id != self.current:
            await self.open_page(event.option.id)
        self.reader.focus()


class LinkPicker(SizeGuard, ModalScreen[str | None]):
    """The links of the page on screen, to follow by keys (a mouse can click them in the page)."""

    BINDINGS = [Binding("escape", "dismiss_none", "Close")]

    def __init__(self, links: list[tuple[str, str]]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(id="link-picker"):
            yield Static("Follow a link: ↑ ↓ to choose, Enter to open, Esc to close",
                         id="link-picker-title")
            yield SafeOptionList(*(Option(label, id=str(i)) for i, (label, _) in
                               enumerate(self.links)), id="link-list")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.links[event.option_index][1])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
