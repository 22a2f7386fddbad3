"""Speech: cramp says the steps and counts the hold aloud, offline (an adapter, like plain mode).

What is said is decided in tui/walk/speech.py; this package only says it, in the background, so
speech never delays the hold timer or a key. No Textual import.
"""
