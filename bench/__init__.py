"""cramp's benchmark: `.venv/bin/python -m bench` (see README.md, Benchmark)."""
