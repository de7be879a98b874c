"""Links between pages are relative, so a site works under any sub-path."""

from __future__ import annotations

import pytest

from briefgen.pages import relative_url, url_maker

PAGES = ["/", "/a/", "/a/b/", "/a/b/c/", "/feed.xml", "/a/index.html", "/tags/x/page/2/", "/ab/"]
TARGETS = [
    "/",
    "/a",
    "/a/",
    "/a/b/",
    "/ab/",
    "/a/b/c/#x",
    "/x/y/",
    "/tags/",
    "/static/s.css",
    "/a/?q=1",
    "//cdn.example/x",
    "https://example.org/",
    "#fragment",
    "mailto:desk@example.org",
]


@pytest.mark.parametrize(
    ("page", "target", "expected"),
    [
        ("/a/b/", "/", "../../"),
        ("/a/b/", "/a/", "../"),
        ("/a/b/", "/a/b/", "./"),
        ("/a/b/", "/a/c/#x", "../c/#x"),
        ("/a/b/", "/tags/x/", "../../tags/x/"),
        ("/", "/tags/", "tags/"),
        ("/feed.xml", "/a/", "a/"),
        (None, "/a/", "/base/a/"),
        ("/a/", "https://example.org/", "https://example.org/"),
    ],
)
def test_relative_links(page: str | None, target: str, expected: str) -> None:
    assert relative_url(page, target, "/base/") == expected
    assert url_maker(page, "/base/")(target) == expected


@pytest.mark.parametrize("page", [*PAGES, None])
def test_a_pages_url_function_agrees_with_relative_url(page: str | None) -> None:
    url = url_maker(page, "/base/")
    assert [url(t) for t in TARGETS] == [relative_url(page, t, "/base/") for t in TARGETS]
