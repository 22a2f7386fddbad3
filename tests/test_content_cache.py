"""The validated-content cache: fast when nothing changed, never stale when anything did."""

from __future__ import annotations

import shutil
import subprocess
import sys

from tui.content import bundled_guides_dir, cache, load_library


def test_second_load_comes_from_the_cache_and_equals_the_first():
    first = load_library()
    assert cache.cache_path().exists()
    again = load_library()
    assert again.library.flows == first.library.flows
    assert again.library.pages == first.library.pages
    assert again.library.danger == first.library.danger


def test_any_edit_to_an_extra_guide_is_seen(tmp_path):
    extra = tmp_path / "extra"
    (extra / "flows").mkdir(parents=True)
    flow = extra / "flows" / "shin.toml"
    shutil.copy(bundled_guides_dir() / "flows" / "foot.toml", flow)
    text = flow.read_text()
    text = text.replace('id = "foot"', 'id = "shin"', 1).replace('site = "foot"', 'site = "shin"')
    text = text.replace('key = "4"', 'key = "5"')
    flow.write_text(text)
    assert "shin" in load_library([extra]).library.flows
    # Same size, one character different: a cache keyed on sizes or times could miss this.
    flow.write_text(text.replace('key = "5"', 'key = "6"'))
    assert load_library([extra]).library.flows["shin"].key == "6"
    flow.write_text(text.replace('key = "5"', 'key = "x1"'))
    loaded = load_library([extra])
    assert "shin" not in loaded.library.flows and any("shin.toml" in w for w in loaded.warnings)


def test_a_damaged_cache_is_ignored():
    load_library()
    cache.cache_path().write_bytes(b"not a pickle")
    assert load_library().library.site_flows


def test_reading_from_the_cache_does_not_import_pydantic():
    load_library()  # fills the cache for this test's cache dir (inherited by the child)
    code = ("import sys; from tui.content import load_library; load_library(); "
            "print('pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_what_is_written_reads_back_equal_with_its_warnings():
    from tui.content import Loaded

    library = load_library().library
    # A path in a warning may hold a lone surrogate (bytes that are not UTF-8).
    written = Loaded(library, ("skipped: extra/flows/b\udcffd.toml: not valid TOML",))
    cache.write("a-key", written)
    back = cache.read("a-key")
    assert back is not None and back.warnings == written.warnings
    assert (back.library.sources, back.library.flows, back.library.pages, back.library.danger) \
        == (library.sources, library.flows, library.pages, library.danger)
