"""One cramp, from "where is it?" to an ending: every decision a walk makes, made once.

The Textual app and plain mode each hold a Session, show its `view` and hand back what the person
pressed. Neither adapter decides what is asked next, which safety question comes first, how long a
hold lasts, when the 10-minute advice is due, what is offered at the end or what the diary entry
holds: if they could disagree, the rule belongs here. No Textual, no Rich, no I/O but the injected
`save` for a remembered setting.

Over 300 lines on purpose: it is the one place every rule of a walk lives; split, the rules would
have to reach into each other's state.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from tui.content.library import Library
from tui.content.models import Context, Flow, Position
from tui.settings import Settings
from tui.walk.engine import AGAIN, CONTINUE, EASED, Answer, Engine, Walk
from tui.values import frozen
from tui.walk.view import PageOffer, StepView, fill

if TYPE_CHECKING:  # the diary loads only when an entry is made
    from datetime import datetime

    from tui.diary.models import Entry

# Urgent-care advice when a cramp lasts this long (design rule 4).
LONG_CRAMP_SECONDS = 10 * 60.0
# One repetition of a stretch, unless the person set their own length (settings) or a step
# says it needs another (its `hold` in the guide).
DEFAULT_HOLD = 5.0
# A cramp that has not eased after this many "still cramping" answers could be something else:
# the blood-clot question is asked of everyone then, pregnant or not (design rule 3).
STILL_CRAMPING_BEFORE_CLOT_CHECK = 3
# The key that says "it hurts more / it is getting worse" on a stretch.
WORSE = "w"
# One letter refines what we know about the person, in every mode: h and p switch helper and
# pregnancy, b / s / t set the position.
REFINE_KEYS: dict[str, Position | None] = {"h": None, "p": None, "b": "bed", "s": "sitting",
                                           "t": "standing"}


@frozen
class Moved:
    """What an answer did, so an adapter knows whether to start a new step or hold again."""

    hold_again: bool = False  # "still cramping" on the same stretch: the next hold starts now
    new_step: bool = True  # a different step is shown (a refinement may keep the same one)


@frozen
class Refined:
    """What a refine key (h, p, b, s, t) changed, in words, and what it did to the walk."""

    moved: Moved
    said: str  # one line that confirms the change, in words
    problem: str | None = None  # e.g. the remembered setting could not be saved


@frozen
class SiteChoice:
    """A cramp site offered at "where is the cramp?": its key, label and site id."""

    key: str
    label: str
    site: str


class Session:
    """One person's walk. `clock` is monotonic seconds (tests inject a fake one)."""

    def __init__(self, library: Library, settings: Settings, ctx: Context | None = None, *,
                 clock: Callable[[], float] = time.monotonic,
                 save: Callable[[Settings], None] | None = None) -> None:
        self.library, self.engine = library, Engine(library)
        self.settings, self.clock, self._save = settings, clock, save
        self.ctx = start_context(ctx, settings)
        self.started = clock()  # the cramp clock runs from the first question
        # The wall clock as seconds: a datetime only when the diary asks (started_wall), so
        # plain mode does not import datetime before its first instruction (~1 ms).
        self._started_epoch = time.time()
        self.walk: Walk | None = None
        self._history: list[tuple[Walk, int]] = []
        self._still_cramping = 0
        self._stopped_at: float | None = None
        self._long_said = False
        self.logged: Entry | None = None

    # -- the first question ---------------------------------------------------------------
    def sites(self) -> list[SiteChoice]:
        """Where the cramp can be, in the order to offer them; the first is the default."""
        return [SiteChoice(f.key or "", f.site_label, f.site or "")
                for f in self.library.site_flows]

    def site_for(self, typed: str) -> str | None:
        """The site a key, a number or a site's own name means (case-insensitive)."""
        typed = typed.strip().lower()
        for number, choice in enumerate(self.sites(), 1):
            if typed in (choice.key, str(number), choice.site, choice.label.lower()):
                return choice.site
        return None

    def begin(self, site: str) -> None:
        self.walk = self.engine.start(site, self.ctx)

    # -- what to show -----------------------------------------------------------------------
    @property
    def flow(self) -> Flow:
        return self.library.flows[self._walk.flow]

    @property
    def view(self) -> StepView:
        walk = self._walk
        raw = self.engine.raw_step(walk)
        step = raw.resolved(walk.ctx)
        emergency = self.settings.emergency
        stretch = raw.kind == "stretch"
        ended = raw.kind == "end"
        danger = self.library.danger
        return StepView(
            qid=walk.qid, kind=raw.kind, flow_title=fill(self.flow.title, emergency),
            title=fill(step.title, emergency), do=fill(step.do, emergency),
            how=fill(step.how, emergency), why=fill(step.why, emergency),
            text=fill(step.text, emergency), answers=tuple(self.answers()),
            default=raw.default, outcome=raw.outcome,
            hold=self.hold_seconds() if stretch else None,
            warning=fill(danger.stretch_warning, emergency) if stretch and danger else "",
            pages=self._pages() if ended else (),
            can_log=ended and raw.outcome == "eased" and self.site is not None,
            sources=self.sources() if ended else (),
        )

    def answers(self) -> list[Answer]:
        answers = self.engine.answers(self._walk)
        if self.engine.raw_step(self._walk).kind == "stretch" and self.worse_gate():
            answers.append(Answer(WORSE, "It hurts more or is getting worse: stop"))
        return answers

    def hold_seconds(self) -> float:
        """The person's own length replaces the default; a step that needs another says so."""
        needed = self.engine.raw_step(self._walk).hold
        return needed if needed is not None else self.settings.hold_seconds or DEFAULT_HOLD

    @property
    def finished(self) -> bool:
        return self.walk is not None and self.engine.finished(self.walk)

    @property
    def site(self) -> str | None:
        return self.engine.site(self._walk) if self.walk else None

    def sources(self) -> tuple[str, ...]:
        """Every source the flows walked so far cite, once, in order."""
        flows = dict.fromkeys(qid.split(":", 1)[0] for qid in self._walk.visited)
        cited = [s for f in flows for s in self.library.flows[f].sources]
        return tuple(s for s in dict.fromkeys(cited) if s in self.library.sources)

    def _pages(self) -> tuple[PageOffer, ...]:
        pages = [p for p in self.engine.pages(self._walk) if p in self.library.pages]
        return tuple(PageOffer(str(number), page, self.library.pages[page].title)
                     for number, page in enumerate(pages[:9], 1))

    # -- answers ----------------------------------------------------------------------------
    def answer(self, key: str) -> Moved:
        """The person's answer to the step shown; raises WalkError for a key it does not take."""
        walk, count = self._walk, self._still_cramping  # what Backspace goes back to
        raw = self.engine.raw_step(walk)
        worse = self._worse_target()
        if key == WORSE and raw.kind == "stretch" and worse:
            return self._move(self.engine.ask_gate(walk, worse), count)
        if raw.kind == "question" and key == CONTINUE and raw.default:
            key = raw.default
        if raw.kind == "stretch" and key == AGAIN:
            self._still_cramping += 1
            if self._still_cramping == STILL_CRAMPING_BEFORE_CLOT_CHECK:
                # Not eased after several holds: ask about a clot before stretching again.
                return self._move(self.engine.ask_gate(walk, walk.qid, again=False), count)
        if raw.kind == "stretch" and key == EASED:
            self.stop_clock()
        moved = self._move(self.engine.answer(walk, key), count)
        if self.finished and self.view.outcome != "eased":
            self.stop_clock()
        return moved

    def _move(self, walk: Walk, count: int) -> Moved:
        before = self._walk
        self._history.append((before, count))
        self.walk = walk
        if walk.qid == before.qid:
            return Moved(hold_again=True, new_step=False)
        return Moved()

    def worse_gate(self) -> bool:
        """Whether "it hurts more" can be answered: the guides have a gate that says where a
        stretch that hurts goes."""
        return self._worse_target() is not None

    def _worse_target(self) -> str | None:
        for flow_id, gate in self.library.gates():
            if gate.if_worse:
                return ":".join(_qualify(gate.if_worse, flow_id))
        return None

    def back(self) -> bool:
        """One step back (a key pressed by mistake); the cramp clock keeps running."""
        if not self._history:
            return False
        self.walk, self._still_cramping = self._history.pop()
        if not self.finished:
            self._stopped_at = None
        return True

    @property
    def can_go_back(self) -> bool:
        return bool(self._history)

    def refine(self, *, helper: bool | None = None, position: Position | None = None,
               pregnant: bool | None = None) -> Refined:
        """The person told us more. The step's text follows, and a safety question that now
        applies is asked before the stretch. Pregnancy is remembered for next time."""
        said, problem = "", None
        if helper is not None:
            said = "Helper: on; the steps are now for the person helping." if helper \
                else "Helper: off."
        if position is not None:
            said = f"Position: {POSITION_WORDS[position]}."
        if pregnant is not None:
            problem = self._remember(replace(self.settings, pregnant=pregnant))
            said = f"Pregnant or just gave birth: {'yes' if pregnant else 'no'}" + \
                (" (remembered)." if problem is None else " (not remembered).")
        old = self.ctx
        self.ctx = Context(helper=old.helper if helper is None else helper,
                           position=old.position if position is None else position,
                           pregnant=old.pregnant if pregnant is None else pregnant)
        before = self._walk.qid
        self.walk = self.engine.refine(self._walk, self.ctx)
        return Refined(Moved(new_step=self._walk.qid != before), said, problem)

    def refine_key(self, key: str) -> Refined:
        """A refinement by its letter (REFINE_KEYS)."""
        if key == "h":
            return self.refine(helper=not self.ctx.helper)
        if key == "p":
            return self.refine(pregnant=not self.ctx.pregnant)
        position = REFINE_KEYS[key]
        assert position is not None
        return self.refine(position=position)

    def _remember(self, settings: Settings) -> str | None:
        self.settings = settings
        if self._save is None:
            return None
        try:
            self._save(settings)
        except OSError as error:
            return f"Could not save the setting: {error.strerror or error}"
        return None

    # -- the cramp clock --------------------------------------------------------------------
    def elapsed(self) -> float:
        now = self.clock() if self._stopped_at is None else self._stopped_at
        return max(0.0, now - self.started)

    def stop_clock(self) -> None:
        """The cramp eased or the walk ended: keep the time for the diary, warn no more."""
        if self._stopped_at is None:
            self._stopped_at = self.clock()

    def seconds_until_long(self) -> float | None:
        """How long until the 10-minute advice is due; None when it never will be (again)."""
        if self._long_said or self._stopped_at is not None:
            return None
        return max(0.0, LONG_CRAMP_SECONDS - self.elapsed())

    def long_cramp_due(self) -> tuple[str, str] | None:
        """The urgent-care advice (title, text), exactly once, when the cramp passes the limit."""
        if self.seconds_until_long() != 0.0:
            return None
        self._long_said = True
        return self.long_cramp_advice()

    def long_cramp_advice(self) -> tuple[str, str]:
        danger, emergency = self.library.danger, self.settings.emergency
        if danger is None:
            return ("Cramp for more than 10 minutes", "Get urgent medical advice.")
        return fill(danger.long_cramp_title, emergency), fill(danger.long_cramp_text, emergency)

    # -- the diary --------------------------------------------------------------------------
    @property
    def started_wall(self) -> datetime:
        """When the walk started, on the wall clock of where it happened (to the second)."""
        from datetime import datetime

        return datetime.fromtimestamp(self._started_epoch).astimezone().replace(microsecond=0)

    def diary_entry(self) -> Entry:
        """The entry to offer at the end, filled with what the walk already knows."""
        from tui.diary.models import Entry

        return Entry(started_at=self.started_wall, site=self.site or "",
                     duration_seconds=max(1, round(self.elapsed())),
                     in_bed=self.ctx.position == "bed", pregnant=self.ctx.pregnant,
                     helper=self.ctx.helper)

    def mark_logged(self, entry: Entry) -> None:
        self.logged = entry

    # -- internals --------------------------------------------------------------------------
    @property
    def _walk(self) -> Walk:
        if self.walk is None:
            raise RuntimeError("the walk has not begun: call begin(site) first")
        return self.walk


POSITION_WORDS = {"bed": "in bed", "sitting": "sitting", "standing": "standing"}


def logged_later(library: Library, settings: Settings, now: datetime) -> Entry:
    """The entry offered when a cramp is logged from the diary, not at the end of a walk: now,
    a minute long, the first site the guides offer, and what cramp remembers (pregnancy)."""
    from tui.diary.models import Entry

    sites = library.site_flows
    return Entry(started_at=now.replace(second=0, microsecond=0),
                 site=(sites[0].site or "") if sites else "", duration_seconds=60,
                 pregnant=settings.pregnant)


def start_context(ctx: Context | None, settings: Settings) -> Context:
    """What the command line said, merged once with what cramp remembers (pregnancy)."""
    ctx = ctx or Context()
    return Context(helper=ctx.helper, position=ctx.position,
                   pregnant=ctx.pregnant or settings.pregnant)


def _qualify(target: str, flow_id: str) -> tuple[str, str]:
    from tui.content.library import split_target

    return split_target(target, flow_id)
