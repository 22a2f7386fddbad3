"""The step card: what to do, how, and why, large and readable."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.walk.view import StepView


class StepCard(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="step-title", markup=False)
        yield Static(id="step-body", markup=False)

    _shown: tuple[str, ...] = ()

    def show(self, view: StepView) -> None:
        shown = (view.kind, view.title, view.do, view.how, view.why, view.text, str(view.urgent))
        if shown == self._shown:  # a refinement that changes nothing here: no repaint
            return
        self._shown = shown
        self.query_one("#step-title", Static).update(view.title)
        if view.kind == "stretch":
            body = Text("\n").join(
                Text.assemble((f"{label}:", "bold"), " ", text)  # guide text stays plain text
                for label, text in (("Do", view.do), ("How", view.how), ("Why", view.why))
                if text)
        else:
            body = Text(view.text)
        self.query_one("#step-body", Static).update(body)
        self.set_class(view.urgent, "-urgent")
