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


def article_annotations(site: Site, article: Article) -> bytes:
    """The article's annotations.json: compact JSON with sorted keys.

    Written out piece by piece (only each annotation's ``data``, which can
    hold anything, goes through the encoder with key sorting): a page of
    a hundred annotations is several times faster to make this way than as
    nested dicts dumped with ``sort_keys``, and the bytes are the same.
    """
    page = site.absolute_url(article.url)
    source = _string(page)
    text = article.text
    items = []
    # An entity named five times has five equal data dicts and refs:
    # each distinct one is encoded once.
    values: dict[tuple, str] = {}
    ref_lists: dict[tuple[str, ...], str] = {}
    for ann in article.annotations:
        motivation = _string(MOTIVATIONS.get(ann.kind, "tagging"))
        refs = ref_lists.get(ann.refs)
        if refs is None:
            refs = ",".join(_string(site.absolute_url(_ref_url(r))) for r in ann.refs)
            ref_lists[ann.refs] = refs
        start, end = ann.start, ann.end
        body = (
            f'{{"kind":{_string(ann.kind)},"purpose":{motivation},"refs":[{refs}],'
            f'"type":"Dataset","value":{_value(ann.data, values)}}}'
        )
        quote = (
            f'{{"exact":{_string(text[start:end])},'
            f'"prefix":{_string(text[max(0, start - AFFIX) : start])},'
            f'"suffix":{_string(text[end : end + AFFIX])},"type":"TextQuoteSelector"}}'
        )
        position = f'{{"end":{end},"start":{start},"type":"TextPositionSelector"}}'
        items.append(
            f'{{"body":{body},"generator":{_string(f"briefgen plugin {ann.plugin}")},'
            f'"id":{_string(f"{page}#{ann.id}")},"motivation":{motivation},'
            f'"target":{{"selector":[{quote},{position}],"source":{source}}},'
            f'"type":"Annotation"}}'
        )
    first = f'{{"items":[{",".join(items)}],"type":"AnnotationPage"}}' if items else "null"
    collection = (
        f'{{"@context":{_string(CONTEXT)},"first":{first},'
        f'"id":{_string(f"{page}annotations.json")},"label":{_string(article.title)},'
        f'"total":{len(items)},"type":"AnnotationCollection"}}'
    )
    return (collection + "\n").encode()


def _ref_url(ref: str) -> str:
    """A ref such as ``entities/kyiv`` is also the path of that thing's page."""
    return "/" + ref.strip("/") + "/"


#: A JSON string literal (the C encoder's, without escaping non-ASCII).
_string = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _value(data: Any, known: dict[tuple, str]) -> str:
    """``data`` as compact JSON with sorted keys; dicts of plain strings are
    looked up in (and added to) ``known`` first. Only strings: with other
    values, equal keys could stand for different JSON (``True == 1``)."""
    key = None
    if type(data) is dict and all(type(v) is str for v in data.values()):
        key = tuple(data.items())
        found = known.get(key)
        if found is not None:
            return found
    encoded = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if key is not None:
        known[key] = encoded
    return encoded
