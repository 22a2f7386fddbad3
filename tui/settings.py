"""What cramp remembers between runs, as a small JSON file in the user's config directory.

A broken file never stops first aid: the defaults are used and the problem is reported once.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import asdict, fields
from pathlib import Path

from tui.safe_files import TOO_DEEP, UnreadableFile, read_text
from tui.values import frozen

DEFAULT_EMERGENCY = "112 / 999 / 911"
# Reference advice ranges from 2-3 s repetitions to 30 s prevention holds.
MIN_HOLD, MAX_HOLD = 2, 30
# Speech, in words a minute: espeak-ng and macOS speak at about 175 by default; slower is easier
# to follow in pain.
DEFAULT_SPEECH_RATE = 140
MIN_SPEECH_RATE, MAX_SPEECH_RATE = 80, 300
MAX_TEXT = 100  # characters in a text setting (an emergency number, a theme's name)


@frozen
class Settings:
    """What the person chose (the settings screen, or the keys that remember a choice)."""

    pregnant: bool = False
    emergency_number: str = ""  # empty: show DEFAULT_EMERGENCY until the person sets theirs
    theme: str = ""
    sound: bool = True
    hold_seconds: float | None = None  # None: the length each guide gives (5 s)
    speak: bool = False  # say the steps and count the hold aloud (tui/voice)
    speech_rate: int = DEFAULT_SPEECH_RATE

    @property
    def emergency(self) -> str:
        return self.emergency_number or DEFAULT_EMERGENCY


def settings_path() -> Path:
    base = os.environ.get("CRAMP_CONFIG_DIR")
    if not base:
        from platformdirs import user_config_dir

        base = user_config_dir("cramp")
    return Path(base) / "settings.json"


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings and, if the file could not be used, a message saying why."""
    path = path or settings_path()
    if not os.path.lexists(path):
        return Settings(), None
    try:
        raw = json.loads(read_text(path))
    except (UnreadableFile, ValueError) as error:
        return Settings(), f"Settings file {path} could not be read ({error}); using defaults."
    except RecursionError:
        return Settings(), f"Settings file {path} could not be read (JSON {TOO_DEEP}); using " \
            "defaults."
    if not isinstance(raw, dict):
        return Settings(), f"Settings file {path} is not a JSON object; using defaults."
    known = {f.name: f for f in fields(Settings)}
    values, problems = {}, []
    for key, value in raw.items():
        if key not in known:
            problems.append(f"unknown setting '{key}'")
        elif not _fits(key, value):
            problems.append(f"'{key}' has an unusable value {value!r}")
        else:
            values[key] = value
    settings = Settings(**values)
    message = f"Settings file {path}: {'; '.join(problems)}; using defaults for those." \
        if problems else None
    return settings, message


def _fits(key: str, value: object) -> bool:
    if key == "hold_seconds":
        if value is None:
            return True
        return (isinstance(value, (int, float)) and not isinstance(value, bool)
                and MIN_HOLD <= value <= MAX_HOLD)
    if key == "speech_rate":
        return isinstance(value, int) and not isinstance(value, bool) and \
            MIN_SPEECH_RATE <= value <= MAX_SPEECH_RATE
    if type(value) is not type(getattr(Settings(), key)):
        return False
    if isinstance(value, str):
        # Shown on screen and spoken: no escape sequence, bidi override or lone surrogate, and a
        # number short enough to read (the settings screen takes 20 characters).
        return len(value) <= MAX_TEXT and not any(
            unicodedata.category(char) in ("Cc", "Cf", "Cs") for char in value)
    return True


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically, so a crash mid-write never leaves a half file behind."""
    import tempfile  # only when saving: plain mode starts ~1.4 ms sooner without it

    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(asdict(settings), out, indent=2)
        os.replace(tmp, path)
    finally:  # a full disk or a directory in the way: never leave the temp file behind
        if os.path.lexists(tmp):
            os.unlink(tmp)
