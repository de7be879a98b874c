"""docs/plugins.md is run, step by step, as a reader would follow it.

The guide's fenced blocks carry a marker, an HTML comment on the line before
them, saying what to do with them (Markdown viewers hide the comments):

- ``<!-- file: PATH -->``: the block is the whole of PATH (relative to the
  folder the walk-through is in), written or replaced;
- ``<!-- update: PATH -->``: a Python block merged into PATH as the guide
  says: its imports join the file's, and each top-level function or
  assignment replaces the one of the same name or is added at the end;
- ``<!-- append: PATH -->``: the block is added at the end of PATH;
- ``<!-- generated: PATH -->``: the block shows a file a command wrote, exactly;
- ``<!-- contains: PATH -->``: the file holds the block's text (``...``
  standing for anything);
- ``<!-- tree: PATH -->``: the block lists every file under PATH.

A ``console`` block needs no marker: each ``$ command`` runs in the current
folder (``cd`` changes it), and the lines after it are output that must
appear, in order (``...`` stands for anything). A command whose output shows
an ``error:`` line must fail with status 1; any other must succeed.
``<!-- check: NAME -->`` runs the check ``NAME`` below on what was built, and
everything after ``<!-- slow -->`` installs a package, so only the slow test
runs it. Any other fenced block fails the test: every example is run.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "plugins.md"
EXAMPLE = ROOT / "examples" / "glossary"
_MARKER = re.compile(r"^<!-- (\w+)(?:: (.+?))? -->$")
_FENCE = re.compile(r"^```([\w+-]*)$")
_ENV_ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=\S*$")


@dataclass
class Step:
    """One thing the guide asks the reader to do, and where it says so."""

    kind: str  # file, update, append, generated, contains, tree, console, check, slow
    target: str
    text: str
    line: int


def parse_guide(text: str) -> list[Step]:
    """The guide's steps, in order; an unmarked example is an error."""
    steps: list[Step] = []
    lines = text.splitlines()
    marker: tuple[str, str, int] | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        found = _MARKER.match(line)
        fence = _FENCE.match(line)
        if found:
            kind, target = found.group(1), found.group(2) or ""
            if kind in ("check", "slow"):
                steps.append(Step(kind, target, "", i + 1))
            else:
                marker = (kind, target, i + 1)
        elif fence:
            end = lines.index("```", i + 1)
            body = "\n".join(lines[i + 1 : end]) + "\n"
            if fence.group(1) == "console":
                steps.append(Step("console", "", body, i + 1))
            elif marker is None:
                raise AssertionError(f"docs/plugins.md:{i + 1}: example with no marker")
            else:
                steps.append(Step(marker[0], marker[1], body, i + 1))
            marker = None
            i = end
        elif line.strip() and marker is not None:
            raise AssertionError(f"docs/plugins.md:{marker[2]}: marker not before a block")
        i += 1
    return steps


# ---------------------------------------------------------------- updating files


def _import_key(node: ast.stmt) -> tuple[int, int, str]:
    """Sort key of an import, as isort and ruff order them (briefgen is
    third-party to a site)."""
    if isinstance(node, ast.ImportFrom):
        module, style = node.module or "", 1
    else:
        assert isinstance(node, ast.Import)
        module, style = node.names[0].name, 0
    section = 0 if module.split(".")[0] in sys.stdlib_module_names else 1
    return section, style, module.lower()


def _defined_name(node: ast.stmt) -> str | None:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return node.name
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        return target.id if isinstance(target, ast.Name) else None
    return None


def _span(node: ast.stmt, lines: list[str]) -> tuple[int, int]:
    """0-based [start, end) of a statement with its decorators and the
    comment lines right above it."""
    start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))]) - 1
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    assert node.end_lineno is not None
    return start, node.end_lineno


def merge_python(existing: str, update: str) -> str:
    """``existing`` with the imports and definitions of ``update`` merged in."""
    lines = existing.splitlines()
    new_lines = update.splitlines()
    tree = ast.parse(existing)
    spans = {
        name: _span(node, lines) for node in tree.body if (name := _defined_name(node)) is not None
    }
    replaced: dict[tuple[int, int], list[str]] = {}
    appended: list[list[str]] = []
    imports: list[ast.stmt] = []
    for node in ast.parse(update).body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            imports.append(node)
            continue
        name = _defined_name(node)
        assert name is not None, f"cannot merge {ast.dump(node)[:60]}"
        start, end = _span(node, new_lines)
        segment = new_lines[start:end]
        if name in spans:
            replaced[spans[name]] = segment
        else:
            appended.append(segment)
    for (start, end), segment in sorted(replaced.items(), reverse=True):
        lines[start:end] = segment
    for segment in appended:
        lines += ["", "", *segment]
    for node in imports:
        lines = _add_import(lines, node, ast.get_source_segment(update, node) or "")
    return "\n".join(lines) + "\n"


def _add_import(lines: list[str], node: ast.stmt, source: str) -> list[str]:
    if source in lines:
        return lines
    present = [
        n for n in ast.parse("\n".join(lines)).body if isinstance(n, ast.Import | ast.ImportFrom)
    ]
    key = _import_key(node)
    before = [n for n in present if _import_key(n) <= key]
    if before:
        anchor = max(before, key=lambda n: n.lineno)
        assert anchor.end_lineno is not None
        gap = [""] if _import_key(anchor)[0] != key[0] else []
        at = anchor.end_lineno
        return [*lines[:at], *gap, source, *lines[at:]]
    first = min(present, key=lambda n: n.lineno)
    gap = [""] if _import_key(first)[0] != key[0] else []
    at = first.lineno - 1
    return [*lines[:at], source, *gap, *lines[at:]]


# ---------------------------------------------------------------- running commands


@dataclass
class Walkthrough:
    """A reader following the guide, in a folder of their own.

    ``venv`` is None for the fast run: ``briefgen`` commands run in-process
    (the same ``briefgen.cli.main`` as the console script) and other commands
    with the test environment's executables first on PATH. With a ``venv``,
    every command runs in a subprocess with that environment first on PATH.
    """

    cwd: Path
    venv: Path | None = None
    checks: dict[str, Callable[[Path], None]] | None = None

    def __post_init__(self) -> None:
        self.scratch = self.cwd / ".pytest-tmp"

    def path(self, target: str) -> Path:
        return self.cwd / target

    def run_steps(self, steps: list[Step]) -> None:
        for step in steps:
            where = f"docs/plugins.md:{step.line}"
            try:
                self.run_step(step)
            except AssertionError as exc:
                raise AssertionError(f"{where}: {exc}") from exc

    def run_step(self, step: Step) -> None:
        path = self.path(step.target)
        if step.kind == "file":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(step.text, encoding="utf-8")
        elif step.kind == "update":
            assert path.suffix == ".py", "only Python files are updated"
            path.write_text(merge_python(path.read_text("utf-8"), step.text), "utf-8")
        elif step.kind == "append":
            with path.open("a", encoding="utf-8") as file:
                file.write(step.text)
        elif step.kind == "generated":
            assert path.read_text("utf-8") == step.text, f"{step.target} differs"
        elif step.kind == "contains":
            pattern = ".*?".join(map(re.escape, step.text.rstrip("\n").split("...")))
            assert re.search(pattern, path.read_text("utf-8")), f"not in {step.target}"
        elif step.kind == "tree":
            files = sorted(
                p.relative_to(path).as_posix()
                for p in path.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts
            )
            assert files == step.text.split(), files
        elif step.kind == "console":
            self.console(step.text)
        elif step.kind == "check":
            assert self.checks is not None and step.target in self.checks, step.target
            self.checks[step.target](self.cwd)
        else:
            raise AssertionError(f"unknown step {step.kind}")

    def console(self, block: str) -> None:
        commands: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                commands.append((line[2:], []))
            else:
                assert commands, "output before any command"
                commands[-1][1].append(line)
        for command, expected in commands:
            code, output = self.execute(command)
            failing = any(line.startswith("error:") for line in expected)
            assert code == (1 if failing else 0), f"$ {command} -> {code}\n{output}"
            assert_output(expected, output, command)

    def execute(self, command: str) -> tuple[int, str]:
        words = shlex.split(command)
        if words[0] == "cd":
            self.cwd = (self.cwd / words[1]).resolve()
            return 0, ""
        env = {}
        while _ENV_ASSIGNMENT.match(words[0]):
            name, _, value = words.pop(0).partition("=")
            env[name] = value
        if words[0] == "pip":
            assert self.venv is not None, "pip install runs only in the slow test"
            python = self.venv / "bin" / "python"
            words = [str(python), "-m", "pip", "install", "-q", "--no-deps"]
            # No network in tests: the build backend comes from the test
            # environment instead of an isolated build environment.
            words += ["--no-build-isolation", *shlex.split(command)[2:]]
            return self.subprocess(words, env)
        if words[0] == "briefgen" and self.venv is None:
            return self.in_process(words[1:], env)
        return self.subprocess(["bash", "-c", shlex.join(words)], env)

    def in_process(self, args: list[str], env: dict[str, str]) -> tuple[int, str]:
        from briefgen.cli import main

        out = io.StringIO()
        saved = {name: os.environ.get(name) for name in env}
        os.environ.update(env)
        try:
            with (
                contextlib.chdir(self.cwd),
                contextlib.redirect_stdout(out),
                contextlib.redirect_stderr(out),
            ):
                code = main(args)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        return code, out.getvalue()

    def subprocess(self, words: list[str], env: dict[str, str]) -> tuple[int, str]:
        bin_dir = self.venv / "bin" if self.venv else Path(sys.executable).parent
        full_env = {
            **os.environ,
            **env,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            # The reader's own pytest runs keep their temporary folders here.
            "PYTEST_ADDOPTS": f"-p no:cacheprovider --basetemp={self.scratch}",
        }
        result = subprocess.run(
            words,
            cwd=self.cwd,
            env=full_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
        )
        return result.returncode, result.stdout


def assert_output(expected: list[str], output: str, command: str) -> None:
    """Each expected line (``...`` matches anything) is a whole line of
    ``output``, in order; indentation does not matter."""
    actual = [line.strip() for line in output.splitlines()]
    position = 0
    for line in expected:
        if line.strip() == "...":
            continue
        pattern = re.compile(".*".join(map(re.escape, line.strip().split("..."))))
        while position < len(actual) and not pattern.fullmatch(actual[position]):
            position += 1
        assert position < len(actual), f"$ {command}: no line {line!r} in\n{output}"
        position += 1


# ---------------------------------------------------------------- checks


def terms(site: Path, slug: str) -> list[tuple[str, dict]]:
    """(exact text, data) of each term annotation published for an article."""
    exported = json.loads((site / f"public/articles/{slug}/annotations.json").read_text())
    items = (exported.get("first") or {}).get("items", [])
    return [
        (item["target"]["selector"][0]["exact"], item["body"]["value"])
        for item in items
        if item["body"]["kind"] == "term"
    ]


def page(site: Path, url: str) -> str:
    return (site / "public" / url.strip("/") / "index.html").read_text("utf-8")


def check_first_plugin(site: Path) -> None:
    found = terms(site, "harbour-budget")
    assert [exact for exact, _ in found] == ["harbour authority", "quay"]
    assert found[1][1]["definition"].startswith("A stone or concrete platform")


def check_settings(site: Path) -> None:
    found = [exact.lower() for exact, _ in terms(site, "harbour-budget")]
    assert found == ["harbour authority", "quay", "quay", "quay"]


def check_pages(site: Path) -> None:
    index = page(site, "/glossary/")
    for term in ("breakwater", "harbour authority", "quay"):
        assert f">{term}</a>" in index
    assert "Not used in any briefing yet." in index
    quay = page(site, "/glossary/quay/")
    assert 'href="../../articles/harbour-budget/#ann-' in quay
    assert "the repair of the north <mark>quay</mark>, which" in quay
    article = page(site, "/articles/harbour-budget/")
    assert 'href="../../glossary/"' in article  # the menu
    assert 'href="../../glossary/quay/">quay</a>' in article  # terms in this briefing


def check_look(site: Path) -> None:
    assert (site / "public/glossary.css").is_file()
    article = page(site, "/articles/harbour-budget/")
    assert '<link rel="stylesheet" href="../../glossary.css">' in article
    assert re.search(
        r'<span class="term" id="(ann-\d+)" tabindex="0" aria-describedby="\1-def">'
        r'<dfn>quay</dfn><span class="term-def" id="\1-def" role="tooltip">A stone',
        article,
    )


def check_syntax(site: Path) -> None:
    found = dict(terms(site, "container-terminal"))
    assert found["the sea wall"]["term"] == "breakwater"
    assert found["TEU"]["expansion"] == "twenty-foot equivalent unit"
    article = page(site, "/articles/container-terminal/")
    assert '<dfn><abbr title="twenty-foot equivalent unit">TEU</abbr></dfn>' in article
    assert "[[" not in article
    assert "Not used in any briefing yet." not in page(site, "/glossary/")


def check_package(site: Path) -> None:
    check_syntax(site)
    assert (site / "public/static/glossary.css").is_file()
    assert 'href="../../static/glossary.css"' in page(site, "/articles/harbour-budget/")
    assert not (site / "plugins/glossary.py").exists()


CHECKS: dict[str, Callable[[Path], None]] = {
    "first-plugin": check_first_plugin,
    "settings": check_settings,
    "pages": check_pages,
    "look": check_look,
    "syntax": check_syntax,
    "package": check_package,
}


# ---------------------------------------------------------------- tests


def guide_steps() -> tuple[list[Step], list[Step]]:
    """The steps before ``<!-- slow -->``, and those after."""
    steps = parse_guide(GUIDE.read_text("utf-8"))
    [slow] = [i for i, s in enumerate(steps) if s.kind == "slow"]
    return steps[:slow], steps[slow + 1 :]


def test_every_example_is_marked_and_every_check_exists() -> None:
    fast, slow = guide_steps()
    named = [s.target for s in fast + slow if s.kind == "check"]
    assert sorted(named) == sorted(CHECKS)
    assert sum(s.kind == "console" for s in fast) >= 10


def test_an_unmarked_example_fails_the_guide() -> None:
    with pytest.raises(AssertionError, match="no marker"):
        parse_guide("Some text.\n\n```python\nprint('never run')\n```\n")


def test_merge_replaces_functions_and_sorts_imports() -> None:
    existing = (
        '"""Doc."""\n\nimport re\n\nimport briefgen\n\n\ndef a():\n    return 1\n\n\n'
        "# About b.\n@briefgen.hookimpl\ndef b():\n    return 2\n"
    )
    update = "from pathlib import Path\n\n\ndef b():\n    return 3\n\n\nC = Path('.')\n"
    merged = merge_python(existing, update)
    assert merged.startswith(
        '"""Doc."""\n\nimport re\nfrom pathlib import Path\n\nimport briefgen\n'
    )
    assert "return 2" not in merged and "# About b." not in merged
    assert merged.index("def a") < merged.index("def b") < merged.index("C = Path")


@pytest.fixture(scope="module")
def followed(tmp_path_factory: pytest.TempPathFactory) -> Walkthrough:
    """The guide followed up to its slow part, checks included, once for
    the tests below."""
    fast, _ = guide_steps()
    walk = Walkthrough(tmp_path_factory.mktemp("guide"), checks=CHECKS)
    with pytest.MonkeyPatch.context() as env:
        env.delenv("BRIEFGEN_PLUGINS", raising=False)
        walk.run_steps(fast)
    return walk


def test_the_guide_works_as_written(followed: Walkthrough) -> None:
    """From `briefgen init` to the glossary plugin with its pages, syntax,
    tests and error messages, as the guide describes them."""
    assert followed.cwd.name == "harbour"
    assert not (followed.cwd / "plugins/draft.py").exists()


def test_the_example_site_is_the_plugin_the_guide_builds(followed: Walkthrough) -> None:
    """examples/glossary holds exactly the plugin, templates, styles and tests
    that following the guide gives."""
    site = followed.cwd
    compared = []
    for folder in ("plugins", "templates", "static", "tests"):
        for path in sorted((site / folder).rglob("*")):
            if path.is_file() and path.name != "README.md" and "__pycache__" not in path.parts:
                rel = path.relative_to(site).as_posix()
                mine = EXAMPLE / rel
                assert mine.is_file(), f"examples/glossary/{rel} is missing"
                assert mine.read_text("utf-8") == path.read_text("utf-8"), f"{rel} differs"
                compared.append(rel)
    assert {"plugins/glossary.py", "templates/annotations/term.html"} <= set(compared)
    assert len(compared) == 9, compared


def make_venv(folder: Path, *, briefgen_script: bool = True) -> Path:
    """A fresh virtual environment that sees the test environment's packages
    (no network in tests) but installs into its own site-packages; with
    ``briefgen_script``, a ``briefgen`` script in its bin/ runs the CLI."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    own = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    import sysconfig

    deps = sysconfig.get_paths()["purelib"]
    # addsitedir (not a bare path) so the test environment's own .pth files,
    # such as an editable install of briefgen, work too.
    (Path(own) / "test_environment.pth").write_text(f"import site; site.addsitedir({deps!r})\n")
    if not briefgen_script:
        return folder
    script = folder / "bin" / "briefgen"
    script.write_text(f"#!{python}\nimport sys\nfrom briefgen.cli import main\nsys.exit(main())\n")
    script.chmod(0o755)
    return folder


@pytest.mark.slow
def test_the_package_section_installs_into_a_fresh_environment(tmp_path: Path) -> None:
    fast, slow = guide_steps()
    venv = make_venv(tmp_path / "venv")
    work = tmp_path / "work"
    work.mkdir()
    walk = Walkthrough(work, venv=venv, checks=CHECKS)
    walk.run_steps(fast + slow)
    assert walk.cwd == work / "briefgen-glossary"
