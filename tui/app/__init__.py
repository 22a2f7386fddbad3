"""The Textual adapter: the app (app.py), its screens, widgets, themes and stylesheet.

It only shows what the walk layer decides and passes keys back; no rule is decided here.
"""
