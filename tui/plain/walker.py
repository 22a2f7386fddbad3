"""Plain mode: the same flow engine and guides as linear text, for a screen reader, a braille
display, a dumb terminal or a pipe. Numbered choices are read a line at a time from standard input;
nothing is redrawn and no escape sequence is ever written (a bell only to a real terminal).

Imports only the content layer, the engine and the settings: no Textual, no Rich.

Testing hook: CRAMP_FAST_CLOCK=1 in the environment makes main() use a fake clock whose sleep
returns at once (the hold counts through in no time); never set it for real use.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TextIO

from tui.plain import render
from tui.content.library import Library
from tui.content.models import Context
from tui.walk.engine import AGAIN, CONTINUE, EASED, Engine, Walk
from tui.settings import Settings, save_settings

LONG_CRAMP = 600.0  # seconds from the first question before the long-cramp advice is shown
ENDED = ("Input ended; stopping. If the cramp has not eased, keep stretching gently, never into "
         "pain. For the danger signs, run cramp --plain again and type !.")
QUIT = "Stopped. If the cramp has not eased, keep stretching gently, never into pain."


class _Stop(Exception):
    """End of input, or the person typed q: the walk stops cleanly."""


class FakeClock:
    """A clock that only moves when slept on: the hold runs instantly (tests, CRAMP_FAST_CLOCK)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)


class LineReader:
    """Lines from standard input. On a real file descriptor it waits with select(), so the walker
    can speak up (the long-cramp advice) while nobody is typing; otherwise plain readline()."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.buffer, self.eof = stream, b"", False
        self.fd: int | None = None
        if os.name == "posix":
            try:
                self.fd = stream.fileno()
            except (AttributeError, OSError, ValueError):
                self.fd = None

    def readline(self, timeout: Callable[[], float | None], idle: Callable[[], None]) -> str | None:
        """The next line without its newline, or None at the end of input."""
        if self.fd is None:
            line = self.stream.readline() if self.stream is not None else ""  # stdin closed
            return line.rstrip("\r\n") if line else None
        import select

        while b"\n" not in self.buffer and not self.eof:
            if not select.select([self.fd], [], [], timeout())[0]:
                idle()
                continue
            chunk = os.read(self.fd, 4096)
            self.eof = not chunk
            self.buffer += chunk
        if not self.buffer:
            return None
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.decode("utf-8", "replace").rstrip("\r")


class PlainWalker:
    """One walk through the guides, start to end, as text."""

    def __init__(self, library: Library, settings: Settings, stdin: TextIO, stdout: TextIO, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep,
                 save: Callable[[Settings], None] = save_settings,
                 long_after: float = LONG_CRAMP) -> None:
        self.library, self.settings, self.engine = library, settings, Engine(library)
        self.stdout, self.reader = stdout, LineReader(stdin)
        self.clock, self.sleep, self.save, self.long_after = clock, sleep, save, long_after
        # A piped answer is echoed so the transcript reads whole; a typed one is echoed by the
        # terminal, so an output that is not the terminal only needs the line ended.
        self.echo = "line" if not _isatty(stdin) else "" if _isatty(stdout) else "newline"
        self.bell = _isatty(stdout) and settings.sound
        self.started: float | None = None
        self.long_shown = self.clock_stopped = False
        self.eased_after = 0.0
        self.commands_shown: set[str] = set()

    # -- output and input -----------------------------------------------------------------
    def say(self, *lines: str) -> None:
        for line in lines:
            self.stdout.write(render.clean(line) + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        self.check_clock()
        if prompt:
            self.say(prompt)
        self.stdout.write("> ")
        self.stdout.flush()
        line = self.reader.readline(self._until_long, self.check_clock)
        if line is None:
            self.say("", ENDED)
            raise _Stop
        self.stdout.write({"line": render.clean(line) + "\n", "newline": "\n"}.get(self.echo, ""))
        self.stdout.flush()
        if line.strip() == "!":
            self.say(*render.danger_lines(self.library.danger, self.library, self.emergency))
        return line.strip()

    @property
    def emergency(self) -> str:
        return self.settings.emergency

    # -- the cramp clock ------------------------------------------------------------------
    def _until_long(self) -> float | None:
        if self.long_shown or self.clock_stopped or self.started is None:
            return None
        return max(0.0, self.started + self.long_after - self.clock())

    def check_clock(self) -> None:
        if self._until_long() == 0.0:
            self.long_shown = True
            self.say(*render.long_cramp_lines(self.library.danger, self.emergency))

    # -- the walk -------------------------------------------------------------------------
    def run(self, site: str | None = None, ctx: Context | None = None) -> int:
        """Walk from "where is the cramp?" (or the given site) to an end. Always returns 0."""
        self.started = self.clock()
        ctx = ctx or Context(pregnant=self.settings.pregnant)
        try:
            site = site or self.where()
            walk = self.engine.start(site, ctx)
            while not self.engine.finished(walk):
                kind = self.engine.raw_step(walk).kind
                walk = getattr(self, kind)(walk)
            self.end(walk)
        except _Stop:
            pass
        return 0

    def where(self) -> str:
        flows = self.library.site_flows
        options = render.numbered([(f.key or f.site or "", f.site_label) for f in flows])
        sites = {f.key: f.site for f in flows}
        self.say("Where is the cramp?", *render.choice_lines(options, flows[0].site_label))
        while True:
            typed = self.ask("")
            if typed == "":
                return flows[0].site
            key = render.pick(options, typed)
            if key is not None:
                return sites[key]
            if typed.lower() in {f.site for f in flows}:
                return typed.lower()
            self._quit_or_retry(typed, "Type the number of the place, or Enter for the first.")

    def _quit_or_retry(self, typed: str, hint: str) -> None:
        if typed.lower() == "q":
            self.say("", QUIT)
            raise _Stop
        if hint and typed != "!":
            self.say(hint)

    def info(self, walk: Walk) -> Walk:
        self.say(*render.step_lines(self.engine.step(walk), self.emergency))
        while True:
            typed = self.ask("Press Enter to continue.")
            if typed != "!":
                self._quit_or_retry(typed, "")
                return self.engine.answer(walk, CONTINUE)

    def question(self, walk: Walk) -> Walk:
        step = self.engine.step(walk)
        options = render.numbered([(a.key, a.label) for a in self.engine.answers(walk)])
        default = next((label for _, key, label in options if key == step.default), None)
        self.say(*render.step_lines(step, self.emergency))
        self.say(*render.choice_lines(options, default))
        while True:
            typed = self.ask("")
            key = step.default if typed == "" and step.default else render.pick(options, typed)
            if key is not None:
                return self.engine.answer(walk, key)
            self._quit_or_retry(typed, "Type the number of your answer.")

    def stretch(self, walk: Walk) -> Walk:
        step = self.engine.step(walk)
        self._card(walk)
        released = False
        while True:
            hold = render.seconds(step.hold or self.settings.hold_seconds)
            typed = self.ask("Did it ease? y = yes, n = no, hold again" if released else
                             f"Press Enter to start the {hold} second hold "
                             "(or type y if it already eased).").lower()
            if typed in ("y", "yes"):
                self.clock_stopped, self.eased_after = True, self.clock() - (self.started or 0)
                return self.engine.answer(walk, EASED)
            if typed in ("n", "no") or (typed == "" and not released):
                if released:
                    walk = self.engine.answer(walk, AGAIN)
                    if self.engine.raw_step(walk).kind != "stretch":
                        return walk
                    self.say("Again.")
                self.hold(step.hold or self.settings.hold_seconds)
                released = True
            elif typed in ("h", "b", "s", "t", "p"):
                before = (walk.qid, step)
                walk = self.refine(walk, typed)
                if walk.qid != before[0]:
                    return walk
                step = self.engine.step(walk)
                if step != before[1]:
                    self._card(walk)
            elif typed != "" or not released:
                self._quit_or_retry(typed, "Press Enter to hold, y if it eased, n to hold again. "
                                    + render.COMMANDS)

    def _card(self, walk: Walk) -> None:
        self.say(*render.step_lines(self.engine.step(walk), self.emergency))
        if self.library.danger is not None:
            self.say(self.library.danger.stretch_warning)
        if walk.qid not in self.commands_shown:
            self.commands_shown.add(walk.qid)
            self.say(render.COMMANDS)

    def refine(self, walk: Walk, command: str) -> Walk:
        ctx = walk.ctx
        if command == "h":
            ctx = replace(ctx, helper=not ctx.helper)
            self.say("Helper: " + ("on; the steps are now for the person helping." if ctx.helper
                                   else "off."))
        elif command == "p":
            ctx = replace(ctx, pregnant=not ctx.pregnant)
            self.settings = replace(self.settings, pregnant=ctx.pregnant)
            try:
                self.save(self.settings)
                note = " (remembered)"
            except OSError as error:
                note = f" (could not be saved: {error})"
            self.say(f"Pregnant: {'yes' if ctx.pregnant else 'no'}{note}.")
        else:
            ctx = replace(ctx, position=render.POSITIONS[command])
            self.say(f"Position: {render.POSITION_WORDS[ctx.position]}.")
        return self.engine.refine(walk, ctx)

    def hold(self, seconds: float) -> None:
        """Count the hold in words, one line a second, each on time against its own deadline."""
        start, tick = self.clock(), 0
        while seconds - tick > 0:
            self._sleep_until(start + tick)
            left = seconds - tick
            number = str(int(left) if left == int(left) else int(left) + 1)
            self.say(f"Hold: {number}" if tick == 0 else number)
            self.check_clock()
            tick += 1
        self._sleep_until(start + seconds)
        self.say("Release.")
        if self.bell:
            self.stdout.write("\a")
            self.stdout.flush()

    def _sleep_until(self, deadline: float) -> None:
        while (left := deadline - self.clock()) > 0:
            self.sleep(left)

    def end(self, walk: Walk) -> None:
        step = self.engine.step(walk)
        self.say(*render.step_lines(step, self.emergency))
        flows = dict.fromkeys(qid.split(":", 1)[0] for qid in walk.visited)
        site = self.engine.site(walk)
        log = render.log_line(site, walk.ctx, self.eased_after) \
            if step.outcome == "eased" and site else None
        self.say(*render.end_lines(self.library, self.engine.pages(walk), flows, self.emergency,
                                   log))


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def main(site: str | None = None, ctx: Context | None = None, guides=(), *,
         stdin: TextIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """The `cramp --plain` / `cramp now --plain` entry: load settings and guides, then walk."""
    from tui.content import ContentError, load_library
    from tui.settings import load_settings

    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    if hasattr(stdout, "reconfigure"):
        stdout.reconfigure(errors="replace")
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    if os.environ.get("CRAMP_FAST_CLOCK") == "1":
        fake = FakeClock()
        clock, sleep = fake, fake.sleep
    settings, problem = load_settings()
    try:
        if problem:
            print(f"cramp: {problem}", file=stderr)
        try:
            loaded = load_library(list(guides))
        except ContentError as error:
            print("cramp: the bundled guides are broken; no first aid can be shown:", file=stderr)
            print(error, file=stderr)
            return 1
        for warning in loaded.warnings:
            print(f"cramp: {warning}", file=stderr)
        walker = PlainWalker(loaded.library, settings, stdin, stdout, clock=clock, sleep=sleep)
        return walker.run(site, ctx)
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
