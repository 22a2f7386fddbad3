"""The system's own offline speech engines, as the commands that drive them.

Why a thin wrapper over the engines' commands and not pyttsx3: pyttsx3's `runAndWait` blocks the
thread that calls it, cannot be interrupted reliably mid-sentence on Linux, and still needs
espeak-ng installed there. A command in its own process is killed at once when a new step or a
key interrupts it, cannot stall the hold timer, needs no Python package (so `cramp[voice]` adds
nothing to install), and the same command writes the WAV files for CRAMP_SPEAK_TO.

The text always goes in on standard input, never as an argument: text is data, so nothing a
guide or a setting says can be read as an option of the engine.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass

INSTALL_HINT = {
    "linux": "cannot speak: no speech engine found; install espeak-ng (e.g. sudo apt install "
             "espeak-ng). Carrying on without speech.",
    "darwin": "cannot speak: the 'say' command was not found; carrying on without speech.",
    "win32": "cannot speak: Windows PowerShell was not found, so the built-in voices cannot be "
             "used; carrying on without speech.",
}

_SAPI = ("Add-Type -AssemblyName System.Speech; "
         "$s = New-Object System.Speech.Synthesis.SpeechSynthesizer; $s.Rate = {rate}; {output}"
         "$s.Speak([Console]::In.ReadToEnd())")


@dataclass(frozen=True)
class Engine:
    """One engine: how to speak text from standard input, and how to write it to a WAV file."""

    name: str
    program: str  # the full path found on PATH

    def speak(self, rate: int) -> list[str]:
        if self.name == "say":
            return [self.program, "-r", str(rate), "-f", "-"]
        if self.name == "sapi":
            return [self.program, "-NoProfile", "-NonInteractive", "-Command",
                    _SAPI.format(rate=sapi_rate(rate), output="")]
        return [self.program, "-s", str(rate), "--stdin"]  # espeak-ng, espeak

    def to_wav(self, rate: int, path: str) -> list[str]:
        if self.name == "say":
            return [*self.speak(rate), "-o", path, "--file-format=WAVE",
                    "--data-format=LEI16@22050"]
        if self.name == "sapi":
            quoted = path.replace("'", "''")
            return [self.program, "-NoProfile", "-NonInteractive", "-Command",
                    _SAPI.format(rate=sapi_rate(rate),
                                 output=f"$s.SetOutputToWaveFile('{quoted}'); ")]
        return [*self.speak(rate), "-w", path]


def sapi_rate(words_per_minute: int) -> int:
    """SAPI's rate runs from -10 to 10, 0 being about 180 words a minute."""
    return max(-10, min(10, round((words_per_minute - 180) / 12)))


def find_engine(platform: str = sys.platform,
                which: Callable[[str], str | None] | None = None) -> Engine | None:
    """The engine this system has, or None (then `install_hint` says what to install)."""
    which = which or shutil.which
    if platform == "darwin":
        candidates = [("say", "say")]
    elif platform == "win32":
        candidates = [("sapi", "powershell"), ("sapi", "pwsh")]
    else:
        candidates = [("espeak-ng", "espeak-ng"), ("espeak", "espeak")]
    for name, command in candidates:
        program = which(command)
        if program:
            return Engine(name, program)
    return None


def install_hint(platform: str = sys.platform) -> str:
    return INSTALL_HINT.get(platform, INSTALL_HINT["linux"])
