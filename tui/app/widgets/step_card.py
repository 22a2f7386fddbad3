"""The step card: what to do, how, and why, large and readable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.content.models import Step


class StepCard(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="step-title", markup=False)
        yield Static(id="step-body")

    def show(self, step: Step, emergency: str) -> None:
        def fill(text: str) -> str:
            return text.replace("{emergency}", emergency)

        self.query_one("#step-title", Static).update(fill(step.title))
        if step.kind == "stretch":
            parts = [("Do", step.do), ("How", step.how), ("Why", step.why)]
            body = "\n".join(f"[b]{label}:[/b] {_escape(fill(text))}" for label, text in parts
                             if text)
        else:
            body = _escape(fill(step.text))
        self.query_one("#step-body", Static).update(body)
        self.set_class(step.kind == "end" and step.outcome in ("urgent", "emergency"), "-urgent")


def _escape(text: str) -> str:
    # Content is plain text: a "[" in a guide must not be read as Rich markup.
    return text.replace("[", r"\[")
