"""Screens: each renders one part of the journey; none of them reads files."""
