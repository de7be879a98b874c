"""Promises the repository makes about itself: quick start, docs, style, packaging."""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ruff_executable

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quick)


def test_quick_start_is_two_commands_and_ci_runs_them() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    ci = (ROOT / ".ci/run").read_text()
    for command in commands:
        assert command in ci.splitlines(), f"{command!r} is not in .ci/run"


def test_site_yml_reference_covers_every_setting() -> None:
    from briefgen.config import DEFAULTS

    readme = (ROOT / "README.md").read_text()
    for key in DEFAULTS:
        assert f"| `{key}` |" in readme, f"site.yml key {key} is not in the README"


def test_ruff_is_clean() -> None:
    ruff = ruff_executable()
    folders = ("briefgen", "plugins", "tests", "benchmarks", "examples")
    result = subprocess.run(
        [ruff, "check", *(f for f in folders if (ROOT / f).exists())],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_environment_and_builds(tmp_path: Path) -> None:
    """`pip install .` (not editable) gives a briefgen with the bundled
    plugins and theme, working from outside the repository."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("briefgen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for expected in (
        "briefgen/themes/briefing/theme.yml",
        "briefgen/themes/briefing/templates/base.html",
        "briefgen_entities/__init__.py",
        "briefgen_quotes/__init__.py",
        "briefgen_factchecks/__init__.py",
    ):
        assert expected in names
    env_dir = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # Dependencies come from the test environment (no network in tests), but
    # briefgen itself, its plugins and its theme only from the wheel.
    deps = sysconfig.get_paths()["purelib"]
    own = subprocess.run(
        [python, "-c", "import sysconfig;print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(own) / "test_deps.pth").write_text(deps + "\n")
    site = tmp_path / "site"
    briefgen = env_dir / "bin" / "briefgen"
    subprocess.run([briefgen, "init", str(site)], check=True, cwd=tmp_path, capture_output=True)
    result = subprocess.run([briefgen, "build"], cwd=site, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    where = subprocess.run(
        [python, "-c", "import briefgen;print(briefgen.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout
    assert str(ROOT) not in where
    plugins = subprocess.run([briefgen, "plugins"], cwd=site, capture_output=True, text=True)
    for name in ("entities", "factchecks", "quotes"):
        assert re.search(rf"^{name} .*\[bundled\]", plugins.stdout, re.M), plugins.stdout
    assert (site / "public/articles/harbour-budget/index.html").is_file()
    assert (site / "public/static/briefing.css").is_file()
