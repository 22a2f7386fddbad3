"""Widgets: they render what they are given and never read files."""
