"""``briefgen entities suggest``: names in the articles that match no entity.

It lists capitalised names (runs of capitalised words, with ``of``, ``the``,
``de``... allowed inside) that no registered entity matched, most frequent
first. Sentence-initial common words ("The", "But"), titles ("President"),
months and days, nationality adjectives alone ("Ukrainian"), and single words
seen only at the start of sentences ("Unfortunately") are skipped.
``--write SLUG ...`` or ``--write-all`` writes a stub file for each chosen
name into ``content/entities/``, never over an existing file.
"""

from __future__ import annotations

import argparse
import json
import sys
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from briefgen import Article, Command, Site
from briefgen.content import slugify

from .registry import Registry
from .text import WORD_RE, fold_lower, sentence_initial
from .words import (
    ABBREVIATIONS,
    CALENDAR,
    COMMON,
    ORGANIZATION_HINTS,
    PARTICLES,
    PLACE_HINTS,
    TITLES,
)

CONNECTORS = PARTICLES | {"of", "the", "for"}
_DEMONYM_ENDINGS = ("ian", "ean", "ican", "ish", "ese", "ians", "eans", "icans", "ern", "ic")
_TRAILING = CONNECTORS | TITLES | CALENDAR
_JOINERS = (" ", "\u00a0", "-", "‐", "‑")


@dataclass
class Suggestion:
    """A name that no entity matched, and where it was seen."""

    name: str
    slug: str
    count: int = 0
    #: How many times it was seen other than at the start of a sentence.
    inside: int = 0
    articles: set[str] = field(default_factory=set)
    spellings: Counter[str] = field(default_factory=Counter)

    @property
    def kind(self) -> str:
        words = {w.lower() for w in self.name.split()}
        if words & ORGANIZATION_HINTS:
            return "organization"
        if words & PLACE_HINTS:
            return "place"
        return "other"


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _skippable_single(word: str) -> bool:
    low = fold_lower(word)
    return (
        len(word) < 2
        or low in COMMON
        or low in TITLES
        or low in CALENDAR
        or low in ABBREVIATIONS
        or low.endswith("ly")
        or (word[:1].isupper() and not word.isupper() and low.endswith(_DEMONYM_ENDINGS))
    )


def _trim(run: list[tuple[int, int, str]], text: str, lo: int) -> list[tuple[int, int, str]]:
    """Drop sentence-initial common words and titles in front, and
    connectors, titles and dates at the end."""
    while run:
        start, _, word = run[0]
        low = fold_lower(word)
        dropped = low in TITLES or low in CALENDAR or low in CONNECTORS
        if dropped or (low in COMMON and sentence_initial(text, start, lo)):
            run = run[1:]
        else:
            break
    while run and fold_lower(run[-1][2]) in _TRAILING:
        run = run[:-1]
    return run


Span = tuple[int, int, bool]


def _keep(run: list[tuple[int, int, str]], text: str, lo: int) -> Span | None:
    """The span of a run of capitalised words worth suggesting, if any, and
    whether it starts a sentence."""
    trimmed = _trim(run, text, lo)
    if not trimmed:
        return None
    if len(trimmed) == 1 and _skippable_single(trimmed[0][2]):
        return None
    return trimmed[0][0], trimmed[-1][1], sentence_initial(text, trimmed[0][0], lo)


class _Covered:
    """Spans of text, asked whether a word meets any of them: in the log of
    their number (an article has a hundred mentions or more, and ten times
    as many words)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(spans):
            if merged and lo < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
            else:
                merged.append((lo, hi))
        self._starts = [lo for lo, _ in merged]
        self._ends = [hi for _, hi in merged]

    def meets(self, start: int, end: int) -> bool:
        """Does ``[start, end)`` overlap one of the spans?"""
        i = bisect_right(self._ends, start)  # the first span ending after ``start``
        return i < len(self._starts) and self._starts[i] < end


def _runs(article: Article, spans: list[tuple[int, int]]) -> list[Span]:
    """Spans of capitalised names in the prose of ``article`` outside
    ``spans``, each with whether it starts a sentence."""
    covered = _Covered(spans)
    text = article.text
    runs: list[tuple[list[tuple[int, int, str]], int]] = []
    for block in article.blocks:
        if block.kind in ("heading", "code"):
            continue
        run: list[tuple[int, int, str]] = []
        pending: list[tuple[int, int, str]] = []
        for m in WORD_RE.finditer(text, block.start, block.end):
            start, end, word = m.start(), m.end(), m.group()
            blocked = not article.is_prose(start, end) or covered.meets(start, end)
            sep = text[(pending or run)[-1][1] : start] if run else ""
            if blocked:
                runs.append((run, block.start))
                run, pending = [], []
            elif run and _is_capitalised(word) and sep in _JOINERS:
                run.extend(pending)
                run.append((start, end, word))
                pending = []
            elif run and word.lower() in CONNECTORS and sep == " ":
                pending.append((start, end, word))
            else:
                runs.append((run, block.start))
                run, pending = [], []
                if _is_capitalised(word) and not word[0].isdigit():
                    run = [(start, end, word)]
        runs.append((run, block.start))
    spans = (_keep(run, text, lo) for run, lo in runs if run)
    return [span for span in spans if span is not None]


def find_suggestions(site: Site, registry: Registry) -> list[Suggestion]:
    """Unmatched names over all articles, most frequent first."""
    found: dict[str, Suggestion] = {}
    for article in site.articles:
        covered = [(a.start, a.end) for a in article.annotations if a.kind == "entity"]
        covered += [(m.start, m.end) for m in article.marks if "entity" in m.attrs]
        for start, end, initial in _runs(article, covered):
            name = " ".join(article.text[start:end].split())
            if registry.lookup(name) is not None:
                continue
            key = " ".join(fold_lower(w) for w in WORD_RE.findall(name))
            item = found.get(key)
            if item is None:
                item = found[key] = Suggestion(name, slugify(name))
            item.count += 1
            item.inside += not initial
            item.articles.add(article.relpath)
            item.spellings[name] += 1
    for item in found.values():
        item.name = item.spellings.most_common(1)[0][0]
    # One word seen only at the start of sentences is most likely not a name.
    kept = [s for s in found.values() if s.inside or " " in s.name]
    return sorted(kept, key=lambda s: (-s.count, s.name.lower()))


def stub_text(suggestion: Suggestion) -> str:
    """The text of a new entity file for a suggested name."""
    n = len(suggestion.articles)
    return (
        "---\n"
        f"name: {json.dumps(suggestion.name, ensure_ascii=False)}\n"
        f"kind: {suggestion.kind}  # person, organization, place or other\n"
        "aliases: []\n"
        'role: ""\n'
        "# wikidata: Q...\n"
        "---\n\n"
        f"Describe {suggestion.name} here. (Suggested by `briefgen entities suggest` "
        f"from {suggestion.count} mention{'s' if suggestion.count != 1 else ''} "
        f"in {n} article{'s' if n != 1 else ''}.)\n"
    )


def stub_path(source: Path, slug: str) -> Path:
    """Where the stub for ``slug`` goes."""
    return source / "content" / "entities" / f"{slug}.md"


def write_stubs(site: Site, chosen: list[Suggestion]) -> list[str]:
    """Write a stub per suggestion; return what was done, one line each."""
    lines = []
    for suggestion in chosen:
        path = stub_path(site.source, suggestion.slug)
        rel = path.relative_to(site.source).as_posix()
        if path.exists():
            lines.append(f"skipped {rel}: the file exists")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(stub_text(suggestion), encoding="utf-8")
        lines.append(f"wrote {rel}")
    return lines


def run_suggest(site: Site, args: argparse.Namespace) -> int:
    """Print the suggestions and write the stubs asked for."""
    from briefgen.build import annotate_site

    state = site.data.get("entities")
    if state is None:
        print(
            "error: this site has no content/entities/ folder; create it first",
            file=sys.stderr,
        )
        return 1
    annotate_site(site)
    suggestions = [s for s in find_suggestions(site, state["registry"]) if s.count >= args.min]
    if not suggestions:
        print(f"no unmatched names seen at least {args.min} time(s)")
    else:
        width = max(len(str(s.count)) for s in suggestions)
        print("Names in the articles that match no entity, most frequent first:")
        for s in suggestions:
            n = len(s.articles)
            print(
                f"  {s.count:>{width}}  {s.name}  [{s.slug}]  in {n} article{'s' if n != 1 else ''}"
            )
    status = 0
    chosen: list[Suggestion] = []
    if args.write_all:
        chosen = suggestions
    elif args.write:
        by_slug = {s.slug: s for s in suggestions}
        for slug in args.write:
            if slug in by_slug:
                chosen.append(by_slug[slug])
            else:
                print(f"error: no suggestion has the slug '{slug}'", file=sys.stderr)
                status = 1
    for line in write_stubs(site, chosen):
        print(line)
    return status


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="entities_action", metavar="ACTION", required=True)
    p = actions.add_parser(
        "suggest",
        help="list names in the articles that match no entity",
        description="List capitalised names in the articles that no entity matched, "
        "most frequent first, and optionally write stub entity files for them.",
    )
    p.add_argument(
        "-s",
        "--source",
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="the site folder, holding site.yml (default: the current folder)",
    )
    p.add_argument(
        "--min",
        type=int,
        default=2,
        metavar="N",
        help="list only names seen at least N times (default: 2)",
    )
    write = p.add_mutually_exclusive_group()
    write.add_argument(
        "--write",
        nargs="+",
        metavar="SLUG",
        help="write content/entities/SLUG.md for these suggestions (never overwrites)",
    )
    write.add_argument(
        "--write-all",
        action="store_true",
        help="write a stub for every suggestion listed (never overwrites)",
    )


def _run(site: Site, args: argparse.Namespace) -> int:
    if args.entities_action == "suggest":
        return run_suggest(site, args)
    raise AssertionError(args.entities_action)  # pragma: no cover - argparse checks


COMMAND = Command(
    name="entities",
    help="work with the entity registry (entities suggest: find unregistered names)",
    run=_run,
    add_arguments=_add_arguments,
)
