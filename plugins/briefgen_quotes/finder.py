"""Finding quotations in an article's text.

Per prose block (paragraphs, list items, block quotes; never code or
headings), in this order:

1. **Attributions after a quotation** are found first (see
   :func:`.speakers.attribution_after`): ``, said NAME`` / ``, NAME said`` /
   ``, according to X`` set off by a comma or a quotation mark.
2. **Marks** (“ ” " « » „) get a role. The glyph decides, unless the context
   says otherwise: a mark in front of an attribution closes (``…, “said
   Peskov.``), a mark right after one opens the rest (``…” said Stubb. ”More``),
   ``word“ `` closes and `` ”Word`` opens; a straight ``"`` opens after a space
   and closes before one. Doubled marks (``»»``) count once.
3. **Pairing** opens and closes. An opening mark with no closing one runs to
   the attribution that follows it or else to the end of its sentence (never
   the rest of the paragraph); if it runs to the end of the paragraph and the
   next paragraph opens with a mark, the quotation goes on there
   (multi-paragraph). A closing mark with no opening one starts at the start of
   its sentence.
4. **Reported speech** with no marks: a sentence that ends in ``, said NAME.``
   or ``, NAME said.`` (a trailing ``on Wednesday``, ``in a statement`` is
   fine) is a quotation from the start of its sentence.
5. A quotation found without its opening mark (3 and 4) reaches back over
   earlier sentences of the paragraph, and on past its attribution over later
   ones, while they speak in the first person (``we``, ``our``, ``I``): news
   prose does not, the people it quotes do. A leading "X said (that)" is cut
   off and names the speaker.
6. **Split quotations** (``“A,” she said, “B.”``) become one quotation whose
   span runs from A to B.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, pairwise
from operator import itemgetter
from typing import TYPE_CHECKING

from .lexicon import (
    AMBIGUOUS,
    BEFORE_ATTRIBUTION,
    CLOSERS,
    GROUP_WORDS,
    LABEL_CUES,
    MANNER_VERBS,
    NOUN_LIKE_VERBS,
    OBJECT_VERBS,
    OPENERS,
    QUOTE_MARKS,
    REPORTING_VERBS,
    SPEECH_VERBS,
    TITLE_SMALL_WORDS,
    TITLE_WORDS,
    TRAILING_STARTERS,
)
from .model import Attribution, Quotation, Segment, Speaker
from .phrases import could_speak, make_speaker, sentence_subject, subject_before
from .speakers import attribution_at, attribution_before
from .text import (
    CAPITAL_WORD,
    DASH,
    ArticleTokens,
    Token,
    Tokenized,
    has_first_person,
    normalize,
    sentence_span,
    strip_span,
    words,
)

if TYPE_CHECKING:  # pragma: no cover
    from briefgen import Article

#: Block kinds searched for quotations.
PROSE_KINDS = frozenset({"paragraph", "list", "blockquote"})
#: Reported speech (no marks) needs at least this many words.
MIN_REPORTED_WORDS = 4
#: A name and what stands between commas after it, or a short role and the
#: name between commas after it, up to the attribution: the subject of the
#: verb that follows ("StayCoast, the booking platform, urged the council …",
#: "His solicitor, Ian Ferris, read a statement …"), not words someone said.
_NAME = rf"(?:{CAPITAL_WORD}\s+){{0,3}}{CAPITAL_WORD}"
_NAMED_SUBJECT = re.compile(
    rf"(?:[\w'’.-]+\s+){{0,2}}{_NAME}"  # "Inverbrae councillor Derek Mowat"
    rf"(?:,\s+(?:the|a|an|his|her|their|its|our|of|from|who|whose|\d+)\b[^,.;:!?]*)+\s*,?\s*$"
    rf"|{CAPITAL_WORD}(?:\s+[\w'’.-]+){{0,5}},\s+{_NAME}\s*,?\s*$"
)
#: A quotation with no attribution needs at least this many words.
MIN_UNATTRIBUTED_WORDS = 4
_TRIM = " \t\n,;:—–-"
_MARKS = "".join(sorted(QUOTE_MARKS))
#: "HELSINKI — ", "KYIV, Ukraine (AP) — " at the start of a story.
_MARK = re.compile("[" + re.escape(_MARKS) + "]")
#: A letter or digit: a character for which ``str.isalnum()`` holds.
_ALNUM = re.compile(r"[^\W_]")
_FIRST = itemgetter(0)


@dataclass
class Block:
    """One prose block and what the scan found in it."""

    start: int
    end: int
    tokenized: Tokenized
    #: No link or code in the block: no need to ask for each word or mark.
    all_prose: bool = True
    anchors: list[Attribution] = field(default_factory=list)
    pieces: list[Quotation] = field(default_factory=list)
    #: ``(start, index in anchors)`` of every anchor, by start, and where
    #: their leads start, in order: for blocks holding many anchors.
    anchors_by_start: list[tuple[int, int]] = field(default_factory=list)
    anchor_leads: list[int] = field(default_factory=list)

    @property
    def toks(self) -> list[Token]:
        return self.tokenized.toks

    @property
    def starts(self) -> list[int]:
        """Where the block's sentences start."""
        return self.tokenized.starts

    def index_at(self, pos: int) -> int:
        """The index of the first token starting at or after ``pos``."""
        return self.tokenized.index_at(pos)

    def index_anchors(self) -> None:
        """Fill the anchor indexes (once the scan found every anchor)."""
        self.anchors_by_start = sorted((a.start, i) for i, a in enumerate(self.anchors))
        self.anchor_leads = sorted(a.lead for a in self.anchors)

    def has_lead(self, lo: int, hi: int) -> bool:
        """Does an anchor's lead start in ``[lo, hi)``?"""
        i = bisect_left(self.anchor_leads, lo)
        return i < len(self.anchor_leads) and self.anchor_leads[i] < hi


@dataclass
class _Mark:
    pos: int
    role: str  # open, close, either


def find_quotations(article: Article, tokens: ArticleTokens | None = None) -> list[Quotation]:
    """Every quotation in ``article``, attributed where the text says who
    spoke (speakers as written: pronouns and entities are resolved later).
    ``tokens`` shares the article's tokens with later steps."""
    text = article.text
    tokens = tokens or ArticleTokens(text)
    # None stands for a block that is not prose: quotations do not run across it.
    blocks = [
        _scan_block(article, b.start, b.end, tokens) if b.kind in PROSE_KINDS else None
        for b in article.blocks
    ]
    found: list[Quotation] = []
    carry: Quotation | None = None
    carry_to_end = (0, 0)
    for i, block in enumerate(blocks):
        if block is None:
            continue
        pieces = list(block.pieces)
        previous = blocks[i - 1] if i else None
        for j, piece in enumerate(pieces):
            _attribute_before(text, block, piece, pieces[j - 1] if j else None)
            opens_block = j == 0 and piece.start <= block.start + 1
            if piece.attribution is None and opens_block and previous is not None:
                _attribute_colon(text, previous, piece)
        for piece, then in pairwise(pieces):
            _attribute_by_next_verb(text, piece, then)
        if carry is not None:
            if pieces and _continues_into(text, block, carry, pieces[0]):
                carry.parts[-1] = carry_to_end
                _join(carry, pieces.pop(0))
                pieces.insert(0, carry)
            else:
                found.append(carry)
            carry = None
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if pieces and pieces[-1].continues and following is not None and _opens(text, following):
            carry = pieces.pop()
            carry_to_end = _strip(text, carry.parts[-1][0], block.end)
        found.extend(pieces)
    if carry is not None:
        found.append(carry)
    found.sort(key=lambda q: q.start)
    return [q for q in found if _is_quotation(text, q)]


def _continues_into(text: str, block: Block, carry: Quotation, head: Quotation) -> bool:
    """Does the quotation left open at the end of the previous paragraph go
    on with ``head``, the first quotation of this one? Only when ``head``
    opens the paragraph, and not when both say who spoke (then they are two)."""
    if head.rule == "reported" or text[block.start] not in QUOTE_MARKS:
        return False
    if any(not (c.isspace() or c in QUOTE_MARKS) for c in text[block.start : head.start]):
        return False
    return carry.attribution is None or head.attribution is None


#: Which attribution wins when a quotation has several.
_RANK = {"after": 0, "according-to": 1, "before": 2, "colon": 3, "sentence": 4}


def _join(first: Quotation, then: Quotation) -> None:
    """Continue a multi-paragraph quotation with the next paragraph's part."""
    first.parts.extend(then.parts)
    first.rule = "multi-paragraph"
    first.continues = then.continues
    a, b = first.attribution, then.attribution
    if a is None or (b is not None and _RANK.get(b.how, 9) < _RANK.get(a.how, 9)):
        first.attribution = b


def attribute_span(
    article: Article, start: int, end: int, tokens: ArticleTokens | None = None
) -> Attribution | None:
    """Who speaks the words ``text[start:end]`` (a span the author marked):
    an attribution right after it, else one before it in its sentence."""
    text = article.text
    found = article.block_at(start)
    if found is None:
        return None
    block = _scan_block(article, found.start, found.end, tokens or ArticleTokens(text))
    after = _anchor_after(text, block, end)
    if after is not None:
        return after
    piece = Quotation(parts=[(start, end)], rule="mark")
    _attribute_before(text, block, piece, None)
    return piece.attribution


def quote_text(text: str, q: Quotation) -> str:
    """The quotation's words, parts joined, without its attribution. A part
    that ended in the comma before "she said" ends a sentence when the next
    part starts one ("…as Russian. We will not go for that."). Read once
    for the same parts (filtering, boxing and the annotation all ask)."""
    return _said(text, q)[1]


def quote_words(text: str, q: Quotation) -> int:
    """How many words :func:`quote_text` holds (counted once, as it is read)."""
    return _said(text, q)[2]


def _said(text: str, q: Quotation) -> tuple[tuple[tuple[int, int], ...], str, int]:
    parts = tuple(q.parts)
    if q.said is None or q.said[0] != parts:
        said = _joined(text, parts)
        q.said = (parts, said, words(said))
    return q.said


def _joined(text: str, parts: Sequence[tuple[int, int]]) -> str:
    joined = ""
    for a, b in parts:
        piece = normalize(text[a:b]).strip(" ;:")
        if joined and piece[:1] == ",":
            # "—… —said X—, and …": the comma goes on the part before.
            joined, piece = joined.rstrip(" ,") + ",", piece[1:].lstrip()
        if not piece:
            continue
        if joined:
            if piece[:1].isupper() and joined.rstrip(" ,")[-1:] not in ".!?…":
                joined = joined.rstrip(" ,") + "."
            joined += " "
        joined += piece
    return joined.strip(" ,;:")


# ---------------------------------------------------------------- one block


#: Words that open or end an attribution without being verbs of speech:
#: "according to X", "quoted X as saying".
_OTHER_CUES = frozenset({"according", "saying"})


def _scan_block(article: Article, lo: int, hi: int, tokens: ArticleTokens) -> Block:
    text = article.text
    tokenized = tokens.block(lo, hi)
    all_prose = article.is_prose(lo, hi)
    block = Block(lo, hi, tokenized, all_prose)
    toks = tokenized.toks
    leads: set[int] = set()  # one attribution per lead
    for k in tokenized.cues:
        tok = toks[k]
        low = tok.lower
        if (low in SPEECH_VERBS or low in _OTHER_CUES or low in NOUN_LIKE_VERBS) and (
            all_prose or article.is_prose(tok.start, tok.end)
        ):
            found = attribution_at(text, tokenized, k)
            if found is not None and found.lead not in leads:
                leads.add(found.lead)
                block.anchors.append(found)
    colon = text.find(": ", lo, hi)
    if not block.anchors and colon < 0 and not _MARK.search(text, lo, hi):
        return block  # no attribution, no colon and no mark: no quotation
    block.index_anchors()
    marks = _marks(article, block)
    segments = _pair(text, block, marks) or _dialogue(text, block)
    _share_attributions(text, segments)
    segments += _reported(text, block, segments)
    segments.sort(key=lambda s: s.start)
    block.pieces = _merge(text, block, segments)
    if colon >= 0:
        block.pieces += _colon_speech(text, block, block.pieces)
        block.pieces.sort(key=lambda q: q.start)
    return block


def _colon_speech(text: str, block: Block, found: list[Quotation]) -> list[Quotation]:
    """Speech with no marks after a lead-in colon, as translated copy writes
    it: "Sandvik demanded free access for the patrols: We can only report
    what we are allowed to see." The words after the colon speak in the first
    person, the sentence has no quotation marks, and its subject (a name, a
    known description, or "He"/"She") opened it; the speech runs on over the
    paragraph's next sentences while they speak in the first person too."""
    turn = None if found else _turn(text, block)
    if turn is not None:
        return [turn]
    pieces = []
    starts = block.starts
    toks = block.toks
    for m in _LEAD_IN_COLON.finditer(text, block.start, block.end):
        lo, hi = sentence_span(starts, block.end, m.start())
        if any(q.start < hi and lo < q.end for q in found) or _MARK.search(text, lo, hi):
            continue
        if not has_first_person(text[m.end() : hi]):
            continue
        first = _past_opening_clause(toks, block.index_at(lo), block.index_at(m.start()))
        speaker = sentence_subject(text, toks, first, described=True) if first < len(toks) else None
        if speaker is not None and speaker.kind != "name" and not _titled(speaker):
            speaker = None  # "The report said: …" is nobody speaking
        if speaker is None and first + 1 < len(toks) and toks[first].lower in ("he", "she"):
            t = toks[first]
            speaker = Speaker(t.start, t.end, t.lower, kind="pronoun")
        if speaker is None and lo == block.start:
            speaker = _name_label(text, toks, first, block.index_at(m.start()))
        if speaker is None:
            continue
        end = hi
        k = bisect_left(starts, hi)  # the next sentence's
        while k < len(starts):
            nxt = starts[k + 1] if k + 1 < len(starts) else block.end
            sentence = text[starts[k] : nxt]
            if not has_first_person(sentence) or _MARK.search(sentence):
                break
            end, k = nxt, k + 1
        start, end = strip_span(text, m.end(), end, " \t\n")
        piece = Quotation(parts=[(start, end)], rule="reported")
        piece.attribution = Attribution(lo, m.start(), speaker, "", "before", stop=":")
        pieces.append(piece)
    return pieces


def _turn(text: str, block: Block) -> Quotation | None:
    """A turn of a transcript or a question-and-answer interview: a
    paragraph without quotation marks that opens, perhaps after a time
    stamp or a dash, with the name of someone the article named before
    (in any case: "OSEI:", "Kemal Osei:") and a colon, and speaks to or
    for someone (a first- or second-person word anywhere in it). The whole
    paragraph is that person's words, each of its sentences, whatever
    person it speaks in."""
    m = _TURN_LABEL.match(text, block.start, block.end)
    if m is None or len(m.group(1)) < 2 or not has_first_person(text[m.end() : block.end]):
        return None  # "Q:" is a label of its own; "Turnout: 68.2 per cent" speaks to no one
    first, colon = block.index_at(m.start(1)), block.index_at(m.end(1))
    speaker = _name_label(text, block.toks, first, colon)
    if speaker is None:
        return None
    start, end = strip_span(text, m.end() + 1, block.end, " \t\n—–-")
    if not _has_words(text, start, end):
        return None
    piece = Quotation(parts=[(start, end)], rule="reported")
    piece.attribution = Attribution(m.start(1), m.end(1), speaker, "", "before", stop=":")
    return piece


#: A turn's label: a time stamp ("[00:12:41]", "15:58 —") or a dash, then one
#: to three words and a colon (the words are group 1).
_TURN_LABEL = re.compile(
    rf"(?:\[\d{{1,2}}:\d{{2}}(?::\d{{2}})?\]\s*|\d{{1,2}}[:.]\d{{2}}\s*(?:{DASH.pattern}|-)\s*)?"
    rf"(?:(?:{DASH.pattern}|-)\s*)?"
    r"([^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){0,2})(?=:\s)"
)


def _past_opening_clause(toks: list[Token], first: int, colon: int) -> int:
    """The token after a participle's clause that opens a sentence ("Asked
    about the table, he avoided euphoria: …", "Speaking after the match,
    Kay Dunn was blunt: …"), where its subject starts; else ``first``."""
    if first >= colon or not toks[first].capitalized:
        return first
    low = toks[first].lower
    if not ((len(low) > 4 and low.endswith("ed")) or (len(low) > 5 and low.endswith("ing"))):
        return first
    for k in range(first + 1, min(colon, first + 12)):
        if toks[k].text == ",":
            return k + 1
    return first


def _name_label(text: str, toks: list[Token], first: int, colon: int) -> Speaker | None:
    """A paragraph that opens with a name and a colon, as a transcript or a
    question-and-answer profile writes its answers ("Okabe: I did the
    arithmetic …"): the name, one to three capitalised words, of someone
    the article named before."""
    # "MS. STRATTON:", "REP. OKAFOR:": the full stop of a title is no part of it.
    label = [t for i, t in enumerate(toks[first:colon]) if not (t.text == "." and i)]
    if not 1 <= len(label) <= 3 or not all(t.is_word and t.capitalized for t in label):
        return None
    shouted = all(t.text.isupper() for t in label)
    if not _written_before(text, label[-1].text, label[0].start, shouted):
        return None  # someone the article named before, not "Note:" or "Update:"
    speaker = make_speaker(text, label)
    if speaker is None or speaker.kind != "name":
        return None
    if shouted:  # "KEMAL OSEI:", as transcripts write labels: the name as the article has it
        speaker = replace(speaker, name=speaker.name.title())
    return speaker


def _titled(speaker: Speaker) -> bool:
    """Is a description headed by a title or a group ("The governor", "The
    head", "Officials"), someone who may speak?"""
    head = speaker.name.rsplit(None, 1)[-1].lower()
    return head in TITLE_WORDS or head in GROUP_WORDS


def _marks(article: Article, block: Block) -> list[_Mark]:
    """The quotation marks of a block, each with its role."""
    text = article.text
    lo, hi = block.start, block.end
    forced: dict[int, str] = {}
    for a in block.anchors:
        closing = [m.start() for m in _MARK.finditer(text, a.lead, a.start)]
        forced.update(dict.fromkeys(closing, "close"))
        if closing or a.stop != "mark":
            nxt = _after_clause(text, a, hi)
            if nxt is not None and text[nxt] in QUOTE_MARKS:
                forced.setdefault(nxt, "open")
    marks: list[_Mark] = []
    skip_to = lo
    all_prose = block.all_prose
    for found in _MARK.finditer(text, lo, hi):
        pos = found.start()
        if pos < skip_to or not (all_prose or article.is_prose(pos, pos + 1)):
            continue
        role = forced.get(pos) or _role(text, pos, lo, hi)
        marks.append(_Mark(pos, role))
        ch = text[pos]
        skip_to = pos + 1
        while skip_to < hi and text[skip_to] == ch:  # »» counts once
            skip_to += 1
    # A forced opener needs words after it before the next mark.
    for m in marks:
        if forced.get(m.pos) == "open" and not _has_words(text, m.pos + 1, hi):
            m.role = "close"
    return marks


def _after_clause(text: str, a: Attribution, hi: int) -> int | None:
    """The offset of what follows an attribution's stop (",", ".")."""
    pos = a.end
    while pos < hi and text[pos].isspace():
        pos += 1
    if pos < hi and text[pos] in ".,;:":
        pos += 1
    while pos < hi and text[pos].isspace():
        pos += 1
    return pos if pos < hi else None


def _role(text: str, pos: int, lo: int, hi: int) -> str:
    ch = text[pos]
    before = text[pos - 1] if pos > lo else " "
    after = text[pos + 1] if pos + 1 < hi else " "
    opens_ctx = (before.isspace() or before in "([—–-/") and not after.isspace()
    closes_ctx = (
        not before.isspace() and before not in "([" and (after.isspace() or not after.isalnum())
    )
    if ch in OPENERS:
        return "close" if closes_ctx and not opens_ctx else "open"
    if ch in CLOSERS:
        if opens_ctx and after.isalnum():
            return "open"
        if _sentence_initial(text, pos, lo) and _next_upper(text, pos + 1, hi):
            return "open"  # "… the plan. » Every village …": a misplaced opening mark
        return "close"
    assert ch in AMBIGUOUS
    if opens_ctx and not closes_ctx:
        return "open"
    if closes_ctx and not opens_ctx:
        return "close"
    return "either"


def _sentence_initial(text: str, pos: int, lo: int) -> bool:
    """Is ``pos`` at the start of the block or of a sentence?"""
    k = pos
    while k > lo and text[k - 1].isspace():
        k -= 1
    return k == lo or (k < pos and text[k - 1] in ".!?:")


def _next_upper(text: str, pos: int, hi: int) -> bool:
    while pos < hi and text[pos].isspace():
        pos += 1
    return pos < hi and text[pos].isupper()


def _pair(text: str, block: Block, marks: list[_Mark]) -> list[Segment]:
    segments: list[Segment] = []
    open_at: int | None = None
    floor = block.start

    def close_unclosed(limit: int) -> None:
        assert open_at is not None
        seg = _unclosed(text, block, open_at, limit)
        segments.append(seg)

    nested: set[int] = set()
    for i, mark in enumerate(marks):
        if i in nested:
            continue
        role = mark.role
        if role == "either":
            role = "close" if open_at is not None else "open"
        if role == "open":
            if open_at is not None:
                inner = _nested_close(text, marks, i, text[open_at])
                if inner is not None:
                    nested.add(inner)  # a name or a quotation inside this one
                    continue
                close_unclosed(mark.pos)
            open_at = mark.pos
            continue
        if open_at is not None:
            seg = Segment(open_at + 1, mark.pos, open_mark=open_at)
            open_at = None
            *incised, seg = _incised(text, block, seg)
            segments += incised
        else:
            floor = max([floor, *(_end_of(s) for s in segments)])
            start = _sentence_back(text, block, mark.pos, floor)
            seg = Segment(start, mark.pos, opened=False)
        seg.after = _anchor_after(text, block, seg.end)
        if (
            seg.after is not None
            and seg.after.stop in (":", "mark")
            and (_ends_sentence(text, seg) or text.startswith(".", mark.pos + 1))
        ):
            # "“….” She added: “…”", "«…». She also asked the council for
            # «…»": a new sentence leads in to the next quotation; this one
            # was attributed before it.
            seg.after = None
        segments.append(seg)
    if open_at is not None:
        close_unclosed(block.end)
    return [s for s in segments if _has_words(text, s.start, s.end)]


def _opens_sentence(text: str, block: Block, mark: int) -> bool:
    """Does the opening mark at ``mark`` open its sentence (no word of the
    sentence before it)?"""
    starts = block.starts
    i = bisect_right(starts, mark) - 1
    start = starts[i] if i >= 0 else block.start
    return _ALNUM.search(text, start, mark) is None


def _share_attributions(text: str, segments: list[Segment]) -> None:
    """Quotations joined by "and" (or "or") before one attribution share it:
    "« A » and « B », according to his entourage", "“A” and “B,” she said."""
    for first, second in pairwise(segments):
        if (
            first.after is None
            and second.after is not None
            and second.open_mark > first.end
            and _JOINED.fullmatch(text, first.end + 1, second.open_mark)
        ):
            first.after = second.after


#: What may join two quotations that share an attribution.
_JOINED = re.compile(r"\s*(?:and|or)\s*")


def _ends_sentence(text: str, seg: Segment) -> bool:
    """Do the quoted words of ``seg`` end with a full stop (not a question
    or an exclamation, which the verb after them may ask or shout)?"""
    end = strip_span(text, seg.start, seg.end)[1]
    return end > seg.start and text[end - 1] in ".…"


def _incised(text: str, block: Block, seg: Segment) -> list[Segment]:
    """A quotation in one pair of marks split by attributions set off by
    dashes, as Russian and Ukrainian copy (and its translations) write it:
    «We are ready, – said Peskov. – But not now.» Each part but the last
    has its attribution; the next part opens at the dash after it."""
    parts: list[Segment] = []
    start, opener = seg.start, seg.open_mark
    for a in block.anchors:
        if not (start < a.lead and a.end <= seg.end) or not _SET_OFF_DASH.search(
            text, a.lead, a.start
        ):
            continue
        after = _after_clause(text, a, seg.end)
        if after is None:
            # «…, – said Hordiienko.»: the attribution closes the quotation
            # inside its marks.
            return [*parts, Segment(start, a.lead, open_mark=opener, after=a)]
        dash = _SET_OFF_DASH.match(text, after)
        if dash is None:
            continue
        parts.append(Segment(start, a.lead, open_mark=opener, after=a))
        start, opener = dash.end(), after
    if not parts:
        return [seg]
    return [*parts, Segment(start, seg.end, open_mark=opener)]


#: A dash that sets an attribution off inside marks: a spaced hyphen too
#: ("…, - said the spokesman. - …").
_SET_OFF_DASH = re.compile(rf"{DASH.pattern}|-(?=\s)")
#: The marks that close each opening mark (a straight mark opens and closes).
_CLOSING = {"“": '”"', "„": '“”"', "«": "»", "‹": "›", '"': '"'}


def _nested_close(text: str, marks: list[_Mark], i: int, outer: str) -> int | None:
    """When the opening mark ``marks[i]`` opens a pair inside a quotation
    opened by ``outer`` («… the contractor "Zarechstroi" works …», «… «United
    Russia» …»), the index of the mark that closes the inner pair; else None.
    The inner pair must close before a mark that closes only the outer one,
    and the outer one must close after it. Straight marks inside straight
    marks are left alone: which is which cannot be told."""
    ch = text[marks[i].pos]
    inner, outer_closers = _CLOSING.get(ch), _CLOSING.get(outer, "")
    if inner is None or ch == outer == '"':
        return None
    for j in range(i + 1, len(marks)):
        c = text[marks[j].pos]
        if marks[j].role == "open" and c not in inner:
            return None
        if c in inner:
            later = marks[j + 1 :]
            closes = any(text[m.pos] in outer_closers and m.role != "open" for m in later)
            return j if closes else None
        if c in outer_closers:
            return None  # the outer quotation closes first
    return None


def _unclosed(text: str, block: Block, open_at: int, limit: int) -> Segment:
    """An opening mark with no closing one: up to the attribution that
    follows, else to the end of its sentence (never the rest of the
    paragraph). When no other mark follows in the paragraph it may go on into
    the next paragraph (``continues``)."""
    start = open_at + 1
    for a in block.anchors:
        if start < a.lead < limit:
            return Segment(start, a.lead, closed=False, after=a, open_mark=open_at)
    first = start
    while first < limit and text[first].isspace():
        first += 1
    _, end = sentence_span(block.starts, block.end, first)
    return Segment(
        start, min(end, limit), closed=False, continues=limit >= block.end, open_mark=open_at
    )


def _anchor_after(text: str, block: Block, end: int) -> Attribution | None:
    """The attribution that starts right after offset ``end`` (a closing
    mark), with only punctuation and space between: the first such anchor
    (in the order the scan found them) that starts after ``end`` and no later
    than the first other character."""
    other = end
    while other < len(text) and (text[other].isspace() or text[other] in BEFORE_ATTRIBUTION):
        other += 1
    by_start = block.anchors_by_start
    first = None
    for i in range(bisect_right(by_start, end, key=_FIRST), len(by_start)):
        start, index = by_start[i]
        if start > other:
            break
        if block.anchors[index].lead <= end + 3 and (first is None or index < first):
            first = index
    return None if first is None else block.anchors[first]


def _end_of(seg: Segment) -> int:
    return max(seg.end, seg.after.end if seg.after else seg.end)


def _reported(text: str, block: Block, segments: list[Segment]) -> list[Segment]:
    """Sentences that end in an attribution but carry no marks."""
    used = {id(s.after) for s in segments if s.after}
    # Segments by start, with the furthest end reached so far (the lead of
    # reported speech must not touch one, nor its attribution: "“…,” he said,
    # according to a transcript" names no second speaker), and every end (to
    # start after).
    around = sorted((s.start - 1, _end_of(s) + 1) for s in segments)
    around_starts = [lo for lo, _ in around]
    reach = list(accumulate((hi for _, hi in around), max))
    ends = sorted(_end_of(s) for s in segments)
    found: list[Segment] = []
    for a in block.anchors:
        if id(a) in used or a.verb in MANNER_VERBS:
            continue
        if _MARK.search(text, a.lead, a.start):
            continue
        near = bisect_right(around_starts, a.lead)
        if near and reach[near - 1] >= a.lead:
            continue
        if a.speaker.kind == "group" and not _definite(a.speaker.name):
            # "…, officials said." is hearsay; "…, the police said." and "…,
            # her family said." are a source.
            continue
        if a.stop == "," and not _tail_ok(text, a, block.end):
            continue
        if a.stop in (":", "mark") or not _short_tail(text, a):
            continue
        before = bisect_right(ends, a.lead)
        floor = max(block.start, ends[before - 1]) if before else block.start
        start = _sentence_back(text, block, a.lead, floor)
        if words(text[start : a.lead]) < MIN_REPORTED_WORDS:
            continue
        if a.how == "according-to" and not _says_in_first_person(text, block, a.lead):
            continue  # "… last year, according to the ministry": a source, not words said
        if _NAMED_SUBJECT.match(text, start, a.lead):
            continue  # "Dale Fenwick, of Westgate, said the income …": a subject, no speech
        if a.speaker.phrase_start > a.start and not could_speak(a.speaker, a.verb):
            continue  # "A member of …, Lestari Anggraini, denied the allegations."
        seg = Segment(start, a.lead, opened=False, closed=False, marked=False, after=a)
        found.append(seg)
        insort(ends, _end_of(seg))
    return found


def _definite(phrase: str) -> bool:
    """Does a group's phrase say which group: "the police", "her family",
    "Moreno's relatives" (not "officials", "some residents")?"""
    first = phrase.split(None, 1)[0].lower() if phrase.strip() else ""
    return first in _DEFINITE or first.endswith(("'s", "’s"))


_DEFINITE = frozenset({"the", "his", "her", "their", "its"})


def _says_in_first_person(text: str, block: Block, pos: int) -> bool:
    """Does the sentence ending at ``pos`` speak in the first person (not
    only in the formula of translated copy "Let us remind, …")?"""
    start, _ = sentence_span(block.starts, block.end, max(pos - 1, block.start))
    sentence = text[start:pos]
    opening = _LET_US.match(sentence)
    return has_first_person(sentence[opening.end() :] if opening else sentence)


_LET_US = re.compile(r"\s*let(?: us|['’]s)\b", re.IGNORECASE)


def _short_tail(text: str, a: Attribution) -> bool:
    """Reported speech must end in its attribution: what follows the speaker
    and verb may be one adverbial ("at a news conference in Helsinki"), not
    another clause ("…, only hours after Putin told Trump that …")."""
    tail = text[a.tail : a.end] if a.tail >= 0 else ""
    head, comma, aside = tail.partition(",")
    said_more = aside.split()[:1]
    if said_more and said_more[0].endswith("ing") and said_more[0].lower() in REPORTING_VERBS:
        # "…, the minister said, adding that …": more of what was said, after it.
        tail, comma = head, ""
    if len(tail.split()) > 16:
        return False
    words = aside.split()
    occasion = bool(words) and words[0].lower() in _OCCASION and len(words) <= _OCCASION_WORDS
    if comma and ("," in aside or (len(words) > 3 and not occasion)):
        # One short aside may close it ("…, said Kauê, in tears."), or where
        # and when it was said ("…, declared X, in interview to journalists
        # in the green hall.").
        return False
    return not any(w.lower() in REPORTING_VERBS or w == "that" for w in tail.split())


#: Words that open where or when something was said, and how long that may be.
_OCCASION = frozenset({"in", "at", "during", "on"})
_OCCASION_WORDS = 12


#: Words that open a comparison of the figure just reported ("…, the
#: company said, up from $380 million", "…, compared with a year earlier").
_COMPARISON = frozenset({"up", "down", "compared", "excluding", "ahead", "short"})
#: Words that may open what follows ", NAME said," besides the trailing
#: starters: a clause about the speaker, a source, or a comparison.
_TAIL_WORDS = _COMPARISON | {"who", "which", "according"}


def _tail_ok(text: str, a: Attribution, hi: int) -> bool:
    """After ", NAME said," only "adding", "noting", "who", ... may follow
    for the sentence to be reported speech."""
    pos = _after_clause(text, a, hi)
    if pos is None:
        return True
    word = text[pos : pos + 20].split(" ")[0].lower()
    if word in TRAILING_STARTERS or word in _TAIL_WORDS:
        return True
    return word.endswith("ing") and len(word) > 5


def _sentence_back(text: str, block: Block, pos: int, floor: int) -> int:
    """Where a quotation ending at ``pos`` with no opening mark starts: its
    sentence, and earlier sentences of the paragraph that speak in the first
    person; or the whole paragraph after the dash that opens it, as
    Scandinavian, Portuguese and Spanish copy opens speech ("– The ferries
    are thirty years old. … To keep them would cost more, she says.")."""
    opening = _DIALOGUE_DASH.match(text, block.start, pos)
    if opening is not None and floor <= block.start:
        return opening.end()
    start, _ = sentence_span(block.starts, block.end, max(pos - 1, block.start))
    start = max(start, floor)
    colon = _LEAD_IN_COLON.search(text, start, pos)
    if colon is not None:
        # "He announced that he would show the evidence: We have photos, …,
        # said the minister": the words after the colon are the speech.
        start = colon.end()
        while (later := _LEAD_IN_COLON.search(text, start, pos)) is not None:
            start = later.end()
        return strip_span(text, start, pos, _TRIM + _MARKS)[0]
    while start > floor:
        before = bisect_left(block.starts, start)  # sentences starting before ``start``
        if not before:
            break
        p = max(block.starts[before - 1], floor)
        sentence = text[p:start]
        if not has_first_person(sentence) or _MARK.search(sentence):
            break
        start = p
    return strip_span(text, start, pos, _TRIM + _MARKS)[0]


#: A dash opening a paragraph of speech, and the space after it (none after
#: a long dash, as Spanish copy writes it: "—No habrá transición …").
_DIALOGUE_DASH = re.compile(r"(?:[—–][ \t]*|(?:--|-)[ \t]+)(?=\w)")


def _dialogue(text: str, block: Block) -> list[Segment]:
    """A paragraph of speech that opens with a dash and has an attribution
    set off by dashes inside it, as Spanish copy writes dialogue: "—There is
    no transition without talks —Lozano warned—. We will go to the courts."
    The paragraph is read as one quotation opened by its dash and split
    around each such attribution (see :func:`_incised`); with none, nothing
    (an attribution that ends the paragraph is reported speech)."""
    opening = _DIALOGUE_DASH.match(text, block.start, block.end)
    if opening is None or not block.anchors:
        return []
    parts: list[Segment] = []
    start, opener = opening.end(), block.start
    for a in block.anchors:  # in text order
        if a.lead <= start or not DASH.search(text, a.lead, a.start):
            continue
        close = _ASIDE_CLOSE.match(text, a.start, block.end)
        if close is None:
            continue  # the attribution ends the sentence: reported speech
        # The attribution runs to its closing dash ("—lamented X, spokesman
        # of …, to this agency—."): the next part opens there.
        a = replace(a, end=close.start(1), stop="dash")
        parts.append(Segment(start, a.lead, open_mark=opener, after=a, marked=False))
        # Past the full stop after the closing dash ("—Lozano warned—. We
        # will …"); a comma is kept for the joined words ("—…—, and …").
        start = strip_span(text, close.end(), block.end, ".;")[0]
        opener = close.start(1)
    if not parts:
        return []
    return [*parts, Segment(start, block.end, open_mark=opener, marked=False)]


#: What closes an attribution set off by dashes in dialogue: the next dash
#: before the sentence ends, not one joining two words ("Delta–Riverside").
_ASIDE_CLOSE = re.compile(rf"[^.!?]*?({DASH.pattern})(?!\w)")


#: A colon that ends a lead-in: a capitalised word follows it.
_LEAD_IN_COLON = re.compile(r":\s+(?=[A-ZÀ-ÖØ-Þ])")


def _has_words(text: str, start: int, end: int) -> bool:
    return _ALNUM.search(text, start, end) is not None


# ---------------------------------------------------------------- merging


def _merge(text: str, block: Block, segments: list[Segment]) -> list[Quotation]:
    """Turn segments into quotations: join split quotations, carry reported
    speech on over first-person sentences, cut a leading "X said that"."""
    pieces: list[Quotation] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        parts = [_strip(text, seg.start, seg.end)]
        rule = _rule(seg)
        attribution = seg.after
        lead_attr = None
        if not seg.opened:
            cut = _leading_clause(text, block, parts[0][0], parts[0][1])
            if cut is not None:
                lead_attr, new_start = cut
                parts[0] = (new_start, parts[0][1])
        last = seg
        while last.after is not None and i + 1 < len(segments):
            nxt = segments[i + 1]
            pos = _after_clause(text, last.after, block.end)
            if pos is None or nxt.open_mark != pos or not nxt.opened:
                break
            if nxt.after is not None and last.after.stop not in (",",):
                break
            if last.after.stop == ":" and not _opens_sentence(text, block, last.open_mark):
                # "Describing it as a ‘road to nowhere’, Demirsoy said: “…”":
                # a fragment inside a sentence, then a lead-in to a quotation.
                break
            if _a_name(text[nxt.start : nxt.end]):
                break  # "…,” said X in an interview with the “Kornstädter Allgemeine”."
            parts.append(_strip(text, nxt.start, nxt.end))
            rule = "split"
            i += 1
            last = nxt
            if nxt.after is not None:
                break
        if not seg.opened or not seg.marked:
            more = _first_person_tail(text, block, last, segments[i + 1 :])
            if more is not None:
                parts.append(more)
        piece = Quotation(parts=[p for p in parts if p[0] < p[1]], rule=rule)
        piece.attribution = attribution or lead_attr
        piece.continues = last.continues
        if piece.parts:
            pieces.append(piece)
        i += 1
    return pieces


def _a_name(said: str) -> bool:
    """Are quoted words a name in marks (a newspaper, a song: a few words in
    Title Case) rather than more of what someone said?"""
    return len(said.split()) <= _NAME_WORDS and _title_case(said.strip(" ,.;:"))


#: How many words a name in marks may hold.
_NAME_WORDS = 5


def _rule(seg: Segment) -> str:
    if not seg.marked:
        return "reported"
    if not seg.opened:
        return "unopened"
    if not seg.closed:
        return "unclosed"
    return "marks"


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    return strip_span(text, start, end, " \t\n")


def _first_person_tail(
    text: str, block: Block, seg: Segment, later: Sequence[Segment]
) -> tuple[int, int] | None:
    """After "…, said NAME." with no marks, the rest of the paragraph up to
    the last sentence in the first person (and before any other quotation)."""
    if seg.after is None or seg.after.stop not in (".", "long"):
        return None
    start = _after_clause(text, seg.after, block.end)
    if start is None:
        return None
    # ``later`` is in text order: the first one after ``start`` is the limit.
    limit = min(block.end, next((s.start - 1 for s in later if s.start > start), block.end))
    end = None
    cur = start
    for stop in [*block.starts[bisect_right(block.starts, start) :], block.end]:
        sentence = text[cur:stop]
        if stop > limit or _MARK.search(sentence):
            break
        if block.has_lead(cur, stop):
            break
        if has_first_person(sentence):
            end = stop
        cur = stop
    if end is None:
        return None
    return _strip(text, start, end)


def _leading_clause(
    text: str, block: Block, start: int, end: int
) -> tuple[Attribution, int] | None:
    """A quotation without its opening mark that begins "X said (that) …":
    the attribution, and where the quoted words start."""
    toks = block.toks
    first = block.index_at(start)
    if first >= len(toks):
        return None
    for k in range(first, min(first + 10, len(toks))):
        t = toks[k]
        if t.start >= end:
            return None
        if t.is_word and not t.capitalized and t.lower in REPORTING_VERBS:
            speaker = subject_before(text, toks, k, first)
            if speaker is None or speaker.phrase_start != toks[first].start:
                return None
            m = k + 1
            if t.lower in OBJECT_VERBS:
                while m < len(toks) and m - k <= 4 and toks[m].is_word and toks[m].lower != "that":
                    if toks[m].capitalized or toks[m].lower in ("reporters", "journalists"):
                        m += 1
                    else:
                        break
            if m < len(toks) and toks[m].lower == "that":
                m += 1
            if m >= len(toks) or toks[m].start >= end:
                return None
            attribution = Attribution(speaker.phrase_start, t.end, speaker, t.lower, "before")
            return attribution, toks[m].start
        if not t.is_word and t.text != "-":
            return None
    return None


# ---------------------------------------------------------------- attribution


def _attribute_before(text: str, block: Block, piece: Quotation, prev: Quotation | None) -> None:
    """Attribute a quotation from the words before its opening mark."""
    if piece.attribution is not None:
        return
    opener = piece.start
    while opener > block.start and text[opener - 1] == " ":
        opener -= 1
    if opener <= block.start or text[opener - 1] not in QUOTE_MARKS:
        return  # no opening mark: nothing before it is an attribution
    opener -= 1
    sent_start, _ = sentence_span(block.starts, block.end, opener)
    floor_pos = max(sent_start, _piece_end(prev) if prev else block.start)
    floor = block.index_at(floor_pos)
    # After a quotation of the sentence that no verb attributed ("appealed
    # for “…” and said …"), a verb joined by "and" has the sentence's subject.
    first = block.index_at(sent_start) if prev is not None and prev.attribution is None else None
    found = attribution_before(text, block.toks, floor, opener, first)
    said = prev.attribution if prev is not None else None
    if found is None and prev is not None and sent_start <= (said.start if said else prev.start):
        # 'X said it was "not compatible" with a return "in a timely way"',
        # '"…," he said, and was ready to "play a role"': the sentence's
        # speaker says both (also when the quotation before began in an
        # earlier sentence: '"… . … share," Ms Mwangi said, adding that …').
        goes_on = said is not None and said.how == "after" and said.stop == ","
        if said is not None and (said.how in ("before", "sentence") or goes_on):
            found = replace(said, how="sentence")
    if found is None and prev is None and text[block.start : opener].rstrip().endswith(":"):
        found = _labelled(text, block, opener)
    if found is None and text[floor_pos:opener].rstrip().endswith(":"):
        found = _subject_before_colon(text, block, floor, opener)
    if found is not None:
        piece.attribution = found


def _subject_before_colon(text: str, block: Block, floor: int, opener: int) -> Attribution | None:
    """'The chair, Dame Judith Ormerod, intervened: “…”': a sentence whose
    subject, a name or a description headed by a title, does something in a
    few words with no verb of speech, then opens a quotation after a colon.
    The subject speaks, as it does before speech without marks."""
    toks = block.toks
    colon = block.index_at(text.rindex(":", 0, opener))
    speaker = sentence_subject(text, toks, floor, described=True)
    if speaker is None or not (_titled(speaker) or _named_before(text, speaker)):
        return None
    after = block.index_at(speaker.end)
    if after < colon and toks[after].text == ",":
        after += 1  # the comma closing "The chair, Dame Judith Ormerod,"
    if not 0 < colon - after <= 4 or any(not t.is_word for t in toks[after:colon]):
        return None
    start = min(speaker.phrase_start, toks[floor].start)
    return Attribution(start, toks[colon].start, speaker, "", "before", stop=":")


def _named_before(text: str, speaker: Speaker) -> bool:
    """Is ``speaker`` a name of two words or more, or one the article wrote
    before (so no capitalised word opening a sentence: "Prices rose: …")?"""
    if speaker.kind != "name":
        return False
    return " " in speaker.name or _written_before(text, speaker.name, speaker.start)


def _written_before(text: str, word: str, pos: int, shouted: bool = False) -> bool:
    """Did the article write ``word`` before offset ``pos`` (in title case
    too, for a word written in capitals: "OSEI" after "Kemal Osei")?"""
    spelt = f"(?:{re.escape(word)}|{re.escape(word.title())})" if shouted else re.escape(word)
    return re.search(rf"\b{spelt}\b", text[:pos]) is not None


def _labelled(text: str, block: Block, opener: int) -> Attribution | None:
    """A paragraph (or subhead) that opens with a name and a colon before
    the quotation's opening mark at ``opener``, as headlines, subheads and
    transcripts write it: 'Şentürk: “The homes are not enough alone.”'. The
    name is the speaker, as without the marks (see :func:`_name_label`)."""
    colon = text.rindex(":", block.start, opener)
    first = block.index_at(block.start)
    speaker = _name_label(text, block.toks, first, block.index_at(colon))
    if speaker is None:
        return None
    return Attribution(block.start, colon, speaker, "", "before", stop=":")


def _attribute_by_next_verb(text: str, piece: Quotation, then: Quotation) -> None:
    """ "Ines Gallardo expressed “deep concern …” and said the bloc wanted
    “…”": a quotation no earlier verb attributes has the speaker of the verb
    of speech joined to it by "and" or "but" right after it, when that verb
    attributes the next quotation."""
    said = then.attribution
    if piece.attribution is not None or said is None or said.how != "sentence":
        return
    if said.end > then.start or not _JOINED_VERB.fullmatch(text, piece.end, said.end):
        return
    piece.attribution = said


#: From the end of a quotation's words to a verb joined by "and" or "but"
#: ("” and said", "”, but later added").
_JOINED_VERB = re.compile(
    r"[”\"»’'.,]*\s*,?\s+(?:and|but)\s+(?:(?:also|then|later|[a-z]+ly)\s+)?[a-z]+"
)


def _attribute_colon(text: str, prev: Block, piece: Quotation) -> None:
    """A quotation opening a paragraph after one that ends with a colon:
    "But he said the choice now rested with Moscow:"."""
    end = prev.end
    while end > prev.start and text[end - 1].isspace():
        end -= 1
    if end <= prev.start or text[end - 1] != ":":
        return
    sent_start, _ = sentence_span(prev.starts, prev.end, end - 1)
    floor = prev.index_at(sent_start)
    found = attribution_before(text, prev.toks, floor, end - 1)
    if found is not None:
        found.how = "colon"
        piece.attribution = found


def _piece_end(piece: Quotation) -> int:
    a = piece.attribution
    return max(piece.end, a.end if a and a.start >= piece.end else piece.end)


def _opens(text: str, block: Block) -> bool:
    """Does the block begin with an opening quotation mark?"""
    return block.start < block.end and text[block.start] in OPENERS | AMBIGUOUS


# ---------------------------------------------------------------- filters


def _is_quotation(text: str, q: Quotation) -> bool:
    """Scare quotes, labels and titles are not quotations."""
    said = quote_text(text, q)
    n = quote_words(text, q)
    if n == 0:
        return False
    a = q.attribution
    if q.rule in ("reported",):
        return n >= MIN_REPORTED_WORDS
    if n <= 4 and LABEL_CUES.search(text[max(0, q.start - 40) : q.start].rstrip(" " + _MARKS)):
        return False
    if n <= 2 and _nickname(text, q):
        return False
    if (
        a is not None
        and n <= 5
        and _title_case(said)
        and (a.how == "sentence" or not could_speak(a.speaker, a.verb))
    ):
        # 'The AHA added sleep to its checklist, “Life's Essential 8,” in 2022':
        # a name in marks, whatever verb the sentence holds; '“Tin Roof
        # Hymn”, the first song she ever wrote': nobody who could speak.
        return False
    if a is not None:
        return True  # even one word: "Dumas called the amounts “symbolic.”"
    if q.rule == "unopened":
        return False  # a stray closing mark, and nobody said anything
    if n < MIN_UNATTRIBUTED_WORDS and not (n >= 3 and said.rstrip().endswith(("!", "?"))):
        return False
    if _title_case(said):
        return False
    return n >= 6 or said[:1].isupper() or said.rstrip()[-1:] in ".!?,"


def _nickname(text: str, q: Quotation) -> bool:
    """'Anatoly “Tolya” Petrov': quoted words between two capitalised words."""
    before = text[max(0, q.start - 30) : q.start].rstrip().rstrip(_MARKS).rstrip()
    after = text[q.end : q.end + 30].lstrip().lstrip(_MARKS).lstrip()
    last = before.split()[-1] if before.split() else ""
    return last[:1].isupper() and last[-1:].isalpha() and after[:1].isupper()


def _title_case(said: str) -> bool:
    """A title ("The Last Day of Summer", "Life's Essential 8", "Sawt
    al-Jabal") rather than speech."""
    ws = said.split()
    if len(ws) == 1:
        # One word whose parts are all capitalised or small words joined by
        # hyphens is a name too: "Dnipro-Step", "Al-Masar".
        parts = ws[0].strip(".,;:!?").split("-")
        return len(parts) >= 2 and all(_title_word(p) for p in parts if p)
    return len(ws) >= 2 and all(_title_word(w) for w in ws)


def _title_word(word: str) -> bool:
    """May ``word`` stand in a title: capitalised, a figure, a small word, or
    a small word joined to a capitalised one ("al-Jabal")."""
    if word[:1].isupper() or word[:1].isdigit() or word.lower() in TITLE_SMALL_WORDS:
        return True
    small, dash, rest = word.partition("-")
    return bool(dash) and small.lower() in TITLE_SMALL_WORDS and rest[:1].isupper()
