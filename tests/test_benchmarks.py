"""The benchmark tooling: the synthetic-site generator and the build-speed script."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from briefgen.testing import build_site

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"


def _load(name: str) -> ModuleType:
    """Import ``benchmarks/<name>.py`` (the folder is scripts, not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


sitegen = _load("sitegen")
build_speed = _load("build_speed")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _front_matter(path: Path) -> dict:
    text = path.read_text("utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.fixture(scope="module")
def corpus():
    return sitegen.make_corpus(n_articles=30, n_entities=40, n_factchecks=6, seed=3)


# ---------------------------------------------------------------- sitegen


def test_same_seed_writes_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        sitegen.generate(tmp_path / name, 6, 20, 3, seed=seed)
    a, b, c = (_tree(tmp_path / n) for n in "abc")
    assert a == b
    assert a != c


def test_an_article_does_not_depend_on_how_many_are_made() -> None:
    few = sitegen.make_corpus(3, 20, 2, seed=5)
    many = sitegen.make_corpus(8, 20, 2, seed=5)
    assert few.articles == many.articles[:3]
    assert many.registry(50)[:20] == few.entities


def test_generated_site_builds_with_every_annotation_kind(tmp_path: Path) -> None:
    sitegen.generate(tmp_path, n_articles=6, n_entities=25, n_factchecks=3, seed=1)
    built = build_site(tmp_path)
    assert built.result.articles == 6
    for article in built.site.articles:
        assert built.exists(article.url)
    # Each bundled annotation kind that is loaded finds something in the copy.
    counts = built.result.annotations
    for kind in ("entity", "quote", "claim"):
        if kind in built.site.plugins.kinds:
            assert counts.get(kind, 0) > 0, (kind, counts)


def test_every_factcheck_phrase_is_in_the_articles_that_carry_it(corpus) -> None:
    by_slug = {c.slug: c for c in corpus.factchecks}
    seen = set()
    for article in corpus.articles:
        body = re.sub(r"\$\s+", "$", article.body).lower()
        for slug in article.factchecks:
            phrase = by_slug[slug].match[0].lower()
            assert body.count(phrase) == 1, (article.slug, phrase)
            seen.add(slug)
    assert seen == set(by_slug)  # every check appears somewhere
    assert any(a.factchecks for a in corpus.articles)
    assert not all(a.factchecks for a in corpus.articles)


def test_no_match_phrase_contains_another() -> None:
    phrases = [c.match[0] for c in sitegen.make_corpus(1, 30, 60, seed=0).factchecks]
    assert len(phrases) == 60
    assert not [(p, q) for p in phrases for q in phrases if p != q and p in q]


def test_entity_and_factcheck_files_are_valid(tmp_path: Path) -> None:
    sitegen.generate(tmp_path, 4, 50, 5, seed=2, registry_size=120)
    entity_files = sorted((tmp_path / "content/entities").glob("*.md"))
    assert len(entity_files) == 120
    forms: dict[str, str] = {}
    kinds = set()
    for path in entity_files:
        meta = _front_matter(path)
        assert isinstance(meta["name"], str) and meta["name"], path
        assert meta["kind"] in ("person", "organization", "place"), path
        kinds.add(meta["kind"])
        for form in [meta["name"], *meta.get("aliases", [])]:
            assert isinstance(form, str)
            folded = sitegen.slugify(form)
            assert forms.setdefault(folded, path.stem) == path.stem, f"{form} used twice"
    assert kinds == {"person", "organization", "place"}
    slugs = {p.stem for p in entity_files}
    for path in sorted((tmp_path / "content/factchecks").glob("*.md")):
        meta = _front_matter(path)
        assert meta["verdict"] in sitegen.VERDICTS  # "true"/"false" stay strings
        assert meta["claimant"] in slugs
        assert meta["claim"] and meta["match"] and meta["date"]
        assert all(s["url"].startswith("https://") and s["title"] for s in meta["sources"])


def test_articles_have_the_parts_of_a_briefing(corpus) -> None:
    text = "".join(a.body for a in corpus.articles)
    for article in corpus.articles:
        body = article.body
        assert 7_000 < len(sitegen.article_text(article).encode()) < 11_000
        assert 2 <= len(re.findall(r"^## ", body, re.M)) <= 3
        assert re.search(r"^- ", body, re.M)
        assert "](https://example.org/" in body
        for mark in ("“", "”", '"', "«", ", said ", "said: “"):
            assert mark in body, (article.slug, mark)
        assert re.search(r"[,.]” (he|she) said, “", body)
        assert article.title and article.summary and article.tags and article.authors
    # Mentions in the forms news copy uses.
    people = [e for e in corpus.entities if e.kind == "person"]
    assert any(f"{p.short}'s" in text or f"{p.short}’s" in text for p in people)
    assert any(re.search(rf"(?<!{p.name.split()[0]} )\b{p.short}\b", text) for p in people)
    assert any(p.name.lower() in text for p in people)
    assert re.search(r"^[A-Z ]{4,} — ", text, re.M)  # a dateline


def test_peers_get_the_same_articles(tmp_path: Path, corpus) -> None:
    article = corpus.articles[0]
    pelican = sitegen.write_pelican(tmp_path / "pelican", corpus)
    mkdocs = sitegen.write_mkdocs(tmp_path / "mkdocs", corpus)
    hugo = sitegen.write_hugo(tmp_path / "hugo", corpus)
    files = {
        "pelican": pelican / "content" / f"{article.slug}.md",
        "mkdocs": mkdocs / "docs" / "articles" / f"{article.slug}.md",
        "hugo": hugo / "content" / "posts" / f"{article.slug}.md",
    }
    for path in files.values():
        assert path.read_text("utf-8").endswith("\n" + article.body)
    header = files["pelican"].read_text("utf-8").split("\n\n", 1)[0]
    assert f"Title: {article.title}" in header and f"Date: {article.date}" in header
    assert _front_matter(files["hugo"])["title"] == article.title
    assert yaml.safe_load((mkdocs / "mkdocs.yml").read_text())["theme"] == {"name": "mkdocs"}
    for name in ("baseof.html", "single.html", "list.html"):
        assert (hugo / "layouts" / "_default" / name).is_file()
    assert len(list((hugo / "content" / "posts").glob("*.md"))) == len(corpus.articles)


# ---------------------------------------------------------------- build_speed


def test_peak_memory_is_read_from_the_wrappers_report() -> None:
    err = "warning: x\n\nbench-memory pss=2048 largest=1024\n"
    assert build_speed.peak_memory(err) == (2048, 1024)
    assert build_speed.peak_memory("no report") is None


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc")
def test_the_memory_wrapper_counts_a_forked_workers_shared_pages_once() -> None:
    # 40 MB in the parent, shared with a forked child that adds 40 MB of its
    # own: about 80 MB in all, where adding up resident sizes would say 120.
    script = (
        "import os, time\n"
        "a = bytearray(40_000_000)\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    b = bytearray(40_000_000)\n"
        "    time.sleep(1.0)\n"
        "    os._exit(0)\n"
        "os.waitpid(pid, 0)\n"
    )
    wrapper = [sys.executable, "-c", build_speed.MEMORY_WRAPPER]
    proc = subprocess.run(
        [*wrapper, sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    pss, largest = build_speed.peak_memory(proc.stderr)
    # Summing resident sizes would give 120 MB and more (each interpreter's
    # own pages twice); the margin above 80 MB is the interpreters' share,
    # which grows a little on a busy machine.
    assert 78_000 <= pss <= 112_000
    assert 78_000 <= largest <= 100_000  # the child: inherited pages plus its own


def _report(**medians: float) -> object:
    rows = [build_speed.Row(key, f"row {key}", times=[t, t + 0.2]) for key, t in medians.items()]
    rows.append(build_speed.Row("mkdocs", "MkDocs cold build", error="pip install failed: x"))
    rows[0].peak_kb = 150 * 1024
    machine = {
        "cores": 2,
        "usable_cores": 2,
        "cpu": "Test CPU",
        "memory": "1 GiB",
        "os": "Linux",
        "python": "3.11",
        "load_before": "0.1",
    }
    settings = {
        "briefgen": "9.9",
        "jobs": "2",
        "plugins": "entities",
        "articles": 10,
        "article_kb": 9.0,
        "entities": 5,
        "factchecks": 1,
        "seed": 0,
        "runs": 2,
        "big_registry": 100,
    }
    return build_speed.Report(machine, settings, rows)


def test_cold_rows_take_turns_run_by_run(tmp_path: Path) -> None:
    # Each command's warm-up first, then one run of each per round, so that
    # other work on the machine weighs on all of them alike; a command that
    # fails gets its error and leaves the rounds.
    log = tmp_path / "log"

    def timed(name: str, fails: bool = False):  # type: ignore[no-untyped-def]
        code = f"open({str(log)!r}, 'a').write({name!r} + ' ')"
        if fails:
            code += "; raise SystemExit(3)"
        row = build_speed.Row(name, f"row {name}")
        return build_speed.Timed(row, [sys.executable, "-c", code], tmp_path, lambda _: None)

    ours, peer, broken = timed("ours"), timed("peer"), timed("broken", fails=True)
    build_speed.Timer(runs=2, timeout=60).rounds([ours, peer, broken])
    assert log.read_text().split() == ["ours", "peer", "broken", "ours", "peer", "ours", "peer"]
    assert len(ours.row.times) == len(peer.row.times) == 2
    assert "exit 3" in broken.row.error and not broken.row.times


def test_cold_runs_start_without_output_nothing_deleted_until_the_end(tmp_path: Path) -> None:
    site = tmp_path / "site"
    aside = build_speed.SetAside(tmp_path / "aside")
    seen = []

    def run_cold() -> None:
        build_speed.clean_site(site, aside)
        seen.append(sorted(p.name for p in site.iterdir()))
        for folder in (build_speed.OUTPUT_DIR, build_speed.CACHE_DIR):
            (site / folder).mkdir()
            (site / folder / "page.html").write_text(f"run {len(seen)}")

    site.mkdir()
    (site / "site.yml").write_text("title: t\n")
    for _ in range(3):
        run_cold()
    assert seen == [["site.yml"]] * 3
    # The first two runs' folders wait, whole, to be deleted all at once.
    kept = sorted(p.read_text() for p in (tmp_path / "aside").rglob("page.html"))
    assert kept == ["run 1", "run 1", "run 2", "run 2"]
    aside.clear()
    assert not (tmp_path / "aside").exists()


def test_table_has_every_row_ratios_and_failure_reasons() -> None:
    report = _report(cold=1.0, warm=0.2, article=0.25, hugo=0.9, pelican=4.0, big_registry=1.1)
    table = build_speed.render(report)
    for label in ("row cold", "row warm", "row hugo", "MkDocs cold build"):
        assert f"| {label} |" in table
    assert "| row pelican | 4.10 | 4.00–4.20 | – | 3.73x |" in table
    assert "pip install failed: x" in table
    assert "Test CPU" in table and "briefgen 9.9" in table
    verdicts = dict(build_speed.targets(report))
    assert verdicts["cold build within 1.5x of Hugo's"] == "met"
    assert verdicts["cold build 3x faster than Pelican"] == "met"
    assert verdicts["cold build 3x faster than MkDocs"] == "n/a"
    assert verdicts["warm build faster than Hugo's full build"] == "met"
    assert verdicts["one article changed: under 0.3 s"] == "missed"
    assert verdicts["peak memory under 300 MB"] == "met"
    assert verdicts["a 100-entity registry adds under 20%"] == "met"
    assert json.dumps(build_speed.as_json(report))
    report.settings["big_registry"] = 0  # --big-registry 0
    assert dict(build_speed.targets(report))["a large registry (not timed) adds under 20%"]


@pytest.mark.slow
def test_benchmark_runs_at_a_tiny_size_and_prints_every_row(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "build_speed.py"),
            *("--articles", "20", "--entities", "30", "--factchecks", "5"),
            *("--runs", "1", "--no-peers", "--big-registry", "100"),
            *("--json", str(tmp_path / "speed.json"), "--keep", str(tmp_path / "work")),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {
        line.split("|")[1].strip(): line
        for line in result.stdout.splitlines()
        if line.startswith("| ") and not line.startswith("| measurement")
    }
    timed = [
        "briefgen cold build",
        "briefgen warm build, nothing changed",
        "briefgen after one article changed",
        "briefgen after one entity changed",
        "briefgen after one template changed",
        "briefgen cold build, 100-entity registry",
    ]
    for label in timed:
        assert re.match(rf"\| {re.escape(label)} \| \d+\.\d\d \|", rows[label]), rows.get(label)
    assert [label for label in rows if label in timed] == timed  # the table's order
    # The two cold builds take turns (their ratio is a target), before the other rows.
    log = result.stderr.splitlines()
    big = "briefgen cold build, 100-entity registry: round"
    big_round = next(i for i, line in enumerate(log) if line.startswith(big))
    assert log.index("briefgen warm build, nothing changed: warm-up") > big_round
    for peer in ("Pelican", "MkDocs", "Hugo"):
        assert "skipped: --no-peers" in rows[f"{peer} cold build"]
    assert "- machine: " in result.stdout and "briefgen " in result.stdout
    # Timed like an installed package: bytecode written first (see Briefgen.compile).
    assert "bytecode: compiled beforehand" in result.stdout
    data = json.loads((tmp_path / "speed.json").read_text())
    assert all(
        r["median"] is not None for r in data["rows"] if r["key"] not in build_speed.PEER_KEYS
    )
    # Every cold run's output and cache were set aside, then deleted at the end.
    assert not (tmp_path / "work" / "set-aside").exists()
    # The site was put back as it was generated: no override, no changed files.
    site = tmp_path / "work" / "site"
    assert not (site / "templates").exists()
    fresh = sitegen.make_corpus(20, 30, 5, seed=0)
    article = fresh.articles[10]
    assert (site / "content/articles" / f"{article.slug}.md").read_text() == sitegen.article_text(
        article
    )
