"""Shared fixtures: every test works in its own temporary folder."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ARTICLE = """\
---
title: {title}
date: {date}
summary: A short summary.
tags: [alpha, Beta Gamma]
---

First paragraph of {title}.
"""


#: The start of a test plugin that claims content/words/ and annotates
#: "word"s (the tests of the cache add what they need to it).
WORDS_PLUGIN = """
import re
from briefgen import Annotation, hookimpl

@hookimpl
def briefgen_collections():
    return ["words"]

@hookimpl
def briefgen_annotation_kinds():
    return {"word": "a listed word"}
"""


@pytest.fixture(autouse=True)
def _hermetic_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFGEN_PLUGINS", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):
    """Run the briefgen CLI in-process; return (exit code, stdout, stderr)."""
    from briefgen.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def article(title: str = "Hello", date: str = "2025-03-18", **extra: str) -> str:
    text = ARTICLE.format(title=title, date=date)
    if extra:
        fm = "".join(f"{k}: {v}\n" for k, v in extra.items())
        text = text.replace("---\n\n", fm + "---\n\n", 1)
    return text


def ruff_executable() -> str:
    """ruff, a test dependency (pip install -e ".[test]"): its absence fails."""
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    assert Path(ruff).exists(), "ruff is not installed: pip install -e '.[test]'"
    return ruff


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root (relative POSIX path -> bytes)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def chdir(tmp_path: Path):
    old = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def clean_tree(root: Path, tmp: Path) -> dict[str, bytes]:
    """The output of the site in ``root`` built from scratch, without any
    cache, in one process (in a copy under ``tmp``)."""
    from briefgen.build import build

    copy = tmp / "clean"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("public", ".*"))
    build(copy, use_cache=False, jobs=1)
    return tree(copy / "public")


def without_records(monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """Make the cache's records of ``kind`` missing (lost or damaged)."""
    from briefgen.cache import Cache

    real = Cache.read
    monkeypatch.setattr(
        Cache, "read", lambda self, k, key: None if k == kind else real(self, k, key)
    )


def recorded(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, note: Callable[..., Any]
) -> list[Any]:
    """Wrap ``owner.name`` so that each call also appends ``note(*args)`` to
    the list returned (which calls a build made, and with what)."""
    notes: list[Any] = []
    real = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        notes.append(note(*args, **kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return notes


def same_as_clean(root: Path, tmp: Path) -> bool:
    """Is the published output of the site in ``root`` what a clean build makes?"""
    return tree(root / "public") == clean_tree(root, tmp)
