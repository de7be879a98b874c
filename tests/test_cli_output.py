"""What `briefgen build` prints: a progress counter on terminals, a summary."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import article

from briefgen.progress import Progress
from briefgen.testing import write_files


@pytest.fixture(autouse=True)
def _engine_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "")


def test_summary_then_nothing_changed(tmp_path: Path, run_cli) -> None:
    write_files(tmp_path, {"content/articles/a.md": article("A")})
    code, out, _ = run_cli("build", "-s", tmp_path)
    assert code == 0
    assert "built 1 article(s)" in out and "annotations: none" in out
    assert "page(s) rendered" in out
    code, out, _ = run_cli("build", "-s", tmp_path)
    assert code == 0 and out.startswith("nothing changed since the last build")
    code, out, err = run_cli("build", "-s", tmp_path, "--quiet", "--no-cache", "-j", "1")
    assert code == 0 and out == "" and err == ""


def test_progress_draws_in_place_on_a_terminal(monkeypatch) -> None:
    stream = io.StringIO()
    progress = Progress(stream, enabled=True)
    monkeypatch.setattr("briefgen.progress.DELAY", 0)
    for done in range(1, 101):
        progress("articles", done, 100)
    text = stream.getvalue()
    assert text.startswith("\r") and "100/100" in text and "\n" not in text
    progress.clear()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_progress_is_silent_off_a_terminal() -> None:
    stream = io.StringIO()  # not a tty
    progress = Progress(stream)
    progress("articles", 1, 2)
    progress.clear()
    assert stream.getvalue() == ""


def test_nothing_changed_answers_without_loading_the_build_machinery(tmp_path: Path) -> None:
    # A fresh interpreter, as the command runs: the check that nothing changed
    # must not import the Markdown parser, Jinja or the plugins.
    write_files(tmp_path, {"content/articles/a.md": article("A")})
    script = (
        "import sys\n"
        "from briefgen.cli import main\n"
        f"assert main(['build', '-q', '-s', {str(tmp_path)!r}]) == 0\n"
        "heavy = ['jinja2', 'markdown_it', 'pluggy', 'briefgen.build']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "jinja2" in first.stdout  # the first run builds
    again = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "[]"


def test_the_command_ends_with_its_output_complete_and_its_exit_code(tmp_path: Path) -> None:
    # `python -m briefgen` runs what the console script runs, which ends the
    # process without tearing the interpreter down: what was printed to a
    # pipe must still arrive, and errors must still exit non-zero.
    write_files(tmp_path, {"content/articles/a.md": article("A")})
    command = [sys.executable, "-m", "briefgen", "build", "-s", str(tmp_path), "-j", "1"]
    # Buffered, as output to a pipe is by default: what is not flushed is lost.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("built 1 article(s)") and done.stdout.endswith("removed\n")
    (tmp_path / "content/articles/a.md").write_text("---\ntitle: [unclosed\n---\n")
    failed = subprocess.run(command, capture_output=True, text=True, env=env)
    assert failed.returncode == 1
    assert failed.stderr.startswith("error: ") and "a.md" in failed.stderr
    assert (tmp_path / "public/articles/a/index.html").exists()  # the output is kept
