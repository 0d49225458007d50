"""The actors of one document while they are being found: one draft per real-world actor."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dyad.extract.actors import lexicon
from dyad.extract.actors.span_index import SpanIndex
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import WordFinder
from dyad.records import Actor, ActorMention


@dataclass
class Draft:
    key: str
    name: str
    kind: str
    country: str | None = None
    role: str | None = None
    sector: str | None = None
    why: list[str] = field(default_factory=list)
    igo: str | None = None  # the international body a person or organisation belongs to
    cameo: str | None = None  # full CAMEO actor code when a table gives one (IGOUNO, PSEREBHMS)
    aliases: list[str] = field(default_factory=list)
    # (start_char, end_char, how)
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(s for s, _, _ in self.spans) if self.spans else 1 << 30

    def set_country(self, country: str | None, why: str) -> None:
        if country and not self.country:
            self.country = country
            self.why.append(why)

    def set_role(self, role: str | None, sector: str | None, why: str) -> None:
        if role and not self.role:
            self.role, self.sector = role, sector
            self.why.append(why)


class Registry:
    """Drafts by key, and which character spans are already taken by a mention.

    `taken` maps each mention's span to its actor; an index of the same spans by
    their start answers "which mention overlaps these characters" by bisection,
    whatever the length of the document.
    """

    def __init__(self, text: str, words: WordFinder | None = None) -> None:
        """`words` finds words in the text (a finder shared with other finders when one is at hand)."""
        self.text = text
        self._words = words if words is not None and words.text == text else WordFinder(text)
        self.drafts: dict[str, Draft] = {}
        self.taken: dict[tuple[int, int], str] = {}
        self._cover = SpanIndex()  # the taken spans, to find those over given characters
        self._order: dict[tuple[int, int], int] = {}  # span -> when it was taken

    def get(self, key: str) -> Draft | None:
        return self.drafts.get(key)

    def ensure(self, key: str, name: str, kind: str, **values: object) -> Draft:
        draft = self.drafts.get(key)
        if draft is None:
            draft = Draft(key=key, name=name, kind=kind)
            for attr, value in values.items():
                setattr(draft, attr, value)
            self.drafts[key] = draft
        return draft

    def ensure_state(self, iso3: str) -> Draft:
        """The state's draft, made when the document has not named the state yet."""
        return self.ensure(f"state:{iso3}", state_name(iso3), "state", country=iso3, role="government", sector="GOV")

    def overlaps(self, start: int, end: int) -> str | None:
        """The actor of the first-taken mention that overlaps the characters start..end."""
        spans = set(self._cover.over(max(start, 0), end))
        live = [span for span in spans if span in self.taken]
        return self.taken[min(live, key=self._order.__getitem__)] if live else None

    def keys_at(self, char: int) -> list[str]:
        """The actors of the mentions that hold a character."""
        return [self.taken[span] for span in self._cover.at(char) if span in self.taken]

    def _take(self, start: int, end: int, key: str) -> None:
        if (start, end) not in self.taken:
            self._order[(start, end)] = len(self._order)
            self._cover.add((start, end))
        self.taken[(start, end)] = key

    def release(self, start: int, end: int) -> None:
        """Free a span (its mention was dropped)."""
        if self.taken.pop((start, end), None) is not None:
            self._order.pop((start, end), None)
            self._cover.remove((start, end))

    def mention(self, key: str, start: int, end: int, how: str) -> None:
        """Record a mention, unless the exact span is already someone's or the actor is unknown."""
        if (start, end) in self.taken or start >= end or key not in self.drafts:
            return
        draft = self.drafts[key]
        draft.spans.append((start, end, how))
        self._take(start, end, key)
        surface = self.text[start:end]
        if how not in {"pronoun", "title"} and surface not in draft.aliases:
            draft.aliases.append(surface)

    def repeat_names(self) -> None:
        """A person's or organisation's name of two words or more, found once, is found wherever the
        text repeats it (the language model does not always tag it twice)."""
        for draft in list(self.drafts.values()):
            if draft.kind not in {"person", "organization"}:
                continue
            for name in {n for n in (draft.name, *draft.aliases) if len(n.split()) > 1}:
                for start in self.occurrences(name):
                    end = start + len(name)
                    if self.overlaps(start, end) is not None:
                        continue
                    branch = _BRANCH.match(self.text, end) if draft.kind == "organization" else None
                    home = lexicon.gazetteer().forms.get(branch.group(1)) if branch else None
                    if branch is not None and home is not None:  # "the Sasakawa Peace Foundation USA": its branch there
                        end = branch.end()
                        draft.set_country(home[0], f"'{self.text[start:end]}'")
                    self.mention(draft.key, start, end, "name")

    def occurrences(self, name: str) -> list[int]:
        """Where the name stands as whole words in the text, found through an index of words built once."""
        first = re.match(r"\w+", name)
        if first is None:
            return [m.start() for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", self.text)]
        text, found = self.text, []
        for start in self._words.starts(first.group()):
            end = start + len(name)
            if text.startswith(name, start) and (start == 0 or text[start - 1] != "-") and not _word_char(text, end):
                found.append(start)
        return found

    def rekey(self, old: str, new: str) -> None:
        """Fold draft `old` into `new` (same real-world actor found twice)."""
        if old == new or old not in self.drafts:
            return
        src, dst = self.drafts.pop(old), self.drafts[new]
        for start, end, how in src.spans:
            dst.spans.append((start, end, how))
            self._take(start, end, new)
        for alias in src.aliases:
            if alias not in dst.aliases:
                dst.aliases.append(alias)
        dst.set_country(src.country, f"{src.name}: {', '.join(src.why)}" if src.why else "merged")
        dst.set_role(src.role, src.sector, f"role from {src.name}")

    def emit(self, ctx: DocContext) -> None:
        """Write actors (in order of first mention) and mentions to the context."""
        for draft in sorted(self.drafts.values(), key=lambda d: d.first):
            if not draft.spans:
                continue
            code = _code(draft)
            ctx.add_actor(
                Actor(
                    key=draft.key,
                    name=draft.name,
                    kind=draft.kind,  # type: ignore[arg-type]
                    country=draft.country,
                    role=draft.role,
                    sector=draft.sector,
                    code=code,
                    aliases=draft.aliases,
                    why="; ".join(dict.fromkeys(draft.why)) or None,
                )
            )
        mentions = [(s, e, how, d.key) for d in self.drafts.values() for s, e, how in d.spans]
        for start, end, how, key in sorted(mentions):
            ctx.add_mention(ActorMention(actor_key=key, text=self.text[start:end], evidence=ctx.evidence(start, end), how=how))


_WORD_CHAR = re.compile(r"[\w-]")
_BRANCH = re.compile(r" ([A-Z]{2,4})(?![\w-])")


def _word_char(text: str, i: int) -> bool:
    return i < len(text) and _WORD_CHAR.match(text, i) is not None


def _code(draft: Draft) -> str | None:
    """CAMEO actor code: a table's full code when there is one, else country + sector ("KORGOV");
    international bodies and the people who serve them the body's code ("IGOUNO")."""
    if draft.cameo:
        return draft.cameo
    if draft.sector == "IGO":
        body = draft.igo or (draft.key.split(":", 1)[1] if draft.key.startswith("igo:") else "")
        igo = lexicon.igos().get(body)
        return igo.cameo if igo and igo.cameo else "IGO" + body.replace("_", "")
    if draft.country and draft.sector:
        return draft.country + draft.sector
    return draft.country


def state_name(iso3: str) -> str:
    state = lexicon.gazetteer().states.get(iso3)
    return state.name if state else iso3
