"""The footer: the keys a screen offers now, on one line; a click on one presses it.

One widget drawing one line. Textual's Footer mounts a widget per key, styles each two or three
times and mounts them all again whenever the keys change: on the stretch screen that was about
two thirds of the restyles before the first frame, and every key paid for a relayout of them.
Here a change of keys redraws one line.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class Shown(NamedTuple):
    start: int  # columns [start, end) of the line
    end: int
    key: str  # what a click presses
    enabled: bool


class KeyBar(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    # The colours are the theme's footer colours (tui/app/themes.py checks their contrast).
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        self._keys: list[tuple[str, str, str, bool]] = []  # key, shown as, description, enabled
        self._palette: tuple[str, str, str, bool] | None = None
        self._shown: list[Shown] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._read_bindings()

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self._read_bindings()

    def _read_bindings(self) -> None:
        """The keys to show, as Textual's Footer picks them: bindings with show=True, one per
        action (the first key bound to it), in the screen's order."""
        keys: dict[str, tuple[str, str, str, bool]] = {}
        palette = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = (binding.key, self.app.get_key_display(binding), binding.description,
                           enabled)
            elif binding.show and binding.action not in keys:
                keys[binding.action] = (binding.key, self.app.get_key_display(binding),
                                        binding.description, enabled)
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            palette = None
        if (list(keys.values()), palette) != (self._keys, self._palette):
            self._keys, self._palette = list(keys.values()), palette
            self.refresh()  # one line, always one line high: no relayout

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        line = Text(no_wrap=True, overflow="crop", end="")
        self._shown = []

        def add(key: str, shown_as: str, description: str, enabled: bool) -> None:
            start = line.cell_len
            # Keys not usable now are in italics (dim text is too faint on some consoles).
            unusable = Style() if enabled else Style(italic=True)
            line.append(f" {shown_as} ", key_style + unusable)
            if description:
                line.append(f"{description} ", description_style + unusable)
            self._shown.append(Shown(start, line.cell_len, key, enabled))

        for shown in self._keys:
            add(*shown)
        if self._palette:  # at the right-hand end, as in Textual's Footer
            key, shown_as, description, enabled = self._palette
            width = len(shown_as) + len(description) + 3
            line.append(" " * max(1, self.size.width - line.cell_len - width))
            add(key, shown_as, description, enabled)
        return line

    def on_click(self, event: events.Click) -> None:
        for shown in self._shown:
            if shown.start <= event.x < shown.end:
                if shown.enabled:
                    self.app.simulate_key(shown.key)
                else:
                    self.app.bell()
                return
