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
    What annotations share is written once: the body of every mention that
    shares one ``data`` object (as an entity's mentions do), the data of
    equal dicts of strings, the list of each set of refs.
    """
    page = site.absolute_url(article.url)
    source = _string(page)
    text = article.text
    items = []
    # Annotation data is read-only once returned, and every annotation (so
    # every data object) lives while this runs: an id stands for one object.
    bodies: dict[tuple[str, tuple[str, ...], int], str] = {}
    values: dict[tuple, str] = {}
    ref_lists: dict[tuple[str, ...], str] = {}
    generators: dict[str, str] = {}
    for ann in article.annotations:
        kind, refs, data = ann.kind, ann.refs, ann.data
        body = bodies.get((kind, refs, id(data)))
        if body is None:
            listed = ref_lists.get(refs)
            if listed is None:
                listed = ",".join(_string(site.absolute_url(_ref_url(r))) for r in refs)
                ref_lists[refs] = listed
            body = bodies[kind, refs, id(data)] = (
                f'{{"kind":{_string(kind)},"purpose":{_motivation(kind)},"refs":[{listed}],'
                f'"type":"Dataset","value":{_value(data, values)}}}'
            )
        generator = generators.get(ann.plugin)
        if generator is None:
            generator = generators[ann.plugin] = _string(f"briefgen plugin {ann.plugin}")
        start, end = ann.start, ann.end
        items.append(
            f'{{"body":{body},"generator":{generator},'
            f'"id":{_string(f"{page}#{ann.id}")},"motivation":{_motivation(kind)},'
            f'"target":{{"selector":[{{"exact":{_string(text[start:end])},'
            f'"prefix":{_string(text[max(0, start - AFFIX) : start])},'
            f'"suffix":{_string(text[end : end + AFFIX])},"type":"TextQuoteSelector"}},'
            f'{{"end":{end},"start":{start},"type":"TextPositionSelector"}}],'
            f'"source":{source}}},"type":"Annotation"}}'
        )
    first = f'{{"items":[{",".join(items)}],"type":"AnnotationPage"}}' if items else "null"
    collection = (
        f'{{"@context":{_string(CONTEXT)},"first":{first},'
        f'"id":{_string(f"{page}annotations.json")},"label":{_string(article.title)},'
        f'"total":{len(items)},"type":"AnnotationCollection"}}'
    )
    return (collection + "\n").encode()


def _motivation(kind: str) -> str:
    """The JSON string of the W3C motivation of ``kind``."""
    return _MOTIVATION_JSON.get(kind, _TAGGING)


def _ref_url(ref: str) -> str:
    """A ref such as ``entities/kyiv`` is also the path of that thing's page."""
    return "/" + ref.strip("/") + "/"


#: A JSON string literal (the C encoder's, without escaping non-ASCII).
_string = json.encoder.encode_basestring  # type: ignore[attr-defined]
_MOTIVATION_JSON = {kind: _string(m) for kind, m in MOTIVATIONS.items()}
_TAGGING = _string("tagging")
#: ``json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))``,
#: without making an encoder for every value.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


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
    encoded = _ENCODER.encode(data)
    if key is not None:
        known[key] = encoded
    return encoded
