"""The app's voice: the speaker for the app's current settings (tui/voice), opened only once
speech is on (--speak sets `app.voice` before the app runs; the settings switch opens it later).

Screens say what tui/walk/speech.py decides; the speaker runs off the event loop, so keys and the
hold timer never wait for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from tui.voice.speakers import Speaker


def speaker_of(app: App[Any]) -> Speaker | None:
    """The speaker to use now, or None when speech is off. The first time speech cannot work
    (no engine), one notice says what to install."""
    voice = getattr(app, "voice", None)
    settings = app.settings  # type: ignore[attr-defined]
    if voice is None:
        if not settings.speak:
            return None  # tui.voice is not even imported
        from tui.voice.choose import Voice

        voice = app.voice = Voice()  # type: ignore[attr-defined]
    speaker, problem = voice.speaker(settings)
    if problem:
        app.notify(problem, title="Speech", severity="warning", timeout=15, markup=False)
    return speaker


def speak(app: App[Any], *utterances: str) -> None:
    speaker = speaker_of(app)
    if speaker is not None:
        speaker.say(*utterances)


def hush(app: App[Any]) -> None:
    """A key took the person elsewhere: stop what is being said."""
    voice = getattr(app, "voice", None)
    if voice is not None:
        speaker, _ = voice.speaker(app.settings)  # type: ignore[attr-defined]
        speaker.stop()
