"""Plain mode: one walk as linear text, for a screen reader, a braille display, a dumb terminal or
a pipe. Numbered choices are read a line at a time; nothing is redrawn and no escape sequence is
ever written (a bell only to a real terminal).

Everything a walk decides comes from tui.walk.Session; this module only reads it out and reads
answers in. No Textual, no Rich.

Over 300 lines: one linear conversation (every prompt, its help and its answers) reads best
top to bottom in one file; what is said comes from tui.walk and tui.plain.render.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

from tui.plain import render
from tui.plain.reader import LineReader, isatty
from tui.walk.engine import AGAIN, EASED
from tui.walk.session import REFINE_KEYS, WORSE, Session
from tui.walk import speech
from tui.walk.view import StepView, fill

if TYPE_CHECKING:
    from pathlib import Path

    from tui.content import Loaded
    from tui.content.models import Context
    from tui.settings import Settings
    from tui.voice.speakers import Speaker

ENDED = ("Input ended; stopping. If the cramp has not eased, keep stretching gently, never into "
         "pain. For the danger signs, run cramp --plain again and type !.")
QUIT = "Stopped. If the cramp has not eased, keep stretching gently, never into pain."
BACK = ("<", "back")  # one step back, like Backspace in the full-screen app
BLANKS_BEFORE_HELP = 3


class _Stop(Exception):
    """End of input, or the person typed q: the walk stops cleanly."""


class PlainWalker:
    """Reads a Session out as text and feeds it the answers typed."""

    def __init__(self, session: Session, stdin: TextIO, stdout: TextIO, *,
                 sleep: Callable[[float], None] = time.sleep,
                 speaker: Speaker | None = None) -> None:
        self.session, self.sleep, self.speaker = session, sleep, speaker
        self.stdout, self.reader = stdout, LineReader(stdin)
        # A piped answer is echoed so the transcript reads whole; a typed one is echoed by the
        # terminal, so an output that is not the terminal only needs the line ended.
        self.echo = "line" if not isatty(stdin) else "" if isatty(stdout) else "newline"
        self.bell = isatty(stdout) and session.settings.sound
        self.commands_shown: set[str] = set()
        self.blank_ok = True  # whether an empty line is an answer at the current prompt

    # -- output and input -----------------------------------------------------------------
    def say(self, *lines: str) -> None:
        for line in lines:
            self.stdout.write(render.clean(line) + "\n")
        self.stdout.flush()

    def ask(self, prompt: str, answers: str) -> str:
        """One typed line, stripped. `?` says what the prompt takes (`answers`), `!` shows the
        danger signs and comes back to the same step, q stops."""
        blanks = 0
        while True:
            self.check_clock()
            if prompt and blanks < BLANKS_BEFORE_HELP:
                self.say(prompt)
            self._prompt()
            line = self.reader.readline(self.session.seconds_until_long, self._idle)
            if line is None:
                if not self.session.finished:  # after an ending, input may simply stop
                    self.say("", ENDED)
                raise _Stop
            self.stdout.write({"line": render.clean(line) + "\n", "newline": "\n"}
                              .get(self.echo, ""))
            self.stdout.flush()
            typed = line.strip()
            if typed.lower() == "q":
                self.say("", QUIT)
                raise _Stop
            if typed == "?":
                self.say(answers)
            elif typed == "!":
                self.say(*render.danger_lines(self.session.library,
                                              self.session.settings.emergency))
                self.speak(*speech.danger(self.session.library.danger, self._emergency))
                self.say("", f"Back to: {self._where_we_are()}")
            elif typed == "" and not self.blank_ok:
                # A stream of empty lines (a stuck key, `yes ''`): say once how to answer, then
                # wait quietly for a real answer.
                blanks += 1
                if blanks == BLANKS_BEFORE_HELP:
                    self.say(answers)
            else:
                return typed

    def _where_we_are(self) -> str:
        return self.session.view.title if self.session.walk else "Where is the cramp?"

    def _prompt(self) -> None:
        self.stdout.write("> ")
        self.stdout.flush()

    def _idle(self) -> None:
        """Nobody is typing: the 10-minute advice still comes on time, then the prompt again."""
        if self.check_clock():
            self._prompt()

    def check_clock(self) -> bool:
        advice = self.session.long_cramp_due()
        if advice:
            self.say("", *advice)
            self.speak(*speech.long_cramp(advice, self._emergency))
        return advice is not None

    # -- the walk -------------------------------------------------------------------------
    def run(self, site: str | None = None) -> int:
        """Walk from "where is the cramp?" (or the given site) to an end. Always returns 0."""
        try:
            if self.session.library.danger:
                self.say(fill(self.session.library.danger.disclaimer,
                              self.session.settings.emergency), "")
            self.session.begin(site or self.where())
            self.run_on()
        except _Stop:
            pass
        return 0

    def where(self) -> str:
        """Where is the cramp? The same prompt also opens the library: a list, a search, a
        page (PlainLibrary), so plain mode browses as well as guides."""
        from tui.plain.library import PlainLibrary  # the Markdown reader: only when asked

        sites = self.session.sites()
        shelf = PlainLibrary(self.session.library, self.session.settings.emergency)
        self.say("Where is the cramp?",
                 *render.choice_lines([(c.key, c.key, c.label) for c in sites], sites[0].label),
                 f"Or: {shelf.help_line()}.")
        while True:
            self.blank_ok = True  # Enter picks the first place
            typed = self.ask("", "Type the number of the place, or Enter for the first. Or: "
                             f"{shelf.help_line()}.")
            lines = shelf.handle(typed)  # first: a number right after a list opens a page
            if lines is not None:
                self.say(*lines)
                continue
            site = sites[0].site if typed == "" else self.session.site_for(typed)
            if site is not None:
                return site
            self.say("Type the number of the place, or Enter for the first.")

    def info(self, view: StepView) -> None:
        self.say(*render.step_lines(view))
        self.blank_ok = True
        typed = self.ask("Press Enter to continue.", "Press Enter to continue, < to go back one "
                         "step, ! for the danger signs, q to stop.")
        if not self._went_back(typed):
            self.session.answer("enter")

    def _went_back(self, typed: str) -> bool:
        if typed.lower() not in BACK:
            return False
        if not self.session.back():
            self.say("This is the first step: there is nothing to go back to.")
        return True

    def question(self, view: StepView) -> None:
        options = render.numbered([(a.key, a.label) for a in view.answers])
        default = next((label for _, key, label in options if key == view.default), None)
        self.say(*render.step_lines(view), *render.choice_lines(options, default))
        while True:
            self.blank_ok = True
            typed = self.ask("", "Type the number of your answer" +
                             (", or Enter for the first" if view.default else "") +
                             ". < goes back one step, ! danger signs, q quits.")
            if self._went_back(typed):
                return
            key = view.default if typed == "" and view.default else render.pick(options, typed)
            if key is not None:
                self.session.answer(key)
                return
            self.say("Type the number of your answer.")

    def stretch(self, view: StepView) -> None:
        self._card(view)
        released = False
        while True:
            self.blank_ok = not released  # Enter starts the hold; after it, y or n is needed
            typed = self.ask("Did it ease? y = yes, n = no, hold again" if released else
                             f"Press Enter to start the {render.seconds(view.hold or 0)} second "
                             "hold (or type y if it already eased).",
                             "Type y if it eased, n to hold again, Enter to start a hold. "
                             + render.COMMANDS).lower()
            if self._went_back(typed):
                return
            if typed in ("y", "yes"):
                self.session.answer(EASED)
                return
            if typed in ("n", "no") or (typed == "" and not released):
                if released:
                    if not self.session.answer(AGAIN).hold_again:
                        return  # a safety question comes first
                    self.say("Again.")
                self.hold(self.session.hold_seconds())
                released = True
            elif typed == WORSE:
                self.session.answer(WORSE)
                return
            elif typed in REFINE_KEYS:
                refined = self.session.refine_key(typed)
                self.say(refined.said, *([refined.problem] if refined.problem else []))
                if refined.moved.new_step:
                    return
                if self.session.view != view:
                    view = self.session.view
                    self._card(view)
                    self.speak(*speech.step(view, self._emergency))
            else:
                self.say("Press Enter to hold, y if it eased, n to hold again. "
                         + render.COMMANDS)

    def _card(self, view: StepView) -> None:
        self.say(*render.step_lines(view))
        if view.warning:
            self.say(view.warning)
        if view.qid not in self.commands_shown:
            self.commands_shown.add(view.qid)
            self.say(render.COMMANDS)

    def hold(self, seconds: float) -> None:
        """Count the hold in words, one line a second, each on time against its own deadline."""
        clock = self.session.clock
        start, tick = clock(), 0
        while seconds - tick > 0:
            self._sleep_until(start + tick)
            left = seconds - tick
            number = str(int(left) if left == int(left) else int(left) + 1)
            self.say(f"Hold: {number}" if tick == 0 else number)
            self.speak(*speech.count(left, first=tick == 0))
            self.check_clock()
            tick += 1
        self._sleep_until(start + seconds)
        self.say("Release.")
        self.speak(speech.RELEASE)
        if self.bell:
            self.stdout.write("\a")
            self.stdout.flush()

    def _sleep_until(self, deadline: float) -> None:
        while (left := deadline - self.session.clock()) > 0:
            self.sleep(left)

    def end(self, view: StepView) -> None:
        session = self.session
        log = render.log_line(session.diary_entry()) if view.can_log else None
        self.say(*render.step_lines(view),
                 *render.end_lines(session.library, view, session.settings.emergency, log))
        offers = {offer.key: offer.page for offer in view.pages}
        self.blank_ok = True
        help_line = ("Type a page's number to read it, " if offers else "Type ") + \
            "s for the sources, or press Enter to finish."
        while True:
            typed = self.ask(help_line, help_line).lower()
            if typed == "s":
                self.say(*render.source_lines(session.library, view.sources))
            elif typed in offers:
                from tui.plain.page_text import page_lines

                self.say("", *page_lines(session.library, offers[typed],
                                         session.settings.emergency))
            elif self._went_back(typed):
                self.run_on()
                return
            else:
                return

    def run_on(self) -> None:
        """Back from an ending (a key pressed by mistake): the walk goes on from there."""
        while not self.session.finished:
            view = self.session.view
            self.speak(*speech.step(view, self._emergency))
            getattr(self, view.kind)(view)
        self.speak(*speech.step(self.session.view, self._emergency))
        self.end(self.session.view)

    # -- speech (tui/voice): what is said, and when, comes from tui/walk/speech.py ---------
    def speak(self, *utterances: str) -> None:
        if self.speaker is not None:
            self.speaker.say(*utterances)

    @property
    def _emergency(self) -> str:
        return self.session.settings.emergency


def main(site: str | None = None, ctx: Context | None = None, guides: Iterable[Path] = (), *,
         stdin: TextIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None, clock: Callable[[], float] = time.monotonic,
         sleep: Callable[[float], None] = time.sleep, speak: bool = False,
         loaded: Loaded | None = None) -> int:
    """The `cramp --plain` / `cramp now --plain` entry: load settings and guides, then walk.
    `loaded`: the guides, if the command already loaded them (`now --where` checks the site)."""
    from tui.content import load_for_first_aid
    from tui.settings import load_settings, save_settings

    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    if hasattr(stdout, "reconfigure"):
        stdout.reconfigure(errors="replace")
    settings, problem = load_settings()
    try:
        if problem:
            print(f"cramp: {render.clean(problem)}", file=stderr)
        library = load_for_first_aid(
            list(guides), lambda line: print(render.clean(line), file=stderr), loaded)
        if library is None:
            return 1
        session = Session(library, settings, ctx, clock=clock, save=save_settings)
        speaker = _speaker(settings, speak, stderr)
        try:
            return PlainWalker(session, stdin, stdout, sleep=sleep, speaker=speaker).run(site)
        finally:
            if speaker is not None:
                speaker.close()
    except KeyboardInterrupt:
        print(f"\n{QUIT}", file=stdout, flush=True)
        return 130
    except BrokenPipeError:
        # The reader went away (`cramp --plain | head`): stop quietly, and keep Python's own
        # flush at exit from complaining about the closed pipe.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 0


def _speaker(settings: Settings, forced: bool, stderr: TextIO) -> Speaker | None:
    """--speak or the "speak" setting: the system's voice (tui/voice); None when speech is off."""
    if not (forced or settings.speak):
        return None  # tui.voice is not even imported
    from tui.voice.choose import Voice

    speaker, problem = Voice(forced).speaker(settings)
    if problem:
        print(f"cramp: {render.clean(problem)}", file=stderr)
    return speaker
