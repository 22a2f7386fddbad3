"""The walk layer: every rule a walk follows, decided once, for every adapter.

engine.py moves through the flow graph; start.py says where a run begins. No Textual, no Rich.
"""
