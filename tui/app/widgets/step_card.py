"""The step card: what to do, how, and why, large and readable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tui.content.models import Step


class StepCard(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="step-title", markup=False)
        yield Static(id="step-body", markup=False)

    def show(self, step: Step, emergency: str) -> None:
        def fill(text: str) -> str:
            return text.replace("{emergency}", emergency)

        self.query_one("#step-title", Static).update(fill(step.title))
        # A guide's words are plain text: a "[" in them is shown, never read as markup.
        if step.kind == "stretch":
            parts = [(label, text) for label, text in
                     (("Do", step.do), ("How", step.how), ("Why", step.why)) if text]
            body = Content("\n").join(Content.assemble((f"{label}:", "bold"), " ", fill(text))
                                      for label, text in parts)
        else:
            body = Content(fill(step.text))
        self.query_one("#step-body", Static).update(body)
        self.set_class(step.kind == "end" and step.outcome in ("urgent", "emergency"), "-urgent")

