"""``briefgen init``: a new site that builds as it is."""

from __future__ import annotations

from pathlib import Path

from .errors import BriefgenError

_SITE = """\
# Settings of this briefing site. Every key is optional except title;
# see the README's site.yml reference for all of them and their defaults.
title: {title}
description: Briefings with context on the spot.
base_url: /
language: en
theme: briefing
"""

_ARTICLE = """\
---
title: The harbour authority's budget, explained
date: {date}
summary: What the new port budget pays for, and what the mayor said about it.
authors: [Briefing desk]
tags: [city, budget]
---

The harbour authority published its budget for next year on Monday. The
largest item is the repair of the north quay, which the authority puts at
12 million euros.

“The quay is older than any of us, and it shows,” said Mayor Ana Ferreira.
She added that the work would start in spring.

## What changes

- Ferry timetables stay the same during the works.
- Two of the five cranes move to the south quay.
"""

_ENTITY = """\
---
name: Ana Ferreira
kind: person
aliases: []
role: Mayor of the harbour city
---

Ana Ferreira has been mayor since her election three years ago.
"""

_FACTCHECK = """\
---
claim: Repairing the north quay will cost 12 million euros.
claimant: Harbour authority
verdict: mostly-true
match: ["12 million euros"]
date: {date}
sources:
  - title: Harbour authority budget, chapter 3
    url: https://example.org/harbour-budget
---

The budget sets aside 12 million euros for the quay itself; engineering
studies add another 1.5 million, which the authority books elsewhere.
"""


def init_site(directory: Path, *, title: str = "My briefings") -> Path:
    """Create a site in ``directory`` (missing or empty) and return its path."""
    import datetime as dt

    directory = directory.resolve()
    if directory.exists() and any(directory.iterdir()):
        raise BriefgenError(
            f"{directory} is not empty",
            hint="give a new folder name; briefgen init never overwrites files",
        )
    today = dt.date.today().isoformat()
    files = {
        "site.yml": _SITE.format(title=_yaml_str(title)),
        "content/articles/harbour-budget.md": _ARTICLE.format(date=today),
        "content/entities/ana-ferreira.md": _ENTITY,
        "content/factchecks/north-quay-cost.md": _FACTCHECK.format(date=today),
        "templates/README.md": "Templates here override the theme's, file by file.\n",
        "plugins/README.md": "Each .py file here is a local plugin; see docs/plugins.md.\n",
        ".gitignore": "public/\n.briefgen-cache/\n",
    }
    for rel, text in files.items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # Files in static/ are published as they are, at the site's root.
    (directory / "static").mkdir(exist_ok=True)
    return directory


def _yaml_str(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)
