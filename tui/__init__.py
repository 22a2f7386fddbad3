"""cramp: an offline terminal first-aid guide for leg cramps.

Imports nothing on purpose: `cramp --version`, plain mode and the content layer stay fast.
"""

__version__ = "0.1.0"
