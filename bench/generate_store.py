"""A generated store for benchmarks: N documents of invented news, with every table dyad fills.

    python bench/generate_store.py OUT.duckdb [--documents 100000] [--seed 7]

Each document is a few sentences built from templates (states, their capitals,
invented officials, CAMEO verbs, a quotation, a figure) over three years and
a dozen outlets, with the extraction a reader would store for it: sentences,
actors and their mentions, events (realis and not, with Goldstein and
QuadClass), a quotation, a claim and a relation, every span at its true
offsets. Documents go in through `Store.write_many`, the path `dyad ingest`
takes, so the full-text index and every table are filled as in real use; then
the documents are fused (the fusion tables and global actors, as ingest keeps them). A
few busy states and outlets carry most of the news, as in real corpora; one
document in twenty is a near-copy of the one before it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dyad.fuse.actor_tables import resolve_stored  # noqa: E402
from dyad.fuse.update import fuse_pending  # noqa: E402
from dyad.records import (  # noqa: E402 - after the path is set
    Actor,
    ActorMention,
    Claim,
    DocExtraction,
    Document,
    Event,
    Evidence,
    Quote,
    Relation,
    Sentence,
)
from dyad.store import open_store  # noqa: E402

STATES = [
    ("USA", "Washington", "American"), ("CHN", "Beijing", "Chinese"), ("RUS", "Moscow", "Russian"),
    ("UKR", "Kyiv", "Ukrainian"), ("ISR", "Jerusalem", "Israeli"), ("IRN", "Tehran", "Iranian"),
    ("GBR", "London", "British"), ("FRA", "Paris", "French"), ("DEU", "Berlin", "German"),
    ("JPN", "Tokyo", "Japanese"), ("KOR", "Seoul", "South Korean"), ("PRK", "Pyongyang", "North Korean"),
    ("IND", "New Delhi", "Indian"), ("PAK", "Islamabad", "Pakistani"), ("TUR", "Ankara", "Turkish"),
    ("SAU", "Riyadh", "Saudi"), ("EGY", "Cairo", "Egyptian"), ("BRA", "Brasilia", "Brazilian"),
    ("MEX", "Mexico City", "Mexican"), ("CAN", "Ottawa", "Canadian"), ("AUS", "Canberra", "Australian"),
    ("ZAF", "Pretoria", "South African"), ("NGA", "Abuja", "Nigerian"), ("ETH", "Addis Ababa", "Ethiopian"),
]
# CAMEO code, root, verb, Goldstein, QuadClass
VERBS = [
    ("040", "04", "held talks with", 1.0, 1), ("042", "04", "visited", 1.9, 1), ("036", "03", "offered to meet", 4.0, 1),
    ("051", "05", "praised", 3.4, 1), ("057", "05", "signed an agreement with", 8.0, 1),
    ("061", "06", "expanded trade with", 6.4, 2), ("071", "07", "sent aid to", 7.4, 2),
    ("111", "11", "criticised", -2.0, 3), ("112", "11", "accused", -2.0, 3), ("130", "13", "threatened", -4.4, 3),
    ("138", "13", "threatened military action against", -7.0, 3), ("163", "16", "imposed sanctions on", -8.0, 4),
    ("172", "17", "seized a ship from", -9.2, 4), ("190", "19", "attacked", -10.0, 4),
]
ROLES = ["foreign minister", "defence minister", "president", "prime minister", "trade minister", "ambassador"]
FIRST = ["Amara", "Boris", "Chen", "Dana", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemal", "Lena",
         "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yara"]
LAST = ["Abara", "Brandt", "Castell", "Duarte", "Erikson", "Fontaine", "Gallo", "Haddad", "Ivers", "Jensen",
        "Kowal", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quint", "Rahimi", "Sato", "Tanaka"]
TOPICS = ["trade", "border security", "energy supplies", "fishing rights", "a water treaty", "grain exports",
          "a new railway", "nuclear talks", "refugees", "rare earth minerals"]
MODALITY = [("asserted", True), ("asserted", True), ("asserted", True), ("planned", False), ("expected", False)]
OUTLETS = [f"{a} {b}" for a, b in zip(
    ["Harbour", "Capital", "Lantern", "Northern", "Coastal", "Evening", "Morning", "Pacific", "Atlantic", "Global",
     "Daily", "Weekly"],
    ["Wire", "Monitor", "Daily", "Ledger", "Bulletin", "Post", "Courier", "Herald", "Times", "Review", "Record",
     "Observer"], strict=True)]
START = dt.date(2023, 1, 1)
DAYS = 3 * 365


def _skewed(rng: random.Random, items: list, power: float = 2.2):  # type: ignore[no-untyped-def]
    """An item, the first ones much more often (a few busy states and outlets)."""
    return items[int(len(items) * rng.random() ** power)]


class Writer:
    """Builds one document's text sentence by sentence, recording each span's offsets."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> Evidence:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return Evidence(doc_id=self.doc_id, start=start, end=start + len(text))

    def span(self, sentence: Evidence, words: str, sentence_text: str) -> Evidence:
        at = sentence.start + sentence_text.index(words)
        return Evidence(doc_id=self.doc_id, start=at, end=at + len(words))


def person(rng: random.Random, state: tuple[str, str, str]) -> tuple[str, str, str]:
    """(name, role, key) of an invented official of a state; a few hundred names per state."""
    name = f"{rng.choice(FIRST)} {_skewed(rng, LAST, 1.5)}"
    role = rng.choice(ROLES)
    return name, role, f"person:{name.lower().replace(' ', '')}"


def document(i: int, rng: random.Random) -> tuple[Document, DocExtraction]:
    doc_id = f"g{i:07d}"
    w = Writer(doc_id)
    published = START + dt.timedelta(days=int(rng.random() * DAYS))
    actors: dict[str, Actor] = {}
    mentions: list[ActorMention] = []
    sentences: list[Sentence] = []
    events: list[Event] = []

    def mention(key: str, words: str, ev: Evidence, how: str = "name") -> None:
        mentions.append(ActorMention(actor_key=key, text=words, evidence=ev, how=how))

    def state_actor(s: tuple[str, str, str]) -> str:
        key = f"state:{s[0]}"
        actors.setdefault(key, Actor(key=key, name=s[1], kind="state", country=s[0], code=s[0]))
        return key

    for k in range(rng.randint(3, 5)):
        a, b = _skewed(rng, STATES), _skewed(rng, STATES)
        while b == a:
            b = rng.choice(STATES)
        code, root, verb, goldstein, quad = rng.choice(VERBS)
        name, role, pkey = person(rng, a)
        actors.setdefault(pkey, Actor(key=pkey, name=name, kind="person", country=a[0], role=role,
                                      sector="GOV", code=f"{a[0]}GOV", why=f"{role} of {a[1]}"))
        modality, realis = rng.choice(MODALITY)
        said = verb if realis else f"is expected to say it {verb}"  # a plan: kept, marked irrealis
        text = f"The {a[2]} {role}, {name}, {said} {b[1]} over {rng.choice(TOPICS)}. "
        sentence = w.add(text)
        sentences.append(Sentence(index=k, evidence=sentence))
        mention(state_actor(a), a[2], w.span(sentence, a[2], text), "demonym")
        mention(pkey, name, w.span(sentence, name, text))
        mention(state_actor(b), b[1], w.span(sentence, b[1], text), "metonym")
        day = published - dt.timedelta(days=rng.randint(0, 3))
        when = day.isoformat() if rng.random() < 0.6 else None
        events.append(Event(
            source_actor=pkey, target_actor=f"state:{b[0]}", source=a[0], target=b[0], code=code, root=root,
            trigger=verb.split()[0], realis=realis, modality=modality, when=when,
            when_precision="day" if when else None, goldstein=goldstein, quad_class=quad, evidence=sentence,
            trigger_evidence=w.span(sentence, verb.split()[0], text),
            source_evidence=w.span(sentence, name, text), target_evidence=w.span(sentence, b[1], text),
        ))
    a = STATES[[s[0] for s in STATES].index(events[0].source or "USA")]
    b = STATES[[s[0] for s in STATES].index(events[0].target or "CHN")]
    speaker = actors[events[0].source_actor or ""]
    words = f"We want steady relations with {b[1]}, and we will keep talking"
    text = f"\u201c{words},\u201d {speaker.name} told reporters in {a[1]}. "
    sentence = w.add(text)
    sentences.append(Sentence(index=len(sentences), evidence=sentence))
    quote_span = w.span(sentence, words, text)
    mention(speaker.key, speaker.name, w.span(sentence, speaker.name, text))
    quotes = [Quote(text=words, speaker=speaker.name, speaker_actor=speaker.key, evidence=quote_span,
                    speaker_evidence=w.span(sentence, speaker.name, text))]
    value = rng.choice([120, 300, 450, 1200, 2500])
    unit_words = f"{value} million dollars"
    text = f"Trade between {a[1]} and {b[1]} reached {unit_words} last year, officials said. "
    sentence = w.add(text)
    sentences.append(Sentence(index=len(sentences), evidence=sentence))
    claims = [Claim(value=value * 1e6, unit="USD", about=f"trade between {a[1]} and {b[1]}", actors=[a[0], b[0]],
                    evidence=w.span(sentence, unit_words, text))]
    relations = [Relation(a=a[0], b=b[0], type="partner", polarity="+" if rng.random() < 0.8 else "-",
                          evidence=sentence)]
    outlet = _skewed(rng, OUTLETS, 1.6)
    title = f"{a[1]} and {b[1]}: {events[0].trigger} over {rng.choice(TOPICS)}"
    doc = Document(
        id=doc_id, text="".join(w.parts).strip(), title=title, outlet=outlet, published=published,
        url=f"https://example.org/{outlet.lower().replace(' ', '-')}/{published:%Y/%m/%d}/{doc_id}",
        source=f"generated/{doc_id}.txt",
        near_copy_of=f"g{i - 1:07d}" if i % 20 == 19 else None, near_copy_score=0.9 if i % 20 == 19 else None,
    )
    extraction = DocExtraction(doc_id=doc_id, model="generated", sentences=sentences, actors=list(actors.values()),
                               mentions=mentions, events=events, quotes=quotes, claims=claims, relations=relations)
    return doc, extraction


def generate(path: Path, n_documents: int, seed: int = 7, batch: int = 500) -> Path:
    """Write `n_documents` generated documents (and their extractions) into the store at `path`."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    with open_store(path) as store:
        for start in range(0, n_documents, batch):
            items = [(*document(i, rng), None) for i in range(start, min(n_documents, start + batch))]
            store.write_many(items)  # type: ignore[arg-type]
            if (start // batch) % 20 == 0:
                print(f"  {start + len(items):,} documents, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        # the fusion tables, as `dyad ingest` keeps them, so pages read stories, figures and actors as in use
        fuse_pending(store)
        resolve_stored(store)
        print(f"  fused, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.documents, args.seed)


if __name__ == "__main__":
    main()
