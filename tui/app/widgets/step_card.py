"""The step card: what to do, how, and why, large and readable."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical

from tui.app.widgets.refit import FittedText, show_text
from tui.walk.view import StepView


def _body(view: StepView) -> Text:
    if view.kind == "stretch":
        return Text("\n").join(
            Text.assemble((f"{label}:", "bold"), " ", text)  # guide text stays plain text
            for label, text in (("Do", view.do), ("How", view.how), ("Why", view.why))
            if text)
    return Text(view.text)


class StepCard(Vertical):
    def __init__(self, view: StepView, **kwargs: Any) -> None:
        # The first step comes with the card: no update (and restyle) after it is mounted.
        super().__init__(classes="-urgent" if view.urgent else "", **kwargs)
        self._view = view
        self._title, self._body = self._parts(view)  # what the card shows now

    @staticmethod
    def _parts(view: StepView) -> tuple[str, tuple[str, ...]]:
        """The title, and what the body is drawn from."""
        return view.title, (view.kind, view.do, view.how, view.why, view.text)

    def compose(self) -> ComposeResult:
        yield FittedText(self._view.title, id="step-title", markup=False)
        yield FittedText(_body(self._view), id="step-body", markup=False)

    def show(self, view: StepView) -> None:
        # Each part is repainted only when its words changed: a refinement often keeps one.
        title, body = self._parts(view)
        if title != self._title:
            self._title = title
            show_text(self.query_one("#step-title", FittedText), view.title)
        if body != self._body:
            self._body = body
            show_text(self.query_one("#step-body", FittedText), _body(view))
        self.set_class(view.urgent, "-urgent")
