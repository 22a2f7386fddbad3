"""Library search: a pure index over the pages (no Textual, no Rich), and the text of a page as the
library shows it.

The index is built once per Library (cached against the object) and splits every page into
sections, one per heading. A query's words are ALL required, each matching a word of the section
by prefix ("magnes" finds "magnesium") or by a light stem ("pregnant" finds "pregnancy"). A
section's score puts where the words matched first:

    title match (every word in the page title)  >  heading match  >  body match

then, within a tier, how much of the title or heading the query covers, whole-word matches over
prefix matches, and how often the words occur in the section and in the page. A page appears once,
at its best section; Enter opens it there (the anchor is the heading's GitHub-style slug, the same
one `cramp check` validates links against).
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, NamedTuple

from tui.content.validate import slug

if TYPE_CHECKING:
    from tui.content.library import Library
    from tui.content.models import Page

__all__ = ["Hit", "Index", "TRUST_LABELS", "index_for", "marks", "page_markdown", "search",
           "terms_of"]

TITLE, HEADING, BODY = 3, 2, 1

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
_LIST_MARK = re.compile(r"^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")

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
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def terms_of(text: str) -> list[str]:
    """The searchable words of a text, folded."""
    return [w for w in _WORD.findall(fold(text)) if w != "_"]


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


def plain(markdown: str) -> str:
    """One line of Markdown as the reader sees it: link text, no emphasis marks or list marks."""
    if _TABLE_RULE.match(markdown):
        return ""
    line = _LIST_MARK.sub("", markdown, count=1)
    line = _LINK.sub(r"\1", line)
    line = _EMPHASIS.sub("", line)
    if "|" in line:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        line = " · ".join(c for c in cells if c)
    return line.strip()


# -- sections ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Section:
    page: int  # index into Index.page_ids
    anchor: str  # slug of the heading ("" only for text before any heading)
    heading: str  # as written; "" for the page's opening text under its title
    text: str  # plain text of the section's body, one space between words


def split_sections(page_index: int, title: str, body: str) -> list[Section]:
    """One section per heading. A top heading that repeats the page title is the page's opening:
    its heading is "" (the title already says it) but its anchor still points at it."""
    sections: list[Section] = []
    anchor, heading, lines, fenced = "", "", [], False
    seen: dict[str, int] = {}

    def close() -> None:
        text = _SPACES.sub(" ", " ".join(lines)).strip()
        if heading or text or anchor:
            sections.append(Section(page_index, anchor, heading, text))

    folded_title = " ".join(terms_of(title))
    for line in body.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            close()
            raw = match.group(2)
            heading = plain(raw)
            anchor = slug(raw)
            count = seen.get(anchor, 0)
            seen[anchor] = count + 1
            if count:  # the same heading twice: GitHub numbers the second one
                anchor = f"{anchor}-{count}"
            if len(match.group(1)) == 1 and " ".join(terms_of(heading)) == folded_title:
                heading = ""
            lines = []
        else:
            lines.append(plain(line))
    close()
    return sections or [Section(page_index, "", "", "")]


# -- the index -----------------------------------------------------------------------------
class Hit(NamedTuple):
    page_id: str
    anchor: str  # "" means the top of the page
    heading: str  # the section's heading; "" for the page's opening text
    snippet: str  # plain text around the first match
    score: float


class Index:
    """Built once from the pages; every query after that is a few dictionary look-ups."""

    def __init__(self, pages: Iterable[Page]) -> None:
        self.page_ids: list[str] = []
        self.titles: list[str] = []
        self.title_words: list[tuple[str, ...]] = []  # content words, for coverage
        self.sections: list[Section] = []
        self.head_words: list[tuple[str, ...]] = []
        self.page_sections: list[range] = []
        title_post: dict[str, list[int]] = {}
        head_post: dict[str, list[int]] = {}
        body_post: dict[str, list[tuple[int, int]]] = {}

        for page in pages:
            p = len(self.page_ids)
            self.page_ids.append(page.id)
            self.titles.append(page.title)
            words = terms_of(page.title)
            self.title_words.append(tuple(w for w in words if w not in STOPWORDS) or tuple(words))
            for term in set(words):
                title_post.setdefault(term, []).append(p)
            first = len(self.sections)
            for section in split_sections(p, page.title, page.body):
                s = len(self.sections)
                self.sections.append(section)
                words = terms_of(section.heading)
                self.head_words.append(tuple(w for w in words if w not in STOPWORDS)
                                       or tuple(words))
                for term in set(words):
                    head_post.setdefault(term, []).append(s)
                counts: dict[str, int] = {}
                for term in terms_of(section.text):
                    counts[term] = counts.get(term, 0) + 1
                for term, count in counts.items():
                    body_post.setdefault(term, []).append((s, count))
            self.page_sections.append(range(first, len(self.sections)))

        self.title_post = title_post
        self.head_post = head_post
        self.body_post = body_post
        self.vocab = sorted(set(title_post) | set(head_post) | set(body_post))
        self.head_vocab = sorted(set(title_post) | set(head_post))
        stems: dict[str, list[str]] = {}
        for term in self.vocab:
            stems.setdefault(stem(term), []).append(term)
        self.stems = stems

    # -- one query word -> the index's terms it matches, each with how exact the match is ----
    def expand(self, word: str) -> dict[str, float]:
        terms: dict[str, float] = {}
        # Two letters or fewer match whole words anywhere, but prefixes only in titles and
        # headings: "d" in "vitamin d" is a word; "d" as a prefix of every body word is noise.
        vocab = self.vocab if len(word) >= 3 else self.head_vocab
        start = bisect_left(vocab, word)
        for term in vocab[start: start + MAX_EXPANSION]:
            if not term.startswith(word):
                break
            terms[term] = 1.0 if term == word else 0.7
        if len(word) >= 3:
            for term in self.stems.get(stem(word), ()):
                terms.setdefault(term, 0.9)
        if word in self.body_post:
            terms[word] = 1.0
        return terms

    def _matches(self, terms: dict[str, float],
                 within: dict[int, list] | None) -> dict[int, list]:
        """section -> [fields bitmask, best exactness, body count] for one query word."""
        found: dict[int, list] = {}

        def add(s: int, field: int, exact: float, count: int) -> None:
            if within is not None and s not in within:
                return
            entry = found.get(s)
            if entry is None:
                found[s] = [1 << field, exact, count]
            else:
                entry[0] |= 1 << field
                if exact > entry[1]:
                    entry[1] = exact
                entry[2] += count

        for term, exact in terms.items():
            for p in self.title_post.get(term, ()):
                for s in self.page_sections[p]:
                    add(s, TITLE, exact, 0)
            for s in self.head_post.get(term, ()):
                add(s, HEADING, exact, 0)
            for s, count in self.body_post.get(term, ()):
                add(s, BODY, exact, count)
        return found

    def _cost(self, terms: dict[str, float]) -> int:
        cost = 0
        for term in terms:
            cost += len(self.body_post.get(term, ())) + len(self.head_post.get(term, ()))
            for p in self.title_post.get(term, ()):
                cost += len(self.page_sections[p])
        return cost

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        words = query_words(query)
        if not words:
            return []
        expanded = [self.expand(w) for w in words]
        if not all(expanded):
            return []
        # The rarest word first: every later word only looks at the sections still in the race.
        order = sorted(range(len(words)), key=lambda i: self._cost(expanded[i]))
        per_word: list[dict[int, list] | None] = [None] * len(words)
        candidates: dict[int, list] | None = None
        for i in order:
            found = self._matches(expanded[i], candidates)
            if not found:
                return []
            per_word[i] = found
            candidates = found

        best: dict[int, tuple[float, int]] = {}
        for s in candidates or ():
            score = self._score(s, per_word, expanded)
            p = self.sections[s].page
            if p not in best or score > best[p][0]:
                best[p] = (score, s)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], self.titles[item[0]]))
        hits = []
        for p, (score, s) in ranked[:limit]:
            section = self.sections[s]
            hits.append(Hit(self.page_ids[p], section.anchor, section.heading,
                            self.snippet(section.text, words), round(score, 2)))
        return hits

    def _score(self, s: int, per_word: list, expanded: list[dict[str, float]]) -> float:
        fields = [m[s][0] for m in per_word]
        tier = min(TITLE if f >> TITLE & 1 else HEADING if f >> HEADING & 1 else BODY
                   for f in fields)
        p = self.sections[s].page
        if tier == TITLE:
            covered = self.title_words[p]
        elif tier == HEADING:
            covered = self.head_words[s]
        else:
            covered = ()
        coverage = (sum(any(w in t for t in expanded) for w in covered) / len(covered)
                    if covered else 0.0)
        in_heading = sum(bool(f >> HEADING & 1) for f in fields) / len(fields)
        exact = sum(m[s][1] for m in per_word) / len(per_word)
        section_hits = sum(m[s][2] for m in per_word)
        page_hits = 0
        for m in per_word:
            for other in self.page_sections[p]:
                entry = m.get(other)
                if entry:
                    page_hits += entry[2]
        return (tier * 1000 + coverage * 200 + in_heading * 50 + exact * 100
                + min(section_hits, 10) * 5 + min(page_hits, 30) * 2)

    @staticmethod
    def snippet(text: str, words: list[str], width: int = SNIPPET_WIDTH) -> str:
        """About `width` characters of `text` around the first matching word."""
        if len(text) <= width:
            return text
        start = 0
        for match in _WORD.finditer(text):
            term = fold(match.group())
            if any(word_matches(w, term) for w in words):
                start = match.start()
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
_INDEXES: dict[int, tuple[weakref.ref, Index]] = {}


def index_for(library: Library) -> Index:
    """The library's index, built on first use and kept as long as the library lives."""
    key = id(library)
    entry = _INDEXES.get(key)
    if entry is not None and entry[0]() is library:
        return entry[1]
    index = Index(library.pages.values())
    ref = weakref.ref(library, lambda _ref, key=key: _INDEXES.pop(key, None))
    _INDEXES[key] = (ref, index)
    return index


def search(library: Library, query: str, limit: int = 20) -> list[Hit]:
    """Ranked hits for a query, best first, one per page: (page_id, anchor, heading, snippet,
    score). A query with a word that matches nothing returns []."""
    return index_for(library).search(query, limit)


# -- the text of a page as the library shows it ---------------------------------------------
TRUST_LABELS = {
    "A": "official health body or guideline",
    "B": "major clinic or medical reference",
    "C": "other source",
    "seed": "unverified seed article",
}
_TRUST_ORDER = {"A": 0, "B": 1, "C": 2, "seed": 3}


def page_markdown(library: Library, page_id: str) -> str:
    """The page's Markdown, then "See also" (its related pages) and, last, "Sources": every source
    it cites with its trust level. Used by the library screen and by `cramp read` without a
    terminal. Addresses are shown as code, never as links: the app does not go online."""
    page = library.pages[page_id]
    parts = [page.body.rstrip(), ""]
    related = [library.pages[r] for r in page.related if r in library.pages]
    if related:
        parts += ["## See also", ""]
        parts += [f"- [{r.title}]({r.id}.md): {r.summary}" for r in related]
        parts.append("")
    parts += ["## Sources", "",
              "Trust levels: " + "; ".join(f"**{k}** {v}" for k, v in TRUST_LABELS.items())
              + ".", ""]
    cited = []
    for source_id in page.sources:
        source = library.sources.get(source_id)
        if source is None:
            cited.append((9, f"- **?** {source_id} (not in sources.toml)"))
            continue
        label = TRUST_LABELS.get(source.trust, source.trust)
        line = f"- **{source.trust}** ({label}): {source.title}"
        if source.urls:
            line += " " + " ".join(f"`{url}`" for url in source.urls)
        cited.append((_TRUST_ORDER.get(source.trust, 9), line))
    parts += [line for _, line in sorted(cited, key=lambda item: item[0])]
    return "\n".join(parts) + "\n"
