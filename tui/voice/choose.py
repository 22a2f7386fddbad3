"""Which speaker a run gets: files for CRAMP_SPEAK_TO, the system's engine, or silence.

`Voice` follows the settings while cramp runs: switching "speak" on in the settings screen opens
a speaker, switching it off silences it, a new rate applies to the next utterance.
"""

from __future__ import annotations

import atexit
import os
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from tui.settings import DEFAULT_SPEECH_RATE as DEFAULT_RATE
from tui.settings import Settings
from tui.voice.engines import find_engine, install_hint
from tui.voice.speakers import FileSpeaker, LiveSpeaker, NullSpeaker, OffThread, Speaker

SPEAK_TO = "CRAMP_SPEAK_TO"


def open_speaker(rate: int = DEFAULT_RATE, env: Mapping[str, str] | None = None,
                 platform: str = sys.platform,
                 clock: Callable[[], float] = time.monotonic) -> tuple[Speaker, str | None]:
    """A speaker, and one line for the person when speech cannot work as asked."""
    env = os.environ if env is None else env
    engine = find_engine(platform)
    folder = env.get(SPEAK_TO)
    if folder:
        try:
            speaker: Speaker = FileSpeaker(Path(folder), engine, rate, clock)
        except OSError as error:
            return NullSpeaker(), (f"cannot write speech to {SPEAK_TO}={folder} "
                                   f"({error.strerror or error}); carrying on without speech.")
        return speaker, None if engine else (
            f"{install_hint(platform)} (Only the transcript goes to {folder}.)")
    if engine is None:
        return NullSpeaker(), install_hint(platform)
    return LiveSpeaker(engine, rate), None


def off_thread(speaker: Speaker) -> Speaker:
    """The speaker, made to return at once from say and stop if it does not already."""
    return speaker if getattr(speaker, "off_thread", False) else OffThread(speaker)


class Voice:
    """The speaker for the current settings. `forced` is --speak: on for this run whatever the
    setting says. A speaker can be given (tests) instead of opening one."""

    def __init__(self, forced: bool = False, speaker: Speaker | None = None,
                 opener: Callable[[int], tuple[Speaker, str | None]] = open_speaker) -> None:
        self.forced, self._opener = forced, opener
        self._open = None if speaker is None else off_thread(speaker)
        self._silent = NullSpeaker()
        self._closing = False  # whether close() is registered for exit

    def speaker(self, settings: Settings) -> tuple[Speaker, str | None]:
        """The speaker to use now, and, the first time it cannot speak, why (one line)."""
        if not (self.forced or settings.speak):
            if self._open is not None:
                self._open.stop()
            return self._silent, None
        problem = None
        if self._open is None:
            opened, problem = self._opener(settings.speech_rate)
            self._open = off_thread(opened)
            if not self._closing:
                self._closing = True
                atexit.register(self.close)  # a killed window must not leave a voice talking
        self._open.rate = settings.speech_rate
        return self._open, problem

    def flush(self) -> None:
        """Wait until what was asked has reached the speaker (tests)."""
        if isinstance(self._open, OffThread):
            self._open.flush()

    def close(self) -> None:
        if self._open is not None:
            self._open.close()
