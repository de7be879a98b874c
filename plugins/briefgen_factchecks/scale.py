"""The verdict scale: which verdicts a fact-check may carry and what they mean.

Every verdict has a label (what readers see), a rating on the numeric scale
from 1 (false) to 5 (true) that ClaimReview publishes, a description (shown on
``/factchecks/`` so readers and search engines can see how the scale works) and
an icon, so the verdict never depends on colour alone. A verdict whose rating
is ``None`` (``unproven`` by default) has no place on the numeric scale: its
ClaimReview carries the textual rating only, as Google's guidelines allow.

Sites change the scale in ``site.yml``: entries under
``plugins: {factchecks: {verdicts: ...}}`` are merged over the default scale,
field by field; ``name: false`` removes a default verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from briefgen.config import Config

#: The numeric scale that ClaimReview ratings are published on.
WORST_RATING = 1
BEST_RATING = 5

#: Icons a verdict may use (drawn by ``factchecks/macros.html``).
ICONS = ("check", "check-partial", "half", "warning", "cross-partial", "cross", "question")

#: Icon by rating, for verdicts that name none.
_ICON_FOR_RATING = {5: "check", 4: "check-partial", 3: "half", 2: "cross-partial", 1: "cross"}

_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

DEFAULT_VERDICTS: dict[str, dict[str, Any]] = {
    "true": {
        "label": "True",
        "rating": 5,
        "icon": "check",
        "description": "The claim is accurate and nothing significant is missing.",
    },
    "mostly-true": {
        "label": "Mostly true",
        "rating": 4,
        "icon": "check-partial",
        "description": "The claim is accurate but needs clarification or leaves out some context.",
    },
    "mixed": {
        "label": "Mixed",
        "rating": 3,
        "icon": "half",
        "description": "Parts of the claim are accurate and parts are not, or it holds "
        "only on one reading of the figures.",
    },
    "misleading": {
        "label": "Misleading",
        "rating": 2,
        "icon": "warning",
        "description": "The claim may be accurate in its details but gives a false impression.",
    },
    "mostly-false": {
        "label": "Mostly false",
        "rating": 2,
        "icon": "cross-partial",
        "description": "The claim has an element of truth but ignores facts that would "
        "give a different impression.",
    },
    "false": {
        "label": "False",
        "rating": 1,
        "icon": "cross",
        "description": "The claim is not accurate.",
    },
    "unproven": {
        "label": "Unproven",
        "rating": None,
        "icon": "question",
        "description": "The evidence available does not allow the claim to be confirmed "
        "or refuted. It has no place on the numeric scale.",
    },
}


@dataclass(frozen=True)
class Verdict:
    """One verdict of the scale."""

    name: str
    label: str
    rating: int | None
    description: str
    icon: str

    @property
    def tone(self) -> str:
        """A CSS class suffix for the verdict's colour: ``r1`` .. ``r5`` or ``none``."""
        return f"r{self.rating}" if self.rating is not None else "none"


@dataclass(frozen=True)
class Scale:
    """The site's verdicts, in the order they are listed (best first by default)."""

    verdicts: tuple[Verdict, ...]

    def get(self, name: str) -> Verdict | None:
        for verdict in self.verdicts:
            if verdict.name == name:
                return verdict
        return None

    def __getitem__(self, name: str) -> Verdict:
        verdict = self.get(name)
        if verdict is None:
            raise KeyError(name)
        return verdict

    @property
    def names(self) -> list[str]:
        return [v.name for v in self.verdicts]

    def resolve(self, value: Any) -> Verdict | None:
        """The verdict ``value`` names: its name or its label, in any case, with
        spaces or underscores for hyphens. YAML reads a bare ``true`` or
        ``false`` as a boolean; those name the verdicts ``true`` and ``false``."""
        if isinstance(value, bool):
            value = "true" if value else "false"
        if not isinstance(value, str):
            return None
        key = normalise_name(value)
        for verdict in self.verdicts:
            if key in (verdict.name, normalise_name(verdict.label)):
                return verdict
        return None

    def describe(self) -> str:
        """The scale in one line, for error messages."""
        return ", ".join(self.names)


def normalise_name(value: str) -> str:
    """``Mostly True`` -> ``mostly-true``."""
    return re.sub(r"[\s_]+", "-", value.strip().lower())


def build_scale(overrides: dict[str, Any], config: Config | None = None) -> Scale:
    """The default scale with ``overrides`` (the ``verdicts`` setting) merged in.

    Raises :class:`briefgen.ConfigError` pointing at the offending line of
    ``site.yml`` for a malformed entry.
    """
    from briefgen import ConfigError

    def error(message: str, *path: str) -> ConfigError:
        where = ("plugins", "factchecks", "verdicts", *path)
        if config is not None:
            return config.error(message, *where)
        return ConfigError(message)

    merged: dict[str, dict[str, Any]] = {k: dict(v) for k, v in DEFAULT_VERDICTS.items()}
    for raw_key, entry in (overrides or {}).items():
        # YAML reads the keys true and false as booleans.
        raw_name = str(raw_key).lower() if isinstance(raw_key, bool) else str(raw_key)
        name = normalise_name(raw_name)
        if not _NAME.match(name):
            raise error(
                f"verdict name {raw_name!r} may hold only letters, digits and '-'", raw_name
            )
        if entry is False:
            merged.pop(name, None)
            continue
        if not isinstance(entry, dict):
            raise error(
                f"verdict '{raw_name}' must be a mapping with label, rating and description "
                "(or false to remove it)",
                raw_name,
            )
        unknown = sorted(set(entry) - {"label", "rating", "description", "icon"})
        if unknown:
            raise error(
                f"verdict '{raw_name}' has an unknown field '{unknown[0]}' "
                "(known: label, rating, description, icon)",
                raw_name,
                unknown[0],
            )
        base = merged.get(name, {})
        if "label" not in entry and "label" not in base:
            raise error(f"verdict '{raw_name}' needs a label", raw_name)
        merged[name] = {**base, **entry}
        _check_fields(name, raw_name, merged[name], error)
    if not merged:
        raise error("the verdict scale is empty: keep at least one verdict")
    verdicts = []
    for name, fields in merged.items():
        rating = fields.get("rating")
        icon = fields.get("icon") or (_ICON_FOR_RATING[rating] if rating else "question")
        verdicts.append(
            Verdict(
                name=name,
                label=str(fields["label"]).strip(),
                rating=rating,
                description=str(fields.get("description") or "").strip(),
                icon=icon,
            )
        )
    return Scale(tuple(verdicts))


def _check_fields(name: str, raw: str, fields: dict[str, Any], error: Any) -> None:
    label = fields.get("label")
    if not isinstance(label, str) or not label.strip():
        raise error(f"the label of verdict '{name}' must be text", raw, "label")
    rating = fields.get("rating")
    if rating is not None and (
        isinstance(rating, bool)
        or not isinstance(rating, int)
        or not WORST_RATING <= rating <= BEST_RATING
    ):
        raise error(
            f"the rating of verdict '{name}' must be a whole number from {WORST_RATING} "
            f"(false) to {BEST_RATING} (true), or null for no place on the scale, "
            f"not {rating!r}",
            raw,
            "rating",
        )
    description = fields.get("description")
    if description is not None and not isinstance(description, str):
        raise error(f"the description of verdict '{name}' must be text", raw, "description")
    icon = fields.get("icon")
    if icon is not None and icon not in ICONS:
        raise error(
            f"the icon of verdict '{name}' must be one of {', '.join(ICONS)}, not {icon!r}",
            raw,
            "icon",
        )
