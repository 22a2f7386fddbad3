"""A page parsed without the block rules it cannot use reads exactly as with all of them
(tui.content.markdown_build leaves those rules out to load the guides faster)."""

from __future__ import annotations

import random

import pytest

from tui.content import bundled_guides_dir
from tui.content import markdown_build
from tui.content.markdown_build import build

# Each text needs one of the rules that can be left out, often where it is easy to miss: inside a
# list or a quote, after trailing spaces, or with line endings markdown-it normalises.
TEXTS = [
    "Title\n=====\n\ntext",
    "Title\n---\n\ntext",
    "Title\n-\n",
    "- item\n  Under\n  ---\n",
    "> quoted\n> ===   \n",
    "para\n- - -\nmore",
    "para\n\n***\n\n___\n",
    " * * *\t\n",
    "Title\r\n===\r\nbody\rmore\r---\r",
    "a | b\n--|--\n1 | 2\n",
    "- in a list\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n",
    "~~~\ncode\n~~~\n",
    "- item\n\n  ```py\n  x = 1\n  ```\n",
    "> quote\nlazy line\n\n>> nested",
    "[label]: other.md\n\nSee [this][label].",
    "[multi\nline]: other.md 'title'\n\n[multi line]",
    "<div>\nhtml\n</div>\n\ntext",
    "- <!-- comment -->\n",
    "    indented code\n\ntext",
    "# Heading\n\nPlain text with a hyphen-\nbroken word and 2 * 3 = 6",
    "Text ending with a star*\nand an underscore_\nand equals =",
]

SNIPPETS = ["# H", "text", "- item", "  - nested", "1. one", "> quote", "---", "===", "***",
            "| a | b |", "|---|---|", "```", "~~~", "    code", "[x]: y.md", "[x][x]", "<b>",
            "", "", "**bold**", "a-", "_", "Setext", "-"]


def _full_parse(monkeypatch: pytest.MonkeyPatch, text: str):
    with monkeypatch.context() as patch:
        patch.setattr(markdown_build, "_parser_for", lambda _text: markdown_build._parser())
        return build(text)


def _random_texts(count: int) -> list[str]:
    rng = random.Random(15)  # fixed: the same texts every run
    return ["\n".join(rng.choice(SNIPPETS) for _ in range(rng.randint(2, 12)))
            for _ in range(count)]


@pytest.mark.parametrize("text", TEXTS + _random_texts(300))
def test_same_document_without_the_rules_a_text_cannot_use(monkeypatch, text):
    assert build(text) == _full_parse(monkeypatch, text)


def test_bundled_pages_read_the_same(monkeypatch):
    for path in sorted((bundled_guides_dir() / "pages").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert build(text) == _full_parse(monkeypatch, text), path.name


def test_the_comparison_is_with_rules_left_out():
    """Plain text is parsed without any of the rules; the texts above keep some of them."""
    plain = markdown_build._parser_for("Just words, and a list:\n\n- one\n- two\n")
    assert set(markdown_build._BLOCK_RULE_NEEDS).isdisjoint(plain.block.ruler.get_active_rules())
    kept = {rule for text in TEXTS for rule in markdown_build._parser_for(text).block.ruler
            .get_active_rules()}
    assert set(markdown_build._BLOCK_RULE_NEEDS) <= kept
