"""The plain data the quotation rules pass around."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(slots=True)
class Speaker:
    """Who speaks, as written in the text.

    ``start``/``end`` cover the name itself ("Dmitry Peskov"), ``phrase_start``
    the whole phrase with a role in front ("Kremlin spokesperson Dmitry
    Peskov"). ``kind`` is ``name``, ``pronoun``, ``description`` ("the
    ministry") or ``group`` ("officials"). ``others`` holds co-speakers
    ("Rubio and Waltz").
    """

    start: int
    end: int
    name: str
    role: str | None = None
    kind: str = "name"
    phrase_start: int = -1
    others: list[Speaker] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.phrase_start < 0:
            self.phrase_start = self.start

    def moved(self, by: int) -> Speaker:
        """A copy ``by`` characters further on (co-speakers too)."""
        return Speaker(
            self.start + by,
            self.end + by,
            self.name,
            self.role,
            self.kind,
            self.phrase_start + by,
            [other.moved(by) for other in self.others] if self.others else [],
        )


@dataclass(slots=True)
class Attribution:
    """A clause that says who spoke: ``start``/``end`` is the clause,
    ``how`` the rule that found it, ``stop`` what ends it (``.``, ``,``,
    ``:``, ``mark`` or ``end``)."""

    start: int
    end: int
    speaker: Speaker
    verb: str
    how: str
    stop: str = "."
    lead: int = -1  # where the punctuation before the clause starts (after-attributions)
    tail: int = -1  # where the words after the speaker and the verb start


@dataclass(slots=True)
class Segment:
    """One run of quoted words in one block (offsets exclude the marks)."""

    start: int
    end: int
    opened: bool = True  # had an opening mark
    closed: bool = True  # had a closing mark
    marked: bool = True  # any mark at all (False: reported speech)
    continues: bool = False  # runs on into the next paragraph
    after: Attribution | None = None
    open_mark: int = -1  # offset of the opening mark


@dataclass(slots=True)
class Resolved:
    """A speaker after pronoun and entity resolution."""

    name: str
    entity: str | None = None  # entity id
    kind: str | None = None  # entity kind (person, organisation, ...)
    role: str | None = None
    #: Named by a title ("the mayor"): who that is depends on the roles of
    #: the people mentioned before (see ``Entities.holding``).
    by_title: bool = False

    def __post_init__(self) -> None:
        # A name or role the source wraps over two lines ("Lena\nMoritz") is
        # one name: every run of whitespace becomes one space.
        if not self.name.isprintable() or "  " in self.name:
            self.name = " ".join(self.name.split())
        if self.role is not None and (not self.role.isprintable() or "  " in self.role):
            self.role = " ".join(self.role.split())
        if self.role and _DANGLING.search(self.role):
            # "spokesperson for the" before the organisation it speaks for;
            # a dash or bracket that ends a parenthesis
            self.role = _DANGLING.sub("", self.role) or None


#: Words a role cannot end with: the name it leads to is the speaker's.
_DANGLING = re.compile(r"(?:\s+(?:for|of|to|at|the|with|from))+$|\s*[-–—(]+$", re.IGNORECASE)


@dataclass(slots=True)
class Quotation:
    """A quotation found in an article: one span, possibly several parts."""

    parts: list[tuple[int, int]]
    rule: str
    attribution: Attribution | None = None
    speaker: Resolved | None = None
    others: list[Resolved] = field(default_factory=list)
    box: bool = False
    box_source: str | None = None  # "mark", "front-matter" or "auto"
    score: float = 0.0
    continues: bool = False  # an unclosed quotation that may run on into the next paragraph
    #: The parts the quotation's words were read from, the words (see
    #: :func:`.finder.quote_text`) and how many there are.
    said: tuple[tuple[tuple[int, int], ...], str, int] | None = None

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]
