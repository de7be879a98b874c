"""Random edit sequences: after every edit, each way of building again gives
the bytes of a clean build.

A generated briefing site (every bundled plugin on) goes through a seeded
sequence of the edits a newsroom makes: text added to and cut from articles,
titles, tags, dates and drafts changed, articles added and deleted; entities'
roles, descriptions, aliases and kinds changed, entities added and deleted;
fact-checks added, deleted, given new verdicts and fewer phrases; a template
override and a local plugin added, changed and removed; articles moved into
folders of their own with a file beside them; ``site.yml`` and a static
file changed.
After each edit the site is built three ways, and each output must equal a
clean build (no cache, one process) of the same input, byte for byte:

- ``build()`` as the command line runs it, with the cache, over one or two
  processes;
- the same again with nothing changed (the quick "nothing changed" path);
- the preview's builder, which keeps the site between builds, is told which
  files changed, and builds alternately into two folders.

Now and then an article is also saved with broken front matter: every
build must fail naming it and leave the published output (and the folder
the preview serves) as it was, and build again once it is mended.

A failure names the seed and the edits so far, so it can be replayed.
``BRIEFGEN_CHURN_SEEDS=N`` runs N seeds instead of the default few.
"""

from __future__ import annotations

import difflib
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import clean_tree, tree
from test_benchmarks import sitegen

from briefgen.build import build
from briefgen.errors import BriefgenError
from briefgen.serve.builders import EngineRebuilder

pytestmark = pytest.mark.slow

SEEDS = int(os.environ.get("BRIEFGEN_CHURN_SEEDS", "3"))
STEPS = 10
THEME_CARD = Path(__file__).parents[1] / "themes/briefing/templates/partials/article-card.html"
TAG_POOL = ("energy", "sanctions", "Grain Trade", "grain trade", "ports", "elections", "aid")


@dataclass
class Churn:
    """A generated site and what the edits need to know about it."""

    root: Path
    seed: int
    rng: random.Random = field(init=False)
    log: list[str] = field(default_factory=list)
    made: int = 0  # articles and entities added so far (for fresh names)

    def __post_init__(self) -> None:
        self.rng = random.Random(f"churn:{self.seed}")

    def articles(self) -> list[Path]:
        return sorted((self.root / "content/articles").glob("*.md"))

    def entities(self) -> list[Path]:
        return sorted((self.root / "content/entities").glob("*.md"))

    def factchecks(self) -> list[Path]:
        return sorted((self.root / "content/factchecks").glob("*.md"))

    def names(self) -> list[str]:
        return [read(p)[0]["name"] for p in self.entities()]

    def claimants(self) -> set[str]:
        return {str(read(p)[0]["claimant"]) for p in self.factchecks()}


def read(path: Path) -> tuple[dict, str]:
    """A document's front matter and body."""
    _, front, body = path.read_text("utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def write(path: Path, meta: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{front}---\n{body}", "utf-8")


# ---------------------------------------------------------------- the edits
# Each changes the site a little, says what it did in the log, and returns
# the paths it touched (the preview is told of them, as its watcher would).


def _change(c: Churn, files: list[Path], how: Callable[[dict, str], tuple[str, str]]) -> list[Path]:
    """One of ``files`` changed by ``how(meta, body)``, which changes the
    front matter in place and returns the new body and what it did."""
    path = c.rng.choice(files)
    meta, body = read(path)
    body, what = how(meta, body)
    write(path, meta, body)
    c.log.append(f"{path.name}: {what}")
    return [path]


def add_text(c: Churn) -> list[Path]:
    """A paragraph naming entities, often with a quotation."""

    def how(meta: dict, body: str) -> tuple[str, str]:
        a, b = c.rng.sample(c.names(), 2)
        paragraph = f"{a} met {b} on Monday to discuss the grain corridor."
        quote = c.rng.choice(
            [
                f' "We will not sign anything this week," {a} said.',
                f" “Talks go on,” said {b}.",
                f" {a} said the deal was “close but not done”.",
                "",
            ]
        )
        return f"{body.rstrip()}\n\n{paragraph}{quote}\n", "text added"

    return _change(c, c.articles(), how)


def cut_text(c: Churn) -> list[Path]:
    """A paragraph (not a heading) cut."""

    def how(meta: dict, body: str) -> tuple[str, str]:
        blocks = body.strip().split("\n\n")
        prose = [i for i, block in enumerate(blocks) if not block.startswith(("#", "-"))]
        if len(prose) > 2:
            del blocks[c.rng.choice(prose)]
        return "\n" + "\n\n".join(blocks) + "\n", "a paragraph cut"

    return _change(c, c.articles(), how)


def retitle(c: Churn) -> list[Path]:
    def how(meta: dict, body: str) -> tuple[str, str]:
        key = c.rng.choice(["title", "summary"])
        meta[key] = f"{meta[key].rstrip('.')} (updated {c.rng.randrange(100)})"
        return body, f"a new {key}"

    return _change(c, c.articles(), how)


def retag(c: Churn) -> list[Path]:
    """A tag added or taken away (some spellings share a slug)."""

    def how(meta: dict, body: str) -> tuple[str, str]:
        tags = list(meta.get("tags") or [])
        if tags and c.rng.random() < 0.5:
            tags.remove(c.rng.choice(tags))
        else:
            tags.append(c.rng.choice(TAG_POOL))
        meta["tags"] = tags
        return body, f"tags {tags}"

    return _change(c, c.articles(), how)


def redate(c: Churn) -> list[Path]:
    """A new date: the article moves in every listing."""

    def how(meta: dict, body: str) -> tuple[str, str]:
        meta["date"] = meta["date"].replace(year=c.rng.choice([2021, 2022, 2024]))
        return body, f"dated {meta['date']}"

    return _change(c, c.articles(), how)


def toggle_draft(c: Churn) -> list[Path]:
    def how(meta: dict, body: str) -> tuple[str, str]:
        if meta.pop("draft", False):
            return body, "published"
        meta["draft"] = True
        return body, "made a draft"

    return _change(c, c.articles(), how)


def add_article(c: Churn) -> list[Path]:
    source = c.rng.choice(c.articles())
    meta, body = read(source)
    c.made += 1
    meta["title"] = f"Follow-up {c.made}: {meta['title']}"
    meta["tags"] = [c.rng.choice(TAG_POOL)]
    path = source.with_name(f"zz-follow-up-{c.made}.md")
    write(path, meta, body)
    c.log.append(f"add {path.name} (from {source.name})")
    return [path]


def _delete(
    c: Churn, files: list[Path], fewest: int, otherwise: Callable[[Churn], list[Path]]
) -> list[Path]:
    """One of ``files`` deleted, unless only ``fewest`` are left: then
    ``otherwise`` is done instead."""
    if len(files) <= fewest:
        return otherwise(c)
    path = c.rng.choice(files)
    path.unlink()
    c.log.append(f"delete {path.name}")
    return [path]


def delete_article(c: Churn) -> list[Path]:
    return _delete(c, c.articles(), 4, add_article)


def entity_card(c: Churn) -> list[Path]:
    """A role or description changed: the shared part of the entity stays."""

    def how(meta: dict, body: str) -> tuple[str, str]:
        if c.rng.random() < 0.5:
            meta["role"] = f"Acting envoy no. {c.rng.randrange(1000)}"
            return body, "a new role"
        return f"\nNow described in other words, version {c.rng.randrange(1000)}.\n", "described"

    return _change(c, c.entities(), how)


def entity_alias(c: Churn) -> list[Path]:
    """An alias added (the entity's last word, which the text uses alone) or
    all of them removed: matching changes in every article."""

    def how(meta: dict, body: str) -> tuple[str, str]:
        if meta.get("aliases"):
            del meta["aliases"]
            return body, "aliases removed"
        meta["aliases"] = [meta["name"].split()[-1]]
        return body, f"alias {meta['aliases']}"

    return _change(c, c.entities(), how)


def add_entity(c: Churn) -> list[Path]:
    """A new person in the registry, named in an article in the same save."""
    c.made += 1
    name = f"Ilvar Kestrand{'o' * c.made}"
    entity = c.root / f"content/entities/ilvar-kestrand-{c.made}.md"
    write(entity, {"name": name, "kind": "person", "role": "Mediator"}, "\nA mediator.\n")
    path = c.rng.choice(c.articles())
    meta, body = read(path)
    write(path, meta, f"{body.rstrip()}\n\n“We are ready,” said {name}.\n")
    c.log.append(f"add {entity.name}, named in {path.name}")
    return [entity, path]


def delete_entity(c: Churn) -> list[Path]:
    claimants = c.claimants()
    free = [p for p in c.entities() if p.stem not in claimants]
    path = c.rng.choice(free)
    path.unlink()
    c.log.append(f"delete {path.name}")
    return [path]


def factcheck_edit(c: Churn) -> list[Path]:
    """A verdict changed, or a match phrase dropped (one is always left)."""

    def how(meta: dict, body: str) -> tuple[str, str]:
        if len(meta["match"]) > 1 and c.rng.random() < 0.5:
            meta["match"] = meta["match"][1:]
            return body, "a phrase dropped"
        meta["verdict"] = c.rng.choice(sitegen.VERDICTS)
        return body, f"verdict {meta['verdict']}"

    return _change(c, c.factchecks(), how)


def entity_kind(c: Churn) -> list[Path]:
    """A person made an organisation or the other way round: part of what
    decides matches, so every article is annotated again."""

    def how(meta: dict, body: str) -> tuple[str, str]:
        meta["kind"] = "organization" if meta["kind"] == "person" else "person"
        return body, f"now a {meta['kind']}"

    return _change(c, c.entities(), how)


def add_factcheck(c: Churn) -> list[Path]:
    """A new fact-check matching five words of an article's first paragraph."""
    article = c.rng.choice(c.articles())
    words = read(article)[1].split("\n\n")[1].split()
    start = c.rng.randrange(max(1, len(words) - 5))
    phrase = " ".join(words[start : start + 5]).strip(".,;:“”\"'")
    source = c.rng.choice(c.factchecks())
    meta, body = read(source)
    meta["match"] = [phrase]
    c.made += 1
    path = source.with_name(f"zz-check-{c.made}.md")
    write(path, meta, body)
    c.log.append(f"add {path.name} matching {phrase!r} (in {article.name})")
    return [path]


def delete_factcheck(c: Churn) -> list[Path]:
    return _delete(c, c.factchecks(), 2, add_factcheck)


def template(c: Churn) -> list[Path]:
    """The site's override of the article card: added, changed, removed."""
    path = c.root / "templates/partials/article-card.html"
    if path.exists() and c.rng.random() < 0.4:
        path.unlink()
        c.log.append("remove the card override")
    else:
        extra = f'<p class="n">{c.rng.randrange(1000)} {{{{ item.title | upper }}}}</p>\n'
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(THEME_CARD.read_text("utf-8") + extra, "utf-8")
        c.log.append("write the card override")
    return [path]


#: A local plugin marking the word "grain" with a note from its own code.
MARKER_PLUGIN = """
import re
from briefgen import Annotation, hookimpl

NOTE = {note!r}

@hookimpl
def briefgen_annotation_kinds():
    return {{"marker": "a marked word"}}

@hookimpl
def briefgen_annotate(article, site):
    return [
        Annotation(m.start(), m.end(), "marker", {{"note": NOTE}})
        for m in re.finditer(r"\\bgrain\\b", article.text)
    ]
"""


def local_plugin(c: Churn) -> list[Path]:
    """A plugin of the site's own (with its partial) added, its code
    changed, or removed."""
    path = c.root / "plugins/marker.py"
    partial = c.root / "templates/annotations/marker.html"
    if path.exists() and c.rng.random() < 0.4:
        path.unlink()
        partial.unlink()
        c.log.append("remove the local plugin")
    elif path.exists():  # its code alone changes
        path.write_text(MARKER_PLUGIN.format(note=f"note {c.rng.randrange(1000)}"))
        c.log.append("change the local plugin")
    else:
        path.parent.mkdir(exist_ok=True)
        path.write_text(MARKER_PLUGIN.format(note=f"note {c.rng.randrange(1000)}"))
        partial.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text('<mark title="{{ annotation.data.note }}">{{ content }}</mark>')
        c.log.append("add a local plugin")
    return [path, partial]


def bundle(c: Churn) -> list[Path]:
    """An article moved into a folder of its own with a file beside it, or
    that file changed."""
    folders = sorted(p for p in (c.root / "content/articles").iterdir() if p.is_dir())
    if folders and c.rng.random() < 0.5:
        path = c.rng.choice(folders) / "chart.txt"
        path.write_text(f"figures {c.rng.randrange(1000)}\n")
        c.log.append(f"change {path.parent.name}/chart.txt")
        return [path]
    source = c.rng.choice(c.articles())
    folder = source.with_suffix("")
    folder.mkdir()
    target = folder / "index.md"
    source.rename(target)
    (folder / "chart.txt").write_text("figures\n")
    c.log.append(f"move {source.name} into a folder with chart.txt")
    return [source, target, folder / "chart.txt"]


def config(c: Churn) -> list[Path]:
    path = c.root / "site.yml"
    meta = yaml.safe_load(path.read_text("utf-8"))
    meta["per_page"] = c.rng.choice([2, 3, 5])
    path.write_text(yaml.safe_dump(meta, sort_keys=False), "utf-8")
    c.log.append(f"per_page: {meta['per_page']}")
    return [path]


def static(c: Churn) -> list[Path]:
    path = c.root / "static/notes.txt"
    if path.exists() and c.rng.random() < 0.4:
        path.unlink()
        c.log.append("delete static/notes.txt")
    else:
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"note {c.rng.randrange(1000)}\n")
        c.log.append("write static/notes.txt")
    return [path]


EDITS: list[Callable[[Churn], list[Path]]] = [
    add_text,
    add_text,
    cut_text,
    retitle,
    retag,
    redate,
    toggle_draft,
    add_article,
    delete_article,
    entity_card,
    entity_card,
    entity_alias,
    add_entity,
    delete_entity,
    entity_kind,
    factcheck_edit,
    add_factcheck,
    delete_factcheck,
    template,
    local_plugin,
    local_plugin,
    bundle,
    config,
    static,
]


# ---------------------------------------------------------------- the test


def _difference(c: Churn, how: str, got: dict, want: dict) -> str:
    """What differs from the clean build, for a failure message."""
    lines = [f"seed {c.seed}, after: {'; '.join(c.log)}", f"{how} differs from a clean build:"]
    only_got, only_want = sorted(got.keys() - want.keys()), sorted(want.keys() - got.keys())
    if only_got:
        lines.append(f"  extra files: {only_got[:5]}")
    if only_want:
        lines.append(f"  missing files: {only_want[:5]}")
    changed = sorted(k for k in got.keys() & want.keys() if got[k] != want[k])
    if changed:
        lines.append(f"  different files: {changed[:5]}")
        first = changed[0]
        diff = difflib.unified_diff(
            want[first].decode("utf-8", "replace").splitlines(),
            got[first].decode("utf-8", "replace").splitlines(),
            "clean",
            how,
            lineterm="",
            n=1,
        )
        lines.extend(list(diff)[:30])
    return "\n".join(lines)


def _a_failed_build_changes_nothing(
    c: Churn, preview: EngineRebuilder, served: Path, want: dict[str, bytes]
) -> None:
    """An article saved with broken front matter: each build fails, naming
    the file, and leaves the published output as it was; once the file is
    mended, each build gives the clean build's bytes again."""
    path = c.rng.choice(c.articles())
    text = path.read_text("utf-8")
    path.write_text(text.replace("title:", "title: [unclosed", 1), "utf-8")
    c.log.append(f"break the front matter of {path.name}")
    for attempt in (lambda: build(c.root, jobs=1), lambda: preview.rebuild([path.resolve()])):
        with pytest.raises(BriefgenError) as failed:
            attempt()
        assert path.name in str(failed.value.file), failed.value
    assert tree(c.root / "public") == want, "a failed build changed the published output"
    assert tree(served) == want, "a failed preview build changed the folder served"
    path.write_text(text, "utf-8")
    c.log.append(f"mend {path.name}")
    build(c.root, jobs=1)
    assert tree(c.root / "public") == want
    result = preview.rebuild([path.resolve()])
    assert tree(result.output) == want, _difference(
        c, "the preview's build", tree(result.output), want
    )


@pytest.mark.parametrize("seed", range(SEEDS))
def test_every_build_after_random_edits_is_a_clean_build(tmp_path: Path, seed: int) -> None:
    root = tmp_path / "site"
    sitegen.generate(
        root, n_articles=10, n_entities=24, n_factchecks=4, seed=seed, registry_size=30
    )
    with (root / "site.yml").open("a") as fh:
        fh.write("per_page: 3\n")
    churn = Churn(root, seed)
    preview = EngineRebuilder(root, tmp_path / "preview")
    build(root, jobs=1)
    preview.rebuild([])
    for _ in range(STEPS):
        edit = churn.rng.choice(EDITS)
        changed = edit(churn)
        want = clean_tree(root, tmp_path)
        build(root, jobs=churn.rng.choice([1, 2]))
        got = tree(root / "public")
        assert got == want, _difference(churn, "build", got, want)
        again = build(root, jobs=1)
        assert tree(root / "public") == want, _difference(
            churn, "build with nothing changed", tree(root / "public"), want
        )
        assert again.rendered == 0
        result = preview.rebuild([p.resolve() for p in changed])
        got = tree(result.output)
        assert got == want, _difference(churn, "the preview's build", got, want)
        if churn.rng.random() < 0.25:
            _a_failed_build_changes_nothing(churn, preview, result.output, want)
