"""`briefgen new plugin NAME [--package]`: a plugin that works as it is written."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import ruff_executable
from test_plugin_guide import make_venv

from briefgen.testing import build_site, write_files

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "briefgen" / "newplugin_templates"

ARTICLE = """\
---
title: Quay repairs
date: 2025-03-18
---
Repairs to [the north quay]{note="work starts in spring"} top the budget the
harbour authority published on Monday.
"""


def site(root: Path, **files: str) -> Path:
    return write_files(root, {"content/articles/repairs.md": ARTICLE, **files})


def lint(folder: Path) -> None:
    """Generated code passes ruff with its default settings, as its owner's
    project would run it."""
    ruff = ruff_executable()
    for command in (["check", "--select", "E,F,W,I,B,UP,SIM"], ["format", "--check"]):
        result = subprocess.run(
            [ruff, *command, "--isolated", "--no-cache", "."],
            cwd=folder,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_a_local_plugin_is_written_and_annotates_as_it_is(tmp_path: Path, run_cli) -> None:
    site(tmp_path)
    code, out, err = run_cli("new", "plugin", "note", "--dir", tmp_path)
    assert code == 0, err
    assert f"created {tmp_path / 'plugins/note.py'}\n" in out
    assert (tmp_path / "plugins/note.py").is_file()
    assert (tmp_path / "templates/annotations/note.html").is_file()
    built = build_site(tmp_path)
    article = built.article("repairs")
    [note] = article.of_kind("note")
    assert article.exact(note) == "the north quay"
    assert (
        f'<mark class="note" id="{note.id}" title="work starts in spring">the north quay</mark>'
        in article.body_html
    )
    code, out, _ = run_cli("plugins", "--source", tmp_path)
    assert re.search(
        r"^note local \[local plugins/note.py\]\n    hooks: .*briefgen_annotate", out, re.M
    )
    lint(tmp_path / "plugins")


def test_the_local_plugin_marks_phrases_listed_in_site_yml(tmp_path: Path, run_cli) -> None:
    site(
        tmp_path, **{"site.yml": "title: T\nplugins:\n  note:\n    phrases: [harbour authority]\n"}
    )
    assert run_cli("new", "plugin", "note", "--dir", tmp_path)[0] == 0
    article = build_site(tmp_path).article("repairs")
    assert [article.exact(a) for a in article.of_kind("note")] == [
        "the north quay",
        "harbour authority",
    ]


def test_the_command_works_in_the_current_folder(chdir: Path, run_cli) -> None:
    site(chdir)
    code, out, _ = run_cli("new", "plugin", "note")
    assert code == 0
    assert out.splitlines()[:2] == [
        "created plugins/note.py",
        "created templates/annotations/note.html",
    ]
    assert "next:" in out


def test_nothing_is_ever_overwritten(tmp_path: Path, run_cli) -> None:
    site(tmp_path, **{"plugins/note.py": "# mine\n"})
    code, _, err = run_cli("new", "plugin", "note", "--dir", tmp_path)
    assert code == 1
    assert "plugins/note.py already exists" in err and "never overwrites" in err
    assert (tmp_path / "plugins/note.py").read_text() == "# mine\n"
    assert not (tmp_path / "templates/annotations/note.html").exists()
    (tmp_path / "briefgen-note").mkdir()
    code, _, err = run_cli("new", "plugin", "note", "--package", "--dir", tmp_path)
    assert code == 1 and "briefgen-note already exists" in err
    assert list((tmp_path / "briefgen-note").iterdir()) == []


@pytest.mark.parametrize("name", ["Note", "2notes", "key-dates", "_private", "x" * 33])
def test_a_name_that_cannot_be_a_module_and_a_kind_is_refused(
    tmp_path: Path, run_cli, name: str
) -> None:
    site(tmp_path)
    code, _, err = run_cli("new", "plugin", name, "--dir", tmp_path)
    assert code == 1
    assert f"'{name}' cannot name a plugin" in err and "hint:" in err
    assert not (tmp_path / "plugins").exists()


def test_a_local_plugin_needs_a_site(tmp_path: Path, run_cli) -> None:
    code, _, err = run_cli("new", "plugin", "note", "--dir", tmp_path)
    assert code == 1
    assert "no site.yml" in err and "--package" in err


def test_a_local_plugin_may_not_take_an_installed_plugins_name(tmp_path: Path, run_cli) -> None:
    site(tmp_path)
    code, _, err = run_cli("new", "plugin", "entities", "--dir", tmp_path)
    assert code == 1
    assert "already called 'entities'" in err


def test_a_package_has_its_entry_point_module_templates_tests_and_readme(
    tmp_path: Path, run_cli
) -> None:
    code, out, err = run_cli("new", "plugin", "key_dates", "--package", "--dir", tmp_path)
    assert code == 0, err
    root = tmp_path / "briefgen-key-dates"
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files == [
        ".gitignore",
        "README.md",
        "pyproject.toml",
        "src/briefgen_key_dates/__init__.py",
        "src/briefgen_key_dates/templates/annotations/key_dates.html",
        "tests/test_key_dates.py",
    ]
    assert "pip install -e" in out
    project = tomllib.loads((root / "pyproject.toml").read_text())
    assert project["project"]["name"] == "briefgen-key-dates"
    assert project["project"]["entry-points"]["briefgen"] == {"key_dates": "briefgen_key_dates"}
    wheel = project["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["src/briefgen_key_dates"]
    module = (root / "src/briefgen_key_dates/__init__.py").read_text()
    assert "def briefgen_template_dirs" in module
    assert 'NAME = "key_dates"' in module
    assert "$" not in module + (root / "README.md").read_text()
    lint(root)


def test_every_template_is_used() -> None:
    from briefgen import newplugin

    source = Path(newplugin.__file__).read_text()
    for path in TEMPLATES.rglob("*.tmpl"):
        assert f'"{path.relative_to(TEMPLATES).as_posix()}"' in source, path


@pytest.mark.slow
def test_a_package_made_by_an_installed_briefgen_installs_and_passes_its_tests(
    tmp_path: Path,
) -> None:
    """From briefgen's wheel (so the templates must ship in it) to a package
    plugin installed in a fresh environment, listed, building and tested."""
    wheels = tmp_path / "wheels"
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*pip_wheel, "-q", "-w", str(wheels), str(ROOT)], check=True, capture_output=True
    )
    [wheel] = wheels.glob("briefgen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in TEMPLATES.rglob("*.tmpl"):
        assert f"briefgen/{template.relative_to(ROOT / 'briefgen').as_posix()}" in names
    venv = make_venv(tmp_path / "venv", briefgen_script=False)
    python = str(venv / "bin" / "python")
    briefgen = str(venv / "bin" / "briefgen")

    def run(*args: str, cwd: Path) -> str:
        result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    pip = [python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
    run(*pip, "--force-reinstall", str(wheel), cwd=tmp_path)
    where = run(python, "-c", "import briefgen; print(briefgen.__file__)", cwd=tmp_path)
    assert str(venv) in where, "briefgen should come from the wheel"
    run(briefgen, "new", "plugin", "note", "--package", cwd=tmp_path)
    run(*pip, "./briefgen-note", cwd=tmp_path)

    site(tmp_path / "site")
    listed = run(briefgen, "plugins", cwd=tmp_path / "site")
    assert re.search(
        r"^note 0\.1\.0 \[package briefgen-note\]\n    hooks: briefgen_annotate, "
        r"briefgen_annotation_kinds, briefgen_settings, briefgen_template_dirs$",
        listed,
        re.M,
    ), listed
    run(briefgen, "build", cwd=tmp_path / "site")
    page = (tmp_path / "site/public/articles/repairs/index.html").read_text()
    assert re.search(
        r'<mark class="note" id="ann-\d+" title="work starts in spring">the north quay</mark>', page
    )
    tested = run(
        python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=tmp_path / "briefgen-note"
    )
    assert re.search(r"\b4 passed\b", tested), tested
