"""Speakers: say a list of utterances, interrupting whatever is being said.

A live speaker runs the engine in a child process and kills it when it is interrupted; the file
speaker (CRAMP_SPEAK_TO) writes every utterance, uninterrupted, as a WAV file and a transcript
line. OffThread wraps either so that `say` and `stop` only hand work to a thread and return at
once: the hold timer and the keys never wait for speech.
"""

from __future__ import annotations

import os
import queue
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from tui.settings import DEFAULT_SPEECH_RATE as DEFAULT_RATE
from tui.voice.engines import Engine

Item = TypeVar("Item")

# No control character (escape sequences, bells) reaches an engine: text is data.
_CONTROLS = {c: " " for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]}
# How long the file speaker may take to finish writing when cramp exits.
DRAIN_SECONDS = 30.0


class Speaker(Protocol):
    rate: int
    # Whether say/stop already return at once (they only queue work for a thread of their own);
    # if not, the adapters call the speaker through OffThread.
    off_thread: bool

    def say(self, *utterances: str) -> None:
        """Say these in order, cutting off whatever is being said. Never blocks."""

    def stop(self) -> None:
        """Fall silent now. Never blocks."""

    def close(self) -> None:
        """Silence (or, writing to files, finish) and free the background thread."""


def clean(text: str) -> str:
    return " ".join(text.translate(_CONTROLS).split())


class NullSpeaker:
    """Speech off."""

    rate = DEFAULT_RATE
    off_thread = True

    def say(self, *utterances: str) -> None:
        pass

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass


class _Background(Generic[Item]):
    """One daemon thread working through a queue; `run` is called with each item in turn."""

    def __init__(self, name: str) -> None:
        self._queue: queue.SimpleQueue[Item | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def _put(self, item: Item) -> None:
        self._queue.put(item)

    def _loop(self) -> None:
        while (item := self._queue.get()) is not None:
            try:
                self._run(item)
            except (OSError, subprocess.SubprocessError):
                pass  # an engine that fails must never take first aid down with it

    def _run(self, item: Item) -> None:
        raise NotImplementedError

    def _finish(self, timeout: float) -> None:
        self._queue.put(None)
        self._thread.join(timeout)


class LiveSpeaker:
    """The system's engine, out loud, in a child process: a new `say` kills the one speaking.
    Starting a process takes a few milliseconds, so the adapters call it through OffThread."""

    def __init__(self, engine: Engine, rate: int = DEFAULT_RATE) -> None:
        self.engine, self.rate = engine, rate
        self.off_thread = False
        self._process: subprocess.Popen[bytes] | None = None

    def say(self, *utterances: str) -> None:
        self.stop()
        text = " ".join(clean(u) for u in utterances if u.strip())
        if not text:
            return
        self._process = subprocess.Popen(
            self.engine.speak(self.rate), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=os.name == "posix")
        try:
            assert self._process.stdin is not None
            self._process.stdin.write(text.encode("utf-8", "replace"))  # well under a pipe's
            self._process.stdin.close()  # buffer: never waits for the engine
        except OSError:
            self.stop()  # the engine died at once: say nothing rather than fail

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.kill()
            process.wait()

    def close(self) -> None:
        self.stop()


class OffThread(_Background[tuple[str, tuple[str, ...]]]):
    """Any speaker, called from a thread of its own: `say` and `stop` return at once, so the
    event loop (keys, the hold timer) never waits for speech, whatever the engine does."""

    off_thread = True

    def __init__(self, speaker: Speaker) -> None:
        self.speaker = speaker
        self._flushed = threading.Condition()
        self._pending = 0
        super().__init__("cramp-speech")

    @property
    def rate(self) -> int:
        return self.speaker.rate

    @rate.setter
    def rate(self, value: int) -> None:
        self.speaker.rate = value

    def say(self, *utterances: str) -> None:
        self._hand_over(("say", utterances))

    def stop(self) -> None:
        self._hand_over(("stop", ()))

    def close(self) -> None:
        self._hand_over(("close", ()))
        self._finish(DRAIN_SECONDS)

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until everything asked so far has been handed to the speaker (tests)."""
        with self._flushed:
            return self._flushed.wait_for(lambda: self._pending == 0, timeout)

    def _hand_over(self, item: tuple[str, tuple[str, ...]]) -> None:
        with self._flushed:
            self._pending += 1
        self._put(item)

    def _run(self, item: tuple[str, tuple[str, ...]]) -> None:
        what, utterances = item
        try:
            if what == "say":
                self.speaker.say(*utterances)
            elif what == "stop":
                self.speaker.stop()
            else:
                self.speaker.close()
        finally:
            with self._flushed:
                self._pending -= 1
                self._flushed.notify_all()


class FileSpeaker(_Background[tuple[float, str, int]]):
    """CRAMP_SPEAK_TO=DIR: each utterance as DIR/NNNN.wav (when an engine is there) and a line of
    DIR/spoken.txt: seconds since start, a tab, the words. Nothing is cut off: this is a record."""

    def __init__(self, folder: Path, engine: Engine | None, rate: int = DEFAULT_RATE,
                 clock: Callable[[], float] = time.monotonic) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder, self.engine, self.rate, self.clock = folder, engine, rate, clock
        self.off_thread = True  # and the time of each utterance is taken when it is asked
        self.started = clock()
        self.transcript = folder / "spoken.txt"
        self.transcript.write_text("", encoding="utf-8")
        self._number = 0
        super().__init__("cramp-speech-files")

    def say(self, *utterances: str) -> None:
        at = self.clock() - self.started  # when it was said, not when the file got written
        for utterance in utterances:
            if utterance.strip():
                self._put((at, clean(utterance), self.rate))

    def stop(self) -> None:
        pass

    def close(self) -> None:
        self._finish(DRAIN_SECONDS)

    def _run(self, item: tuple[float, str, int]) -> None:
        at, text, rate = item
        self._number += 1
        with self.transcript.open("a", encoding="utf-8") as out:
            out.write(f"{at:.2f}\t{text}\n")
        if self.engine is not None:
            wav = self.folder / f"{self._number:04d}.wav"
            # No timeout: it would read the (test-patched) clock; espeak-ng -w always ends.
            subprocess.run(self.engine.to_wav(rate, str(wav)), input=text.encode("utf-8"),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
