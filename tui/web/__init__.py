"""The browser adapter: `cramp serve` serves the Textual app to a browser tab (textual-serve)."""
