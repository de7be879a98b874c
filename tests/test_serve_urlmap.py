"""Mapping request paths to files of the built site (no server needed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.serve.urlmap import BadRequest, content_type, locate, parse_target


@pytest.fixture
def built(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "articles" / "grid-talks").mkdir(parents=True)
    (root / "articles" / "grid-talks" / "index.html").write_text("<p>grid</p>")
    (root / "index.html").write_text("<p>home</p>")
    (root / "404.html").write_text("<p>lost</p>")
    (root / "feed.xml").write_text("<feed/>")
    (root / ".briefgen-output").write_text("marker")
    (tmp_path / "secret.txt").write_text("do not serve")
    return root


def find(root: Path, raw: str, base: str = "/"):
    return locate(root, parse_target(raw), base)


def test_pretty_urls_serve_index_html(built: Path) -> None:
    found = find(built, "/articles/grid-talks/")
    assert found.status == 200
    assert found.file == (built / "articles" / "grid-talks" / "index.html").resolve()
    assert find(built, "/").file == (built / "index.html").resolve()


def test_folder_without_slash_redirects_keeping_the_query(built: Path) -> None:
    found = find(built, "/articles/grid-talks?x=1")
    assert (found.status, found.location) == (301, "/articles/grid-talks/?x=1")


def test_redirect_cannot_point_to_another_host(built: Path) -> None:
    (built / "evil.example").mkdir()
    found = find(built, "//evil.example")
    assert found.status == 301
    assert found.location == "/evil.example/"  # a path, never //host


def test_missing_files_get_the_404_page(built: Path) -> None:
    found = find(built, "/articles/nothing-here/")
    assert found.status == 404
    assert found.file == (built / "404.html").resolve()
    assert find(built, "/feed.xml/").status == 404
    assert find(built, "/.briefgen-output").status == 404


def test_base_path_prefix_is_accepted(built: Path) -> None:
    assert find(built, "/briefings/articles/grid-talks/", "/briefings/").status == 200
    assert find(built, "/articles/grid-talks/", "/briefings/").status == 200
    assert find(built, "/briefings", "/briefings/").location == "/briefings/"


@pytest.mark.parametrize(
    "raw",
    [
        "/../secret.txt",
        "/articles/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/articles/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "/./index.html",
        "/index.html%00.txt",
        "/%c0%ae%c0%ae/secret.txt",  # overlong UTF-8 for '.'
        "/C:/Windows/win.ini",
        "secret.txt",
        "*",
    ],
)
def test_escapes_are_refused(raw: str) -> None:
    with pytest.raises(BadRequest):
        parse_target(raw)


def test_absolute_paths_stay_inside(built: Path) -> None:
    # '//etc/passwd' is the site path /etc/passwd, not the system's file.
    assert find(built, "//etc/passwd").status == 404
    # The absolute form of a request target is checked the same way.
    assert find(built, "http://localhost/feed.xml").status == 200
    for raw in ("http://localhost/../secret.txt", "http://localhost/%2e%2e/secret.txt"):
        with pytest.raises(BadRequest):
            parse_target(raw)


def test_symlink_out_of_the_folder_is_refused(built: Path, tmp_path: Path) -> None:
    os.symlink(tmp_path / "secret.txt", built / "leak.txt")
    os.symlink(tmp_path, built / "up")
    assert find(built, "/leak.txt").status == 403
    assert find(built, "/up/secret.txt").status == 403
    os.symlink(built / "feed.xml", built / "inside.xml")
    assert find(built, "/inside.xml").status == 200


def test_double_encoding_is_decoded_once(built: Path) -> None:
    target = parse_target("/%252e%252e/secret.txt")
    assert target.segments == ("%2e%2e", "secret.txt")
    assert locate(built, target).status == 404


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("index.html", "text/html; charset=utf-8"),
        ("site.css", "text/css; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("annotations.json", "application/json"),
        ("feed.xml", "application/xml"),
        ("map.svg", "image/svg+xml"),
        ("body.woff2", "font/woff2"),
        ("photo.JPG", "image/jpeg"),
        ("blob.unknownext", "application/octet-stream"),
    ],
)
def test_content_types(name: str, expected: str) -> None:
    assert content_type(name) == expected
