"""Where the diary lives: one SQLite file in the user's data directory.

CRAMP_DATA_DIR overrides the platform convention (tests, portable installs, a second profile).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "CRAMP_DATA_DIR"
FILE_NAME = "diary.sqlite3"
DIR_MODE = 0o700  # health data: nobody but the owner may list or enter the directory
FILE_MODE = 0o600


def data_dir() -> Path:
    """The directory cramp keeps its data in (not created here)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser().absolute()
    # Imported late: `cramp --version` and plain mode should not pay for it.
    from platformdirs import user_data_dir

    # appauthor=False: on Windows, "cramp" rather than "cramp\cramp".
    return Path(user_data_dir("cramp", appauthor=False))


def diary_path() -> Path:
    return data_dir() / FILE_NAME


def ensure_private_dir(path: Path) -> None:
    """Create `path` owner-only if it is missing. An existing directory is left as it is: it may
    be one the user chose and shares with other things; the diary file itself is 0600 anyway."""
    if path.is_dir():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkdir(path, DIR_MODE)
    except FileExistsError:
        if not path.is_dir():
            raise
        return  # another process made it first; it set the mode
    # mkdir's mode is filtered by the umask; chmod states it exactly.
    os.chmod(path, DIR_MODE)


def fsync_dir(directory: Path) -> None:
    """Make a new or renamed name in `directory` survive a power cut (best effort)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform (Windows); the data is synced regardless
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
