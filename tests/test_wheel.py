"""The installed package carries its guides: no checkout needed beside it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_guides_and_styles_and_runs_without_the_checkout(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("cramp-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tui/guides/flows/calf.toml" in names
    assert "tui/guides/sources.toml" in names
    assert {"tui/app/app.tcss", "tui/app/screens/diary.tcss", "tui/app/screens/library.tcss",
            "tui/app/screens/settings.tcss"} <= names
    assert any(n.startswith("tui/guides/pages/") for n in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Run from another directory with only the unpacked wheel on the path (dependencies come
    # from this environment): `cramp check` must find the bundled guides inside the package.
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import tui.content as c; "
            "assert str(c.bundled_guides_dir()).startswith(sys.argv[1]), c.bundled_guides_dir(); "
            "from tui.__main__ import main; sys.exit(main(['check']))")
    result = subprocess.run([sys.executable, "-c", code, str(site)], cwd=elsewhere,
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": ok (" in result.stdout
