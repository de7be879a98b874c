"""Quality of the quotation finder on articles written for these tests.

``tests/fixtures/quotes/`` holds sixty-three short articles (clean copy,
copy with straight quotes and guillemets, machine-translated copy with lost
and misplaced marks, a council debate, speakers named by their titles, a
court report, a translated ceasefire wire story, a central-bank briefing, an
election night, US politics, a football press conference, a health study, a
translated Spanish story, an earnings story, an international wire story, a
police report, an obituary, a cyclone story, a machine-translated war
report, Australian state politics, a tech feature in the present tense, a
Commons debate, a drought explainer, a cricket report, a US city council, a
machine-translated Italian story, a science press release, a murder trial,
Nigerian state politics, a New Zealand river story, a band profile, a tram
strike, a machine-translated Brazilian economy story, a machine-translated
German regional story, a Chinese foreign-ministry briefing, a Darfur wire
story, an EU summit, a Premier League report, a machine-translated Russian
story, South African politics, a tabloid court story, a Canadian provincial
story, a Japanese executive's profile with a Q&A, Irish politics, a US local
house fire, a machine-translated Peruvian story, Kenyan business, a health
wire story, Philippine politics with nicknames inside names, a US high-school
basketball recap, a Scottish council budget, a crypto market story, a
lifeboat feature in the present tense with dialogue, a machine-translated
Ukrainian regional story, a US basketball game story, a climate study,
Australian federal politics, South Korean agency copy, Indonesian agency
copy, machine-translated Turkish agency copy, a US Supreme Court ruling, a
tech product launch and a machine-translated Brazilian football report) and
``gold.yaml``, every quotation in them with its speaker. A found quotation
counts when its span overlaps a true one by more than half of the true one's
length (each true one matches once); attribution counts the matched ones
whose speaker is right.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from briefgen.testing import BuiltSite, build_site

FIXTURES = Path(__file__).parent / "fixtures" / "quotes"
RECALL, PRECISION, ATTRIBUTION = 0.9, 0.95, 0.9


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    speaker: str | None
    speaker_id: str | None = None

    def __len__(self) -> int:
        return self.end - self.start


@dataclass
class Score:
    gold: int
    found: int
    matched: int
    attributed: int
    misses: list[str]
    extras: list[str]
    wrong: list[str]

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def attribution(self) -> float:
        return self.attributed / self.matched if self.matched else 1.0

    def __str__(self) -> str:
        return (
            f"recall {self.recall:.3f} ({self.matched}/{self.gold}), "
            f"precision {self.precision:.3f} ({self.matched}/{self.found}), "
            f"attribution {self.attribution:.3f} ({self.attributed}/{self.matched})"
            + "".join(f"\n  missed: {m}" for m in self.misses)
            + "".join(f"\n  extra: {m}" for m in self.extras)
            + "".join(f"\n  wrong speaker: {m}" for m in self.wrong)
        )


def locate(text: str, words: str) -> tuple[int, int]:
    """Where the gold ``words`` stand in ``text`` (spacing, punctuation and
    quotation marks may differ)."""
    pattern = r"\W+".join(re.escape(w) for w in re.findall(r"\w+", words))
    m = re.search(pattern, text)
    assert m, f"gold quotation not in the article: {words!r}"
    return m.start(), m.end()


def _norm(name: str | None) -> str:
    return re.sub(r"\W+", " ", (name or "").lower()).strip()


def same_speaker(found: Span, gold: Span) -> bool:
    """The same entity, the same name, or the gold name's surname alone."""
    if gold.speaker_id and found.speaker_id == gold.speaker_id:
        return True
    a, b = _norm(found.speaker), _norm(gold.speaker)
    return bool(a) and (a == b or (" " not in a and b.split()[-1] == a))


def score(text: str, found: list[Span], gold: list[Span]) -> Score:
    result = Score(len(gold), len(found), 0, 0, [], [], [])
    free = list(found)
    for g in gold:
        best = None
        for f in free:
            overlap = min(f.end, g.end) - max(f.start, g.start)
            if overlap > len(g) / 2 and (best is None or overlap > best[0]):
                best = (overlap, f)
        if best is None:
            result.misses.append(text[g.start : g.end][:70])
            continue
        f = best[1]
        free.remove(f)
        result.matched += 1
        if same_speaker(f, g):
            result.attributed += 1
        else:
            result.wrong.append(f"{text[g.start : g.end][:50]!r}: {f.speaker} (not {g.speaker})")
    result.extras = [text[f.start : f.end][:70] for f in free]
    return result


def add(total: Score | None, part: Score) -> Score:
    if total is None:
        return part
    return Score(
        total.gold + part.gold,
        total.found + part.found,
        total.matched + part.matched,
        total.attributed + part.attributed,
        total.misses + part.misses,
        total.extras + part.extras,
        total.wrong + part.wrong,
    )


def build_fixtures(tmp_path: Path, *, entities: bool) -> BuiltSite:
    shutil.copytree(FIXTURES / "articles", tmp_path / "content" / "articles")
    if entities:
        shutil.copytree(FIXTURES / "entities", tmp_path / "content" / "entities")
    return build_site(tmp_path, {"site.yml": "title: Quote fixtures\n"})


#: The articles written to read well without a registry; the others name
#: people by forms only their entity files know ("SFO", "Tschernenko").
WITHOUT_REGISTRY = frozenset(
    {"harbour-strike", "river-talks", "bike-lanes", "orlav-fire", "grain-corridor"}
)


def evaluate(built: BuiltSite, only: frozenset[str] | None = None) -> Score:
    gold_file = yaml.safe_load((FIXTURES / "gold.yaml").read_text("utf-8"))
    total = None
    for slug, items in gold_file.items():
        if only is not None and slug not in only:
            continue
        article = built.article(slug)
        text = article.text
        gold = [Span(*locate(text, g["text"]), g["speaker"], g.get("id")) for g in items]
        found = [
            Span(a.start, a.end, a.data["speaker"], a.data["speaker_id"])
            for a in article.of_kind("quote")
        ]
        total = add(total, score(text, found, gold))
    assert total is not None
    return total


@pytest.fixture(scope="module")
def with_entities(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_fixtures(tmp_path_factory.mktemp("eval"), entities=True)


def test_fixture_quality_meets_the_targets(with_entities: BuiltSite) -> None:
    result = evaluate(with_entities)
    print(result)
    assert result.recall >= RECALL, str(result)
    assert result.precision >= PRECISION, str(result)
    assert result.attribution >= ATTRIBUTION, str(result)


def test_fixture_speakers_resolve_to_entities(with_entities: BuiltSite) -> None:
    """With the registry, known speakers carry their entity id and a ref."""
    quotes = [
        a
        for slug in ("harbour-strike", "river-talks")
        for a in with_entities.article(slug).of_kind("quote")
    ]
    ids = {a.data["speaker_id"] for a in quotes}
    assert {"mira-castell", "ana-ruiz", "tomas-elling", "sabine-kofler", "idris-haddad"} <= ids
    for a in quotes:
        if a.data["speaker_id"]:
            assert f"entities/{a.data['speaker_id']}" in a.refs


def test_fixture_quality_without_the_entity_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without any registry, names stay as written and quality holds."""
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "quotes")
    built = build_fixtures(tmp_path, entities=False)
    result = evaluate(built, WITHOUT_REGISTRY)
    print(result)
    assert all(a.data["speaker_id"] is None for a in built.article("river-talks").of_kind("quote"))
    assert result.recall >= RECALL, str(result)
    assert result.precision >= PRECISION, str(result)
    assert result.attribution >= ATTRIBUTION - 0.05, str(result)


def test_the_metric_can_fail() -> None:
    """The scorer itself: a shifted span or a wrong speaker is not counted."""
    text = "x" * 100
    gold = [Span(10, 50, "Ana Ruiz", "ana-ruiz")]
    assert score(text, [Span(10, 50, "Ruiz")], gold).attribution == 1.0
    assert score(text, [Span(10, 50, "Jun Park")], gold).attribution == 0.0
    assert score(text, [Span(40, 90, "Ana Ruiz")], gold).recall == 0.0
    assert score(text, [Span(10, 50, "Ana Ruiz"), Span(60, 70, "Ana Ruiz")], gold).precision == 0.5
