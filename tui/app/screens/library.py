"""The library: the page list beside the reader, the page's contents, links that stay inside the
app, back and forward, and every page ending with its sources and their trust level.

Where a link goes and the back/forward history are decided in tui.content.navigation; this screen
shows the place it is given. Markdown is imported only when the screen is composed: importing this
module does not pay for it, and Home's first frame never does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.screens.base import SizeGuard
from tui.app.widgets.safe_option_list import SafeOptionList
from tui.app.widgets.key_bar import KeyBar
from tui.content.navigation import History, Navigator, Place, Refused
from tui.walk.view import fill

if TYPE_CHECKING:
    from textual.widgets import Markdown

    from tui.content.library import Library
    from tui.content.markdown import Document

# -- the screen -------------------------------------------------------------------------------
class LibraryScreen(SizeGuard, Screen[None]):
    CSS_PATH = "library.tcss"  # with the screen, or warmed after the first frame (app.py)
    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Close the library"),
        Binding("backspace", "back", "Back", tooltip="Back to the page before"),
        Binding("f", "forward", "Forward", tooltip="Forward again"),
        Binding("g", "links", "Links", tooltip="Go to a page this one links to"),
        Binding("p", "focus_pages", "Pages", show=False, tooltip="Move to the list of pages"),
        Binding("r", "focus_reader", "Read", show=False, tooltip="Move to the page text"),
    ]
    help_title = "the library"

    def __init__(self, library: Library, page_id: str | None = None,
                 anchor: str | None = None) -> None:
        # Opened without a page, it starts with the list chosen (action_focus_pages): the class
        # comes with the screen, since adding it once the page is drawn restyles every block of
        # the page (most of the time `l` took).
        super().__init__(classes="-choosing" if page_id is None else "")
        self.library = library
        self.order = sorted(library.pages, key=lambda p: library.pages[p].title.casefold())
        self.start = (page_id, anchor or "")
        self.navigator = Navigator(library)
        self.current: str | None = None  # the page on screen
        self.section_anchor = ""  # the section it was opened at ("" for the top)
        self.shown: Document | None = None  # the Markdown on screen, as a tree

    @property
    def history(self) -> History:
        return self.navigator.history

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown
        from textual.widgets.markdown import MarkdownTableOfContents

        from tui.content.page_view import NOT_A_DIAGNOSIS, disclaimer

        document = Markdown(open_links=False, id="library-document")
        # Every page says it is information, not a diagnosis; a small window gets the short form.
        yield Static(fill(disclaimer(self.library), self.app.settings.emergency),
                     id="library-disclaimer", classes="library-disclaimer", markup=False)
        yield Static(NOT_A_DIAGNOSIS, id="library-disclaimer-short",
                     classes="library-disclaimer", markup=False)
        with Horizontal(id="library"):
            with Vertical(id="library-side"):
                yield Static("Pages", classes="library-label")
                yield SafeOptionList(*(Option(self.library.pages[p].title, id=p)
                                       for p in self.order), id="library-pages")
                yield Static("Contents", classes="library-label -contents")
                yield MarkdownTableOfContents(document, id="library-toc")
            with VerticalScroll(id="library-reader"):
                yield document
        yield KeyBar(show_command_palette=False)

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
        self.action_focus_reader() if page_id else self.action_focus_pages()

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
        self.navigator.remember(self.reader.scroll_y)
        await self._go(self.navigator.open(page_id, anchor))
        return page_id in self.library.pages

    async def follow(self, href: str) -> None:
        """A link in a page: another page (at a section), a section of this one, never the web."""
        if self.current is None:
            return
        self.navigator.remember(self.reader.scroll_y)
        await self._go(self.navigator.follow(href))

    async def _go(self, place: Place | Refused | None) -> None:
        if isinstance(place, Refused):
            if place.external:
                self.notify(place.message, title="Not opened", timeout=10)
            else:
                self.notify(place.message, severity="warning")
        elif place is not None:
            await self._show(place)

    async def _show(self, place: Place) -> None:
        if place.page_id != self.current:
            from tui.content.markdown import parse
            from tui.content.page_view import page_markdown

            markdown = page_markdown(self.library, place.page_id)
            self.shown = parse(markdown)
            await self.document.update(markdown)
            self.current = place.page_id
            pages = self.query_one("#library-pages", OptionList)
            pages.highlighted = self.order.index(place.page_id)
        self.section_anchor = place.anchor
        self.refresh_bindings()
        self.call_after_refresh(self._scroll, place.anchor, place.scroll_y)

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

    def anchor_block(self, anchor: str) -> Widget | None:
        """The heading widget an anchor names. The Markdown widget lists the same top-level
        headings, in the same order, as the page's own tree, which knows their anchors."""
        toc = self.document.table_of_contents
        headings = self.shown.headings if self.shown else []
        for index, heading in enumerate(headings):
            if heading.anchor == anchor and len(toc) == len(headings) and toc[index][2]:
                return self.document.query_one(f"#{toc[index][2]}")
        return None

    # -- keys ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return True if self.history.can_back else None
        if action == "forward":
            return True if self.history.can_forward else None
        return True

    async def action_back(self) -> None:
        self.navigator.remember(self.reader.scroll_y)
        await self._go(self.navigator.back())

    async def action_forward(self) -> None:
        self.navigator.remember(self.reader.scroll_y)
        await self._go(self.navigator.forward())

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss()
        else:
            self.app.go_home()

    def action_focus_pages(self) -> None:
        self.add_class("-choosing")  # a narrow window shows the list in place of the page
        self.query_one("#library-pages").focus()

    def action_focus_reader(self) -> None:
        self.remove_class("-choosing")
        self.reader.focus()

    def page_links(self) -> list[tuple[str, str]]:
        """(label, href) of every link on the page on screen that stays in the library."""
        from tui.content.navigation import page_links

        if self.current is None:
            return []
        return [(link.label, link.href) for link in page_links(self.library, self.current)]

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
    async def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        await self.follow(event.href)

    def on_markdown_table_of_contents_updated(
            self, event: Markdown.TableOfContentsUpdated) -> None:
        event.stop()
        from textual.widgets.markdown import MarkdownTableOfContents

        self.query_one(MarkdownTableOfContents).table_of_contents = event.table_of_contents

    def on_markdown_table_of_contents_selected(
            self, event: Markdown.TableOfContentsSelected) -> None:
        event.stop()
        block = self.document.query_one(f"#{event.block_id}")
        self.reader.scroll_to_widget(block, top=True, animate=False)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "library-pages" or event.option.id is None:
            return
        event.stop()
        if event.option.id != self.current:
            await self.open_page(event.option.id)
        self.action_focus_reader()


class LinkPicker(SizeGuard, ModalScreen[str | None]):
    """The links of the page on screen, to follow by keys (a mouse can click them in the page)."""
    CSS_PATH = "library.tcss"  # with the screen, or warmed after the first frame (app.py)

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
        yield KeyBar(show_command_palette=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.links[event.option_index][1])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
