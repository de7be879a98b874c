"""Export of an article's annotations in the W3C Web Annotation model.

Each article page gets ``annotations.json`` beside it: an
``AnnotationCollection`` whose items target the page with a
``TextQuoteSelector`` (exact text plus up to 32 characters of context either
side) and a ``TextPositionSelector`` (offsets into the article's plain text),
and whose body carries the kind and the plugin's data.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .content import Article
    from .site import Site

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AFFIX = 32
#: The W3C motivation that best fits each common kind; others use "tagging".
MOTIVATIONS = {
    "entity": "identifying",
    "quote": "highlighting",
    "claim": "assessing",
}


def article_annotations(site: Site, article: Article) -> dict[str, Any]:
    page = site.absolute_url(article.url)
    text = article.text
    items = []
    for ann in article.annotations:
        items.append(
            {
                "id": f"{page}#{ann.id}",
                "type": "Annotation",
                "motivation": MOTIVATIONS.get(ann.kind, "tagging"),
                "generator": f"briefgen plugin {ann.plugin}",
                "body": {
                    "type": "Dataset",
                    "purpose": MOTIVATIONS.get(ann.kind, "tagging"),
                    "kind": ann.kind,
                    "value": ann.data,
                    "refs": [site.absolute_url(_ref_url(r)) for r in ann.refs],
                },
                "target": {
                    "source": page,
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": text[ann.start : ann.end],
                            "prefix": text[max(0, ann.start - AFFIX) : ann.start],
                            "suffix": text[ann.end : ann.end + AFFIX],
                        },
                        {"type": "TextPositionSelector", "start": ann.start, "end": ann.end},
                    ],
                },
            }
        )
    return {
        "@context": CONTEXT,
        "id": f"{page}annotations.json",
        "type": "AnnotationCollection",
        "label": article.title,
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items} if items else None,
    }


def _ref_url(ref: str) -> str:
    """A ref such as ``entities/kyiv`` is also the path of that thing's page."""
    return "/" + ref.strip("/") + "/"


def dumps(data: Any) -> bytes:
    # Compact: without indent, json uses its C encoder (about ten times faster).
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode()
