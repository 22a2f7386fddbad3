"""Speech on, side by side with speech off: the hold end, a key's latency, and how close each
spoken number comes to the one on screen.

`cramp now --where calf --speak` runs in a pseudo-terminal with CRAMP_SPEAK_TO (espeak-ng writes a
WAV file per utterance, the same work as speaking aloud, without a sound card) next to the same
command without speech, runs alternated. The spoken countdown is read back from the transcript
(DIR/spoken.txt: seconds since the speaker started) and compared with the times the label "Hold -
N s left" reached the terminal, both measured from the hold's first number.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from bench.pty_driver import PtyProcess
from bench.run import (CRAMP, RELEASE, ROOT, STEP_MARK, Figure, key_latency, ms,
                       progress)

# What the context row says once h has switched the helper on, and off again.
HELPED, ALONE = "Now: yes.", "Now: no, alone."

NOW = [CRAMP, "now", "--where", "calf"]
NUMBERS = {"Five": 5, "Four": 4, "Three": 3, "Two": 2, "One": 1}


def _speaking(env: dict[str, str], folder: Path) -> tuple[list[str], dict[str, str]]:
    return [*NOW, "--speak"], {**env, "CRAMP_SPEAK_TO": str(folder)}


def _hold(argv: list[str], env: dict[str, str]) -> tuple[float, dict[int, float]]:
    """One hold: key -> 'Release' in seconds, and when each number's label was shown (seconds
    after the key)."""
    proc = PtyProcess(argv, env=env, cwd=str(ROOT))
    shown: dict[int, float] = {}
    try:
        proc.start()
        proc.wait_for(STEP_MARK, timeout=20)
        proc.drain(quiet=0.3)
        proc.clear()
        sent = proc.send("space")
        for number in (5, 4, 3, 2, 1):
            shown[number] = proc.wait_for(re.compile(rf"Hold - {number} s left".encode()),
                                          timeout=10) - sent
            proc.clear()
        end = proc.wait_for(RELEASE, timeout=10) - sent
    finally:
        proc.close()
    return end, shown


def _said(folder: Path) -> dict[int, float]:
    """When each number of the last hold was said, from the transcript."""
    said: dict[int, float] = {}
    for line in (folder / "spoken.txt").read_text(encoding="utf-8").splitlines():
        at, _, text = line.partition("\t")
        if text in NUMBERS:
            said[NUMBERS[text]] = float(at)
    return said


def speech_figures(holds: int, presses: int, env: dict[str, str],
                   blocks: int = 2) -> list[Figure]:
    if not shutil.which("espeak-ng"):
        note = "espeak-ng is not installed"
        return [Figure("speech on: hold timer key -> 'Release'", "s", [], "<= 1.1x silent",
                       available=False, note=note)]
    silent_ends, spoken_ends, skews = [], [], []
    with tempfile.TemporaryDirectory(prefix="cramp-speech-") as tmp:
        for index in range(holds):  # alternated: silent, speaking, silent, ...
            end, _ = _hold(NOW, env)
            silent_ends.append(end)
            folder = Path(tmp) / f"hold-{index}"
            end, shown = _hold(*_speaking(env, folder))
            spoken_ends.append(end)
            said = _said(folder)
            # Both clocks measured from the hold's first number (5).
            skews += [abs((said[n] - said[5]) - (shown[n] - shown[5])) for n in (4, 3, 2, 1)
                      if n in said and 5 in said]
            progress(f"  hold {index + 1}/{holds}: silent {silent_ends[-1]:.3f} s, "
                     f"speaking {end:.3f} s")
        argv, speaking_env = _speaking(env, Path(tmp) / "keys")
        silent_keys: list[float] = []
        spoken_keys: list[float] = []
        each = max(1, presses // blocks)
        for _ in range(blocks):  # alternated, as key_figures does, so drift hits both
            silent_keys += key_latency(NOW, STEP_MARK, "h", HELPED, "h", ALONE, each, env)
            spoken_keys += key_latency(argv, STEP_MARK, "h", HELPED, "h", ALONE, each,
                                       speaking_env)
    return [
        Figure("speech on: hold timer key -> 'Release'", "s", spoken_ends, "<= 1.1x silent",
               "speech off", silent_ends, max_ratio=1.1,
               note="end errors with speech (ms): "
                    + ", ".join(f"{ms(e - 5.0):+.0f}" for e in spoken_ends)),
        Figure("speech on: key -> change within a screen: stretch 'h' (the step is re-read)",
               "ms", spoken_keys, "<= 1.1x silent", "speech off", silent_keys, max_ratio=1.1),
        Figure("spoken countdown: number said vs shown (|skew| from the hold's 5)", "s", skews,
               "each <= 0.3 s", never_over=0.3,
               note="said: transcript time; shown: label reaching the terminal"),
    ]


if __name__ == "__main__":
    import sys

    from bench.run import child_env, table

    with tempfile.TemporaryDirectory(prefix="cramp-bench-") as home:
        quick = "--quick" in sys.argv
        figures = speech_figures(3 if quick else 7, 8 if quick else 20,
                                 child_env(Path(home)))
    print(table(figures))
