"""The baseline: a bare Textual hello-world, started and driven exactly like cramp.

A Static "Hello" and a Footer. Two bindings give the key-latency baselines:
"u" changes the Static's text (a change within a screen), "s" pushes a new Screen and "b" pops it.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static


class Second(Screen):
    BINDINGS = [Binding("b", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Static("A second screen", id="second")
        yield Footer()


class Hello(App):
    BINDINGS = [
        Binding("u", "toggle", "Update text"),
        Binding("s", "second", "New screen"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.flip = False

    def compose(self) -> ComposeResult:
        yield Static("Hello", id="hello")
        yield Footer()

    def action_toggle(self) -> None:
        self.flip = not self.flip
        self.query_one("#hello", Static).update("Changed text" if self.flip else "Hello")

    def action_second(self) -> None:
        self.push_screen(Second())


if __name__ == "__main__":
    Hello().run()
