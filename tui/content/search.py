"""Library search: a pure index over the pages (no Textual, no Rich, no pydantic).

The index is built once per Library (cached against the object) from every page's Markdown tree
(tui.content.markdown): one section per top-level heading. A query's words are ALL required, each
matching a word of the section by prefix ("magnes" finds "magnesium") or by a light stem
("pregnant" finds "pregnancy"). A section's score puts where the words matched first:

    title match (every word in the page title)  >  heading match  >  body match

then, within a tier, how much of the title or heading the query covers, whole-word matches over
prefix matches, and how often the words occur in the section and in the page. A page appears once,
at its best section; Enter opens it there (the anchor is the heading's GitHub-style slug, the same
one `cramp check` validates links against).

Over 300 lines: the index, its tokenizer and its ranking share private structures that are
faster kept together (one query over 1,000 pages must stay under a frame).
"""

from __future__ import annotations

import re
import threading
import unicodedata
import weakref
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple

from tui.content.markdown import Document, parse
from tui.content.page_view import page_markdown

if TYPE_CHECKING:
    from tui.content.library import Library
    from tui.content.models import Page

# page_markdown lives in tui.content.page_view; named here for older callers.
__all__ = ["Hit", "Index", "index_for", "marks", "page_markdown", "search",
           "split_sections", "terms_of"]

TITLE, HEADING, BODY = 3, 2, 1

_WORD = re.compile(r"\w+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

STOPWORDS = frozenset(
    "a an and are as at be by can do does for from how i if in into is it its my no not of on "
    "or so than that the their then these this those to was what when where which who why will "
    "with you your".split()
)
_SUFFIXES = tuple(sorted(
    ("ations", "ation", "ingly", "ings", "ing", "ies", "ied", "ness", "ments", "ment", "ancies",
     "ancy", "ances", "ance", "ants", "ant", "ers", "er", "ed", "es", "ly", "s"),
    key=len, reverse=True,
))
SNIPPET_WIDTH = 110
MAX_EXPANSION = 4000  # terms one query word may expand to (a one-letter prefix stays cheap)


# -- words ---------------------------------------------------------------------------------
def fold(text: str) -> str:
    """Lower case without accents: 'Café' and 'cafe' are the same word to search."""
    text = text.lower()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def terms_of(text: str) -> list[str]:
    """The searchable words of a text, folded."""
    return [w for w in _WORD.findall(fold(text)) if w != "_"]


@lru_cache(maxsize=16384)  # a page's words repeat: each is stemmed once, not once a use
def stem(word: str) -> str:
    """A light suffix stripper: pregnant/pregnancy -> pregn, stretches/stretching -> stretch."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            word = base + "y" if suffix in ("ies", "ied") else base
            break
    if len(word) >= 5 and word.endswith("e"):
        word = word[:-1]
    return word


def query_words(query: str) -> list[str]:
    """The words a query requires: stopwords are dropped unless that leaves nothing."""
    words = list(dict.fromkeys(terms_of(query)))
    content = [w for w in words if w not in STOPWORDS]
    return content or words


def word_matches(query_word: str, term: str) -> bool:
    """The same rule the index applies, for one word (used to mark matches in shown text)."""
    if term == query_word:
        return True
    if len(query_word) >= 3 and term.startswith(query_word):
        return True
    return len(query_word) >= 3 and stem(term) == stem(query_word)


def marks(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of every word of `text` that a query word matches: what to highlight."""
    words = query_words(query)
    if not words:
        return []
    found = []
    for match in _WORD.finditer(text):
        term = fold(match.group())
        if any(word_matches(w, term) for w in words):
            found.append(match.span())
    return found


# -- sections ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Section:  # what the index keeps of a page's section (tui.content.markdown.Section)
    page: int  # index into Index.page_ids
    anchor: str  # slug of the heading ("" only for text before any heading)
    heading: str  # as written; "" for the page's opening text under its title
    text: str  # plain text of the section's body, one space between words


def split_sections(page_index: int, title: str, body: str | Document) -> list[Section]:
    """One section per top-level heading of the page's Markdown. A top heading that repeats the
    page title is the page's opening: its heading is "" (the title already says it) but its
    anchor still points at it."""
    document = parse(body) if isinstance(body, str) else body
    folded_title = " ".join(terms_of(title))
    sections = []
    for part in document.sections:
        heading = part.heading.text if part.heading else ""
        if part.heading and part.heading.level == 1 \
                and " ".join(terms_of(heading)) == folded_title:
            heading = ""
        sections.append(Section(page_index, part.anchor, heading, part.text))
    return sections or [Section(page_index, "", "", "")]


# -- the index -----------------------------------------------------------------------------
class Hit(NamedTuple):
    page_id: str
    anchor: str  # "" means the top of the page
    heading: str  # the section's heading; "" for the page's opening text
    snippet: str  # plain text around the first match
    score: float


IntSet = set[int] | frozenset[int]
_EMPTY_SET: frozenset[int] = frozenset()
_EMPTY_DICT: dict[int, int] = {}


def _union(sets: list[set[int]]) -> IntSet:
    if not sets:
        return _EMPTY_SET
    if len(sets) == 1:
        return sets[0]  # shared with the index: read only
    return set[int]().union(*sets)


def _merge(counts: list[dict[int, int]]) -> dict[int, int]:
    if not counts:
        return _EMPTY_DICT
    if len(counts) == 1:
        return counts[0]  # shared with the index: read only
    merged = dict(counts[0])
    for more in counts[1:]:
        for key, value in more.items():
            merged[key] = merged.get(key, 0) + value
    return merged


class _Word:
    """Where one query word matches: pages by title, sections and pages by heading and body."""

    __slots__ = ("word", "terms", "title", "head", "head_pages", "body", "body_pages",
                 "exact_title", "exact_head", "exact_body", "pages")

    def __init__(self, index: Index, word: str) -> None:
        self.word = word
        heads, bodies = index.expand(word)
        self.terms = heads.keys() | bodies.keys()
        self.title = _union([index.title_post[t] for t in heads if t in index.title_post])
        self.head = _union([index.head_post[t] for t in heads if t in index.head_post])
        self.head_pages = _union([index.page_head_post[t] for t in heads
                                  if t in index.page_head_post])
        self.body = _merge([index.body_post[t] for t in bodies if t in index.body_post])
        self.body_pages = _merge([index.page_body_post[t] for t in bodies
                                  if t in index.page_body_post])
        self.exact_title = index.title_post.get(word, _EMPTY_SET)
        self.exact_head = index.head_post.get(word, _EMPTY_SET)
        self.exact_body = index.body_post.get(word, _EMPTY_DICT)
        self.pages = self.title | self.head_pages | self.body_pages.keys()


class Index:
    """Built once from the pages; every query after that is mostly set operations."""

    # Pages scored section by section at most, beyond the `limit` asked for, when their upper
    # bounds tie with the last result (a corpus of near-identical pages): keeps a query fast.
    EXTRA_PAGES = 60

    def __init__(self, pages: Iterable[Page],
                 documents: Callable[[Page], Document] | None = None) -> None:
        self.page_ids: list[str] = []
        self.titles: list[str] = []
        self.title_words: list[tuple[str, ...]] = []  # content words, for coverage
        self.sections: list[Section] = []
        self.head_words: list[tuple[str, ...]] = []
        self.page_sections: list[range] = []
        title_post: dict[str, set[int]] = {}
        head_post: dict[str, set[int]] = {}
        body_post: dict[str, dict[int, int]] = {}
        page_head_post: dict[str, set[int]] = {}
        page_body_post: dict[str, dict[int, int]] = {}

        for page in pages:
            p = len(self.page_ids)
            self.page_ids.append(page.id)
            self.titles.append(page.title)
            words = terms_of(page.title)
            self.title_words.append(tuple(w for w in words if w not in STOPWORDS) or tuple(words))
            for term in words:
                title_post.setdefault(term, set()).add(p)
            first = len(self.sections)
            page_counts: Counter[str] = Counter()
            body = documents(page) if documents else page.body
            for section in split_sections(p, page.title, body):
                s = len(self.sections)
                self.sections.append(section)
                words = terms_of(section.heading)
                self.head_words.append(tuple(w for w in words if w not in STOPWORDS)
                                       or tuple(words))
                for term in words:
                    head_post.setdefault(term, set()).add(s)
                    page_head_post.setdefault(term, set()).add(p)
                counts = Counter(terms_of(section.text))
                page_counts.update(counts)
                for term, count in counts.items():
                    body_post.setdefault(term, {})[s] = count
            for term, count in page_counts.items():
                page_body_post.setdefault(term, {})[p] = count
            self.page_sections.append(range(first, len(self.sections)))

        self.title_post = title_post
        self.head_post = head_post
        self.body_post = body_post
        self.page_head_post = page_head_post
        self.page_body_post = page_body_post
        self.vocab = sorted(title_post.keys() | head_post.keys() | body_post.keys())
        self.head_vocab = sorted(title_post.keys() | head_post.keys())
        stems: dict[str, list[str]] = {}
        for term in self.vocab:
            stems.setdefault(stem(term), []).append(term)
        self.stems = stems

    def expand(self, word: str) -> tuple[dict[str, float], dict[str, float]]:
        """The index's terms one query word matches, each with how exact the match is: those to
        look for in titles and headings, and those to look for in the body. Two letters or fewer
        match whole words anywhere but prefixes only in titles and headings: "d" in "vitamin d"
        is a word; "d" as a prefix of every body word is noise."""
        heads: dict[str, float] = {}
        bodies: dict[str, float] = {}
        short = len(word) < 3
        vocab = self.head_vocab if short else self.vocab
        start = bisect_left(vocab, word)
        for term in vocab[start: start + MAX_EXPANSION]:
            if not term.startswith(word):
                break
            heads[term] = 1.0 if term == word else 0.7
        if not short:
            for term in self.stems.get(stem(word), ()):
                heads.setdefault(term, 0.9)
            bodies = heads
        elif word in self.body_post:
            bodies = {word: 1.0}
        return heads, bodies

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        words = query_words(query)
        if not words or limit <= 0:
            return []
        matches = [_Word(self, w) for w in words]
        pages: IntSet | None = None
        for match in sorted(matches, key=lambda m: len(m.pages)):
            pages = match.pages if pages is None else pages & match.pages
            if not pages:
                return []

        # A cheap upper bound of every candidate page's best score, then exact scores (section by
        # section) in that order, until no page left can beat the last result.
        bounds = []
        for p in pages or ():
            tier = TITLE
            for m in matches:
                if p in m.title:
                    continue
                tier = HEADING if p in m.head_pages and tier >= HEADING else BODY
            coverage = self._coverage(self.title_words[p], matches) if tier == TITLE else 1.0
            hits = sum(m.body_pages.get(p, 0) for m in matches)
            bound = tier * 1000 + coverage * 200 + 50 + 100 + min(hits, 10) * 5 + min(hits, 30) * 2
            bounds.append((-bound, -hits, self.titles[p], p))
        bounds.sort()

        best: list[tuple[float, str, int, int]] = []  # (-score, title, page, section), sorted
        cap = limit + self.EXTRA_PAGES
        for scored, (neg_bound, neg_hits, title, p) in enumerate(bounds):
            if len(best) >= limit and (-neg_bound <= -best[limit - 1][0] or scored >= cap):
                break
            found = self._best_section(p, matches, -neg_hits)
            if found is not None:
                insort(best, (-found[0], title, p, found[1]))
        found_hits = []
        for neg_score, _, p, s in best[:limit]:
            section = self.sections[s]
            found_hits.append(Hit(self.page_ids[p], section.anchor, section.heading,
                                  self.snippet(section.text, matches), round(-neg_score, 2)))
        return found_hits

    @staticmethod
    def _coverage(words: tuple[str, ...], matches: list[_Word]) -> float:
        """How much of a title or heading the query covers (0 to 1)."""
        if not words:
            return 0.0
        return sum(any(w in m.terms for m in matches) for w in words) / len(words)

    def _best_section(self, p: int, matches: list[_Word],
                      page_hits: int) -> tuple[float, int] | None:
        best: tuple[float, int] | None = None
        count = len(matches)
        for s in self.page_sections[p]:
            tier, in_heading, exact, hits = TITLE, 0, 0.0, 0
            for m in matches:
                in_title = p in m.title
                in_head = s in m.head
                body = m.body.get(s, 0)
                if in_title:
                    pass
                elif in_head:
                    tier = min(tier, HEADING)
                elif body:
                    tier = BODY
                else:
                    break  # a required word is missing from this section
                in_heading += in_head
                hits += body
                exact += 1.0 if ((in_title and p in m.exact_title) or s in m.exact_head
                                 or s in m.exact_body) else 0.75
            else:
                if tier == TITLE:
                    coverage = self._coverage(self.title_words[p], matches)
                elif tier == HEADING:
                    coverage = self._coverage(self.head_words[s], matches)
                else:
                    coverage = 0.0
                score = (tier * 1000 + coverage * 200 + in_heading / count * 50
                         + exact / count * 100 + min(hits, 10) * 5 + min(page_hits, 30) * 2)
                if best is None or score > best[0]:
                    best = (score, s)
        return best

    @staticmethod
    def snippet(text: str, matches: list[_Word], width: int = SNIPPET_WIDTH) -> str:
        """About `width` characters of `text` around the first matching word."""
        if len(text) <= width:
            return text
        start = 0
        for found in _WORD.finditer(text):
            term = fold(found.group())
            if any(term in m.terms for m in matches):
                start = found.start()
                break
        begin = max(0, start - width // 4)
        if begin:
            space = text.find(" ", begin)
            begin = space + 1 if 0 <= space < start else begin
        end = min(len(text), begin + width)
        if end < len(text):
            space = text.rfind(" ", begin, end)
            end = space if space > start else end
        return ("…" if begin else "") + text[begin:end].strip() + ("…" if end < len(text) else "")


# -- one index per library -----------------------------------------------------------------
_INDEXES: dict[int, tuple[weakref.ref[Library], Index]] = {}
# The app builds the index in a thread while Home is shown (CrampApp.preload); a search typed
# meanwhile waits for that build instead of starting a second one.
_BUILDING = threading.Lock()


def index_for(library: Library) -> Index:
    """The library's index, built on first use and kept as long as the library lives."""
    key = id(library)
    with _BUILDING:
        entry = _INDEXES.get(key)
        if entry is not None and entry[0]() is library:
            return entry[1]
        index = Index(library.pages.values(), lambda page: library.document(page.id))

        def forget(_ref: weakref.ref[Library], key: int = key) -> None:
            _INDEXES.pop(key, None)

        ref = weakref.ref(library, forget)
        _INDEXES[key] = (ref, index)
        return index


def search(library: Library, query: str, limit: int = 20) -> list[Hit]:
    """Ranked hits for a query, best first, one per page: (page_id, anchor, heading, snippet,
    score). A query with a word that matches nothing returns []."""
    return index_for(library).search(query, limit)
