"""The ``/quotes/`` page: every quotation of the site, grouped by speaker."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefgen import Page

if TYPE_CHECKING:  # pragma: no cover
    from briefgen import Hit, Site

KIND = "quote"
URL = "/quotes/"
TEMPLATE = "quotes.html"


@dataclass
class SpeakerGroup:
    """One speaker and what they said, newest first."""

    name: str
    entity: str | None
    role: str | None
    anchor: str
    hits: list[Hit] = field(default_factory=list)

    @property
    def url(self) -> str | None:
        """The speaker's entity page, when the speaker is a known entity."""
        return f"/entities/{self.entity}/" if self.entity else None

    @property
    def count(self) -> int:
        return len(self.hits)


def slug(name: str) -> str:
    """An ASCII anchor for a speaker's name."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "speaker"


def group_by_speaker(hits: list[Hit]) -> list[SpeakerGroup]:
    """Group quotation hits by speaker (entity id, else name as written).

    Speakers are sorted by how many quotations they have, then by name;
    quotations without a speaker come last. Each group keeps the index order,
    which is newest article first, then position in the article.
    """
    groups: dict[str, SpeakerGroup] = {}
    for hit in hits:
        data = hit.annotation.data
        name = data.get("speaker") or ""
        entity = data.get("speaker_id")
        key = f"entity:{entity}" if entity else f"name:{name.lower()}"
        group = groups.get(key)
        if group is None:
            group = SpeakerGroup(name or "Unattributed", entity, data.get("role"), "")
            groups[key] = group
        elif not group.role and data.get("role"):
            group.role = data.get("role")
        group.hits.append(hit)
    ordered = sorted(
        groups.values(),
        key=lambda g: (g.name == "Unattributed" and not g.entity, -g.count, g.name.lower()),
    )
    used: set[str] = set()
    for group in ordered:
        anchor = "speaker-" + slug(group.name)
        n = 2
        while anchor in used:
            anchor = f"speaker-{slug(group.name)}-{n}"
            n += 1
        used.add(anchor)
        group.anchor = anchor
    return ordered


def quotes_page(site: Site) -> Page:
    """The page listing every quotation, grouped by speaker."""
    hits = site.index.by_kind(KIND) if site.index else []
    groups = group_by_speaker(hits)
    return Page(
        URL,
        TEMPLATE,
        {"groups": groups, "total": len(hits)},
        title="Quotes",
        kind="quotes",
    )
