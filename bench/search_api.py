"""Adapter to tui.search: find how to build an index over a Library and query it."""
