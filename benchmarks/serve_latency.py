"""How fast does a save show up in the browser under ``briefgen serve``?

For each site (the example site of this repository, and a generated one of
1,000 articles of about 9 KB each), this script starts ``briefgen serve`` as
a writer would (a separate process), opens an article in Debian's chromium
through Playwright, then saves that article N times (default 20), pausing
between saves as a person would. It records

- **save → browser**: from just before the file is written to the moment
  the reloaded page holding the new text has been parsed (its
  ``DOMContentLoaded``, stamped in the page with ``Date.now()``, which reads
  the same clock as Python's ``time.time()``);
- **rebuild**: the time ``briefgen serve`` reports for the rebuild alone;

and prints median and worst of each in a table.

With ``--every S`` the saves come every S seconds whether or not the last
rebuild is done, as a writer saving often on a large site makes them:
save → browser is then measured for each save, and the rebuild columns hold
the rebuilds that finished (a rebuild gives way to a newer save once the
open page is shown; the script counts those).

    python benchmarks/serve_latency.py                  # both sites, 20 saves
    python benchmarks/serve_latency.py --articles 200 --saves 5
    python benchmarks/serve_latency.py --only generated --keep /tmp/bench-site
    python benchmarks/serve_latency.py --only generated --every 2

Targets (issue 6): median save → browser under 250 ms, rebuild of one
changed article under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import queue
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.testing import launch_chromium

REPO = Path(__file__).resolve().parent.parent
#: Pause between saves: a writer does not save again before looking.
PAUSE = 0.6
MARKER = "Benchmark marker"

# ------------------------------------------------------------ a generated site

_PLACES = ["Harbourtown", "Eastmere", "Vell", "Northgate", "Lowmarsh", "Corran", "Saltby"]
_PEOPLE = [
    ("Ada Brennick", "Foreign minister of Eastmere"),
    ("Tomas Vey", "Harbour authority chair"),
    ("Lina Osei", "Energy regulator"),
    ("Piet Marlow", "Envoy to the talks"),
    ("Rosa Calder", "Opposition leader in Vell"),
    ("Ivo Sarn", "Spokesman for the coalition"),
]
_ORGS = ["Grid Authority", "Harbour Council", "Northgate Assembly", "Relief Office"]
_SUBJECTS = [
    "The delegation",
    "A senior official",
    "The ministry",
    "Negotiators",
    "The council",
    "Analysts",
    "The regulator",
    "Local officials",
]
_VERBS = [
    "said on Tuesday that",
    "argued that",
    "warned that",
    "confirmed that",
    "denied reports that",
    "told reporters that",
]
_CLAUSES = [
    "the pause on strikes against power stations would hold for thirty days",
    "grain shipments through the southern port had doubled since the spring",
    "the ceasefire talks would resume after the holiday",
    "inspectors had not been allowed to visit the plant",
    "about 150 drones had been launched overnight",
    "the aid package was smaller than first announced",
    "the border crossing would reopen for trucks carrying medicine",
    "a prisoner exchange was being prepared",
    "the budget for reconstruction had been cut by a fifth",
    "the pipeline had been running below capacity for weeks",
]
_TAGS = [
    "ceasefire",
    "energy",
    "diplomacy",
    "trade",
    "ports",
    "aid",
    "security",
    "elections",
    "grain",
    "nuclear",
    "borders",
    "drones",
]


def _sentence(rng: random.Random) -> str:
    who = rng.choice(_SUBJECTS + [p for p, _ in _PEOPLE] + _ORGS)
    text = f"{who} {rng.choice(_VERBS)} {rng.choice(_CLAUSES)}"
    if rng.random() < 0.3:
        text += f", according to people in {rng.choice(_PLACES)}"
    return text + "."


def _quote(rng: random.Random) -> str:
    person = rng.choice(_PEOPLE)[0]
    clause = rng.choice(_CLAUSES)
    return f'"We have said clearly that {clause}," {person} said.'


def _article(rng: random.Random, n: int, size: int) -> str:
    day = 1 + n % 28
    month = 1 + (n // 28) % 12
    tags = rng.sample(_TAGS, 3)
    paragraphs: list[str] = []
    length = 0
    while length < size:
        sentences = [_sentence(rng) for _ in range(rng.randint(3, 6))]
        if rng.random() < 0.3:
            sentences.insert(1, _quote(rng))
        para = " ".join(sentences)
        paragraphs.append(para)
        length += len(para) + 2
    title = f"Briefing {n}: {rng.choice(_CLAUSES).capitalize()}"
    summary = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_CLAUSES)}."
    head = (
        f"---\ntitle: {json.dumps(title)}\n"
        f"date: 2024-{month:02d}-{day:02d}\n"
        f"summary: {json.dumps(summary)}\n"
        f"tags: [{', '.join(tags)}]\n---\n\n"
    )
    return head + "\n\n".join(paragraphs) + "\n"


def generate_site(root: Path, articles: int = 1000, size: int = 9000, seed: int = 6) -> Path:
    """Write a site of ``articles`` articles of about ``size`` bytes each."""
    rng = random.Random(seed)
    (root / "content" / "articles").mkdir(parents=True, exist_ok=True)
    (root / "content" / "entities").mkdir(parents=True, exist_ok=True)
    (root / "site.yml").write_text("title: Benchmark briefings\nbase_url: /\n", encoding="utf-8")
    for name, role in _PEOPLE:
        slug = name.lower().replace(" ", "-")
        (root / "content" / "entities" / f"{slug}.md").write_text(
            f"---\nname: {name}\nkind: person\nrole: {role}\n---\n\n{name} is a {role.lower()}.\n",
            encoding="utf-8",
        )
    for place in _PLACES:
        (root / "content" / "entities" / f"{place.lower()}.md").write_text(
            f"---\nname: {place}\nkind: place\nrole: A town\n---\n\n{place} is a town.\n",
            encoding="utf-8",
        )
    for n in range(articles):
        (root / "content" / "articles" / f"briefing-{n:04d}.md").write_text(
            _article(rng, n, size), encoding="utf-8"
        )
    return root


def copy_site(source: Path, root: Path) -> Path:
    """Copy a site's sources (not its output) to ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "site.yml", root / "site.yml")
    for name in ("content", "templates", "static"):
        if (source / name).is_dir():
            shutil.copytree(source / name, root / name)
    return root


# ------------------------------------------------------------ measuring


@dataclass
class Case:
    name: str
    site: Path
    articles: int
    first_build: float = 0.0
    rebuilds: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    stopped: int = 0  # rebuilds that gave way to a newer save


class Server:
    """``briefgen serve`` in its own process, its output read line by line."""

    def __init__(self, site: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "briefgen", "serve", "-s", str(site), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.url = ""
        self.first_build = 0.0
        while not self.url:
            line = self.next_line(600)
            if "build failed" in line:
                raise SystemExit(f"the first build failed: {line}")
            if m := re.search(r"\bbuilt .*? in ([\d.]+) (ms|s)\b", line):
                self.first_build = _seconds(m)
            if m := re.search(r"serving .* at (http://\S+)", line):
                self.url = m.group(1)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_line(self, timeout: float) -> str:
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            raise SystemExit("briefgen serve printed nothing for too long") from None

    def rebuild_time(self, timeout: float = 600) -> tuple[float, str]:
        """The next rebuild's duration as printed, and where the time went."""
        while True:
            line = self.next_line(timeout)
            if "build failed" in line:
                raise SystemExit(f"the rebuild failed: {line}")
            if m := re.search(r"\brebuilt .*? in ([\d.]+) (ms|s)\b", line):
                stages = re.search(r"\((load [^)]*)\)", line)
                return _seconds(m), stages.group(1) if stages else ""

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _seconds(m: re.Match[str]) -> float:
    value = float(m.group(1))
    return value / 1000 if m.group(2) == "ms" else value


def _edit(path: Path, original: str, i: int) -> str:
    """The article with a new first paragraph holding a unique marker."""
    head, sep, body = original.partition("\n---\n")
    assert sep, f"{path} has no front matter"
    return f"{head}{sep}\n{MARKER} {i}: this paragraph changes on every save.\n\n{body.lstrip()}"


def measure(case: Case, article: Path, saves: int, browser, every: float | None = None) -> None:
    server = Server(case.site)
    case.first_build = server.first_build
    original = article.read_text(encoding="utf-8")
    try:
        page = browser.new_page()
        page.add_init_script(
            "document.addEventListener('DOMContentLoaded', "
            "() => { window.__parsedAt = Date.now(); });"
        )
        page.goto(server.url + _article_url(article))
        page.wait_for_function("() => window.__parsedAt")
        time.sleep(PAUSE)
        for i in range(saves):
            marker = f"{MARKER} {i}:"
            started = time.time()
            article.write_text(_edit(article, original, i), encoding="utf-8")
            if every is None:
                seconds, stages = server.rebuild_time()
                case.rebuilds.append(seconds)
            page.get_by_text(marker).wait_for(timeout=60_000)
            # The text can show before the page is parsed to the end.
            parsed_at = page.wait_for_function("() => window.__parsedAt").json_value() / 1000
            case.latencies.append(parsed_at - started)
            if every is None:
                print(
                    f"  save {i + 1}: rebuild {_ms(seconds)} ({stages}), "
                    f"save→browser {_ms(case.latencies[-1])}",
                    flush=True,
                )
                time.sleep(PAUSE)
            else:
                print(f"  save {i + 1}: save→browser {_ms(case.latencies[-1])}", flush=True)
                time.sleep(max(0.0, started + every - time.time()))
        if every is not None:
            # What the rebuilds printed meanwhile, to the end of the last one
            # (every rebuild started ends; one that gave way, or one that saves
            # came during, is followed by another within the quiet period).
            started_builds = ended = 0
            while True:
                if started_builds and ended == started_builds:
                    try:
                        line = server.lines.get(timeout=3)
                    except queue.Empty:
                        break
                else:
                    line = server.next_line(600)
                if "changed: " in line:
                    started_builds += 1
                elif "stopped after" in line:
                    case.stopped += 1
                    ended += 1
                elif m := re.search(r"\brebuilt .*? in ([\d.]+) (ms|s)\b", line):
                    case.rebuilds.append(_seconds(m))
                    ended += 1
                elif "build failed" in line:
                    raise SystemExit(f"a rebuild failed: {line}")
        page.close()
    finally:
        article.write_text(original, encoding="utf-8")
        server.stop()


def _article_url(path: Path) -> str:
    slug = path.parent.name if path.name == "index.md" else path.stem
    return f"articles/{slug}/"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def table(cases: list[Case]) -> str:
    head = (
        "| site | articles | first build | rebuild median | rebuild worst "
        "| save→browser median | save→browser worst |"
    )
    rows = [head, "|" + "---|" * 7]
    for c in cases:
        stopped = f" ({c.stopped} gave way)" if c.stopped else ""
        rows.append(
            f"| {c.name} | {c.articles} | {_ms(c.first_build)} "
            f"| {_ms(statistics.median(c.rebuilds))}{stopped} | {_ms(max(c.rebuilds))} "
            f"| {_ms(statistics.median(c.latencies))} | {_ms(max(c.latencies))} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="generated site size")
    parser.add_argument("--size", type=int, default=9000, help="bytes per generated article")
    parser.add_argument("--saves", type=int, default=20, help="saves per site")
    parser.add_argument(
        "--example", type=Path, default=REPO, help="the example site (default: this repository)"
    )
    parser.add_argument("--only", choices=["example", "generated"], help="measure one site")
    parser.add_argument("--keep", type=Path, help="generate the site here and keep it")
    parser.add_argument(
        "--every",
        type=float,
        help="save every this many seconds, not waiting for the rebuild (a writer's loop)",
    )
    args = parser.parse_args(argv)
    # Stopped from outside (timeout, kill): still stop the server and clean up.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    cases: list[tuple[Case, Path]] = []
    try:
        if args.only in (None, "example"):
            site = copy_site(args.example, work / "example")
            first = sorted((site / "content" / "articles").glob("*.md"))[0]
            count = len(list((site / "content" / "articles").glob("*")))
            cases.append((Case(f"example ({args.example})", site, count), first))
        if args.only in (None, "generated"):
            site = args.keep or work / "generated"
            print(f"generating {args.articles} articles in {site} ...", flush=True)
            generate_site(site, args.articles, args.size)
            target = site / "content" / "articles" / f"briefing-{args.articles // 2:04d}.md"
            cases.append((Case("generated", site, args.articles), target))
        with sync_playwright() as p:
            browser = launch_chromium(p)
            for case, article in cases:
                print(
                    f"measuring {case.name}: {args.saves} saves of {article.name} ...", flush=True
                )
                measure(case, article, args.saves, browser, args.every)
                print(table([case]), flush=True)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(table([c for c, _ in cases]))
    print("\ntargets: save→browser median < 250 ms; rebuild of one changed article < 100 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
