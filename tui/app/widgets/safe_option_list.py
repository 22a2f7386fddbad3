"""Textual's OptionList, safe to page through while the window is too small to show it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from textual.widgets import OptionList

if TYPE_CHECKING:  # Textual names the type only in its private module
    from textual.widgets._option_list import OptionListContent


class SafeOptionList(OptionList):
    """Also: prompts given as strings are plain text (page titles, link labels), not markup."""

    def __init__(self, *content: OptionListContent, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(*content, markup=markup, **kwargs)

    def _move_page(self, direction: Literal[-1, 1]) -> None:
        # Textual 8.2.8 raises KeyError paging a list that was never laid out (no height, e.g.
        # under the "too small" notice). With no lines on screen there is no page to move by.
        if self.scrollable_content_region.height <= 0:
            return
        super()._move_page(direction)
