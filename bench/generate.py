"""Write a valid, complete guides tree of any size, for the load and search benchmarks.

    python -m bench.generate DIR --flows 1000 --pages 1000

The tree passes `cramp check DIR` with no problem. Site flows need a unique one-key `key` (at most
36 exist), so most flows are *shared* flows reached from the site flows' steps: the shared flows
form a binary tree (flow j leads to flows 2j+1 and 2j+2), so every step is reachable and every path
reaches an end. Each flow has a stretch (with variants), a question, a conditional info step and
an end; one flow holds a safety gate. Pages have front matter, headings, links to other pages'
sections and related pages, and about as much text as a bundled page (~500 words).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SITE_KEYS = "123456789"
N_SOURCES = 24

# Vocabulary for page bodies, so search has real words to match.
WORDS = (
    "cramp calf muscle stretch night sleep bed covers toes shin heel knee straight hold release "
    "pregnancy midwife doctor magnesium calcium potassium sodium water fluids drink food banana "
    "spinach nuts seeds dairy vitamin deficiency supplement evidence trial review source advice "
    "warm bath massage walk heels gentle pain tender soreness hamstring thigh quad foot arch "
    "exercise tired fatigue nerve signal tight short relax lengthen repeat seconds minutes "
    "swollen red clot urgent emergency breathless chest medicine prescriber statin diuretic "
    "age older younger common rare often sometimes usually cause trigger prevent ease help"
).split()


def _q(text: str) -> str:
    """A TOML basic string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _sentence(rng: random.Random, words: int = 12) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _sources_toml(n: int) -> str:
    out = ["# Generated sources.\n"]
    for i in range(n):
        out.append(
            f"[[source]]\nid = \"SRC-{i}\"\ntitle = \"Generated source {i}\"\n"
            f"trust = \"{'ABC'[i % 3]}\"\nurls = [\"https://example.org/source/{i}\"]\n"
        )
    return "\n".join(out)


DANGER = """title = "Danger signs: when to get help"
intro = "Most cramps are harmless. These signs can mean something else is going on."
sources = ["SRC-0", "SRC-1"]
long_cramp_title = "Cramp for more than 10 minutes"
long_cramp_text = "Over 10 minutes and not easing when you move: get urgent care today."
stretch_warning = "Leg swollen, red or warm? Don't stretch it: press ! for help."
disclaimer = "General first-aid information, not a diagnosis."

[[section]]
level = "emergency"
heading = "Call {emergency} now"
items = ["Chest pain.", "Sudden breathlessness."]

[[section]]
level = "urgent"
heading = "Get urgent help today"
items = ["One leg is swollen, red, warm or painful all the time."]
"""

SAFETY = """id = "safety"
title = "Safety check"
summary = "Asked before stretching when a cramp could be something more serious."
start = "clot-check"
sources = ["SRC-2"]

[[step]]
id = "clot-check"
kind = "question"
title = "Before you stretch: check for a blood clot"
gate = true
when = { pregnant = true }
text = "Is ONE leg swollen, red, warm, or painful all the time?"

  [[step.choice]]
  key = "y"
  label = "Yes"
  next = "clot-urgent"

  [[step.choice]]
  key = "n"
  label = "No"

[[step]]
id = "clot-urgent"
kind = "end"
title = "This could be a blood clot: get help now"
outcome = "urgent"
text = "Don't stretch or massage this leg. Call {emergency} if you have chest pain."
"""


def _flow_toml(rng: random.Random, flow_id: str, *, site: int | None, children: list[str],
               n_pages: int, index: int) -> str:
    head = [f"id = {_q(flow_id)}", f"title = {_q('Flow ' + flow_id)}",
            f"summary = {_q(_sentence(rng, 10))}"]
    if site is not None:
        head += [f'site = "site-{site}"', f"site_label = {_q(f'Site {site} (generated)')}",
                 f'key = "{SITE_KEYS[site]}"']
    start = "stretch" if site is not None else "start"
    sources = sorted({f"SRC-{rng.randrange(N_SOURCES)}" for _ in range(3)})
    head += [f"start = {_q(start)}", "sources = [" + ", ".join(map(_q, sources)) + "]"]
    page = f"page-{index % n_pages}" if n_pages else None
    head.append(f"pages = [{_q(page)}]" if page else "pages = []")
    steps = []
    if site is None:
        steps.append(
            f'[[step]]\nid = "start"\nkind = "info"\ntitle = {_q("About " + flow_id)}\n'
            f'text = {_q(_sentence(rng, 30))}\nnext = "stretch"\n'
        )
    steps.append(
        f'[[step]]\nid = "stretch"\nkind = "stretch"\ntitle = {_q("Stretch in " + flow_id)}\n'
        f"do = {_q(_sentence(rng, 20))}\nhow = {_q(_sentence(rng, 16))}\n"
        f'why = {_q(_sentence(rng, 14))}\nhold = 5\neased = "choose"\n\n'
        f'  [[step.variant]]\n  when = {{ helper = true }}\n  title = "With a helper"\n'
        f"  do = {_q(_sentence(rng, 20))}\n\n"
        f'  [[step.variant]]\n  when = {{ position = "bed", helper = false }}\n'
        f"  do = {_q(_sentence(rng, 20))}\n"
    )
    choices = []
    for key, child in zip("12", children):
        choices.append(f'  [[step.choice]]\n  key = "{key}"\n  label = {_q("Go on to " + child)}\n'
                       f'  next = "{child}:start"\n')
    choices.append('  [[step.choice]]\n  key = "3"\n  label = "Night tips"\n  next = "tips"\n')
    choices.append('  [[step.choice]]\n  key = "4"\n  label = "Finish"\n  next = "done"\n')
    steps.append(
        f'[[step]]\nid = "choose"\nkind = "question"\ntitle = "What next?"\n'
        f'text = {_q(_sentence(rng, 12))}\ndefault = "4"\n\n' + "\n".join(choices)
    )
    steps.append(
        f'[[step]]\nid = "tips"\nkind = "info"\ntitle = "At night"\n'
        f'when = {{ position = "bed" }}\nskip_to = "done"\ntext = {_q(_sentence(rng, 25))}\n'
        f'next = "done"\n'
    )
    pages = f"pages = [{_q(page)}]\n" if page else ""
    steps.append(
        f'[[step]]\nid = "done"\nkind = "end"\ntitle = "Done"\noutcome = "eased"\n'
        f"text = {_q(_sentence(rng, 15))}\n{pages}"
    )
    return "\n".join(head) + "\n\n" + "\n".join(steps)


def _page_md(rng: random.Random, k: int, n_pages: int) -> str:
    others = [m for m in (rng.randrange(n_pages) for _ in range(4)) if m != k]
    related = sorted({f"page-{m}" for m in others[:3]})
    sources = sorted({f"SRC-{rng.randrange(N_SOURCES)}" for _ in range(4)})
    front = (
        f'+++\nid = "page-{k}"\ntitle = {_q(f"Page {k}: " + " ".join(rng.sample(WORDS, 3)))}\n'
        f"summary = {_q(_sentence(rng, 14))}\n"
        f"sources = [{', '.join(map(_q, sources))}]\n"
        f"related = [{', '.join(map(_q, related))}]\n+++\n"
    )
    body = [f"# Page {k}", ""]
    for section in ("Overview", "What the evidence says", "What helps", "When to see a doctor"):
        body += [f"## {section}", ""]
        for _ in range(3):
            body.append(" ".join(_sentence(rng, rng.randrange(8, 16)) for _ in range(3)))
            body.append("")
        if others:
            target = others[rng.randrange(len(others))]
            body.append(f"See [what helps](page-{target}.md#what-helps) and "
                        f"[the overview](#overview).")
            body.append("")
        body += ["- " + _sentence(rng, 8), "- " + _sentence(rng, 8), ""]
    return front + "\n" + "\n".join(body)


def generate(root: Path, flows: int, pages: int, seed: int = 0) -> dict[str, int]:
    """Write a complete guides tree (its own sources.toml and danger.toml) under `root`."""
    if flows < 1:
        raise ValueError("at least one flow (a site flow) is needed")
    rng = random.Random(seed)
    root = Path(root)
    (root / "flows").mkdir(parents=True, exist_ok=True)
    (root / "pages").mkdir(parents=True, exist_ok=True)
    (root / "sources.toml").write_text(_sources_toml(N_SOURCES), encoding="utf-8")
    (root / "danger.toml").write_text(DANGER, encoding="utf-8")
    sites = min(4, flows)
    safety = 1 if flows > sites else 0
    shared = flows - sites - safety
    if safety:
        (root / "flows" / "safety.toml").write_text(SAFETY, encoding="utf-8")
    steps = 0
    for j in range(shared):
        children = [f"shared-{c}" for c in (2 * j + 1, 2 * j + 2) if c < shared]
        text = _flow_toml(rng, f"shared-{j}", site=None, children=children, n_pages=pages,
                          index=j)
        (root / "flows" / f"shared-{j}.toml").write_text(text, encoding="utf-8")
        steps += 5
    for i in range(sites):
        children = ["shared-0"] if shared else []
        text = _flow_toml(rng, f"site-{i}", site=i, children=children, n_pages=pages,
                          index=shared + i)
        (root / "flows" / f"site-{i}.toml").write_text(text, encoding="utf-8")
        steps += 4
    for k in range(pages):
        (root / "pages" / f"page-{k}.md").write_text(_page_md(rng, k, pages), encoding="utf-8")
    return {"flows": flows, "pages": pages, "steps": steps + 2 * safety, "sources": N_SOURCES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--flows", type=int, default=100)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(generate(args.dir, args.flows, args.pages, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
