"""Plain mode: linear text for screen readers, braille displays, dumb terminals and pipes.

An adapter on the walk layer, like the Textual app; it never imports Textual.
"""
