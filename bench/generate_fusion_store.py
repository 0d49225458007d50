"""A generated dyad store of many documents, for the fusion and web latency benchmarks.

    python bench/generate_fusion_store.py --docs 100000 --out /tmp/dyad-bench/store-100k.duckdb

Synthetic documents and their extractions go straight into the store through its
bulk path (Parquet shards in the store's row layout, loaded by
`dyad.store.shards.load_shard`, as the Dask engine does), then fusion runs over
them (`dyad.fuse.update.fuse_pending`, the same code `dyad ingest` runs), so the
file is a store `dyad` can list, brief and serve as it is. Reuse the file: a
second run with the same arguments finds it and does nothing.

The corpus imitates news about states: documents over `--days` days from a few
hundred outlets (a few busy ones; some give an outlet name, the rest only a
URL), about 650 words each, one in twenty a near-copy of an earlier one. Each
day a world of events happens between states (busy pairs and CAMEO roots
weighted roughly like GDELT's), with named people on each side; documents
report some of them (several documents per event, some before it happens, as
plans), dated to the day, the month or not at all, plus some history years back.
Figures about pairs are repeated by several documents, mostly with one value,
sometimes another. `new_documents` makes more documents of the same world, for
the incremental benchmark.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

STATES = (
    "USA CHN RUS UKR ISR IRN GBR FRA DEU JPN KOR PRK IND PAK TUR SAU SYR IRQ AFG EGY BRA MEX CAN AUS ZAF NGA ETH "
    "SDN VEN PSE POL ITA ESP NLD SWE NOR FIN BEL AUT CHE GRC HUN CZE ROU SRB QAT ARE JOR LBN YEM LBY DZA MAR KEN "
    "SOM COL ARG CHL PER IDN"
).split()
NAMES = {s: s.title() for s in STATES}
# CAMEO root, share of events (roughly GDELT's), Goldstein, a code of the root, trigger words
ROOTS = [
    ("01", 0.16, 0.0, "010", ["said", "stated"]), ("02", 0.07, 3.0, "020", ["urged", "appealed to"]),
    ("03", 0.07, 4.0, "030", ["pledged", "vowed"]), ("04", 0.17, 1.0, "040", ["met", "held talks with"]),
    ("04", 0.04, 1.9, "042", ["visited", "travelled to"]), ("05", 0.08, 3.5, "051", ["praised", "welcomed"]),
    ("06", 0.03, 6.0, "061", ["cooperated with", "traded with"]), ("07", 0.04, 7.0, "070", ["sent aid to", "aided"]),
    ("08", 0.03, 5.0, "081", ["eased sanctions on", "lifted curbs on"]),
    ("10", 0.03, -5.0, "100", ["demanded", "pressed"]), ("11", 0.06, -2.0, "111", ["criticised", "condemned"]),
    ("12", 0.03, -4.0, "120", ["rejected", "rebuffed"]), ("13", 0.03, -6.0, "130", ["threatened", "warned"]),
    ("14", 0.03, -6.5, "140", ["protested", "demonstrated against"]),
    ("16", 0.02, -4.0, "163", ["embargoed", "banned goods from"]), ("17", 0.04, -5.0, "173", ["arrested", "detained"]),
    ("18", 0.03, -9.0, "183", ["attacked", "bombed"]), ("19", 0.04, -10.0, "190", ["fought", "shelled"]),
]
FAMILY_SYMMETRIC = {"04", "05", "06"}
FIGURES = [("troops", "troops stationed"), ("USD", "investment pledged"), ("share", "share of exports"),
           ("agreements", "agreements signed"), ("people", "people displaced")]
RELATIONS = ["partner", "ally", "rival", "supports", "depends_on"]
WORDS = ("government officials talks region security trade economy border policy leaders minister ministry week "
         "agreement pressure relations support crisis conflict market energy investment development reform "
         "election parliament diplomats spokesman statement meeting summit plan issue concerns visit cooperation "
         "sanctions military forces tensions analysts report capital province citizens").split()
SYLLABLES = "ka lo mi sen ta ru vo ne li an jo be da fi go ha ki ma no pa re su te wu ya zo ri el".split()
DOCS_PER_DAY = 137
START = dt.date(2024, 1, 1)


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1.0 / (k ** s) for k in range(1, n + 1)]


def person_name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()

    return f"{word()} {word()}"


@dataclass
class WorldEvent:
    day: dt.date
    source: str
    target: str
    root: str
    code: str
    goldstein: float
    trigger: str
    source_person: str
    target_person: str
    topic: list[str]


@dataclass
class World:
    """Everything the documents of one run share: states' people, outlets, events per day, figures."""

    rng: random.Random
    days: int
    people: dict[str, list[str]] = field(default_factory=dict)
    outlets: list[tuple[str | None, str]] = field(default_factory=list)  # (name or None, host)
    events: dict[int, list[WorldEvent]] = field(default_factory=dict)
    figures: dict[tuple[str, str, str], float] = field(default_factory=dict)
    _popularity: dict[int, list[float]] = field(default_factory=dict)

    @classmethod
    def make(cls, seed: int, days: int) -> World:
        rng = random.Random(seed)
        world = cls(rng, days)
        world.people = {s: [person_name(rng) for _ in range(60)] for s in STATES}
        for k in range(300):
            host = f"news{k:03d}.example"
            world.outlets.append((f"News Outlet {k:03d}" if rng.random() < 0.6 else None, host))
        return world

    def pair(self) -> tuple[str, str]:
        weights = zipf_weights(len(STATES))
        a, b = self.rng.choices(STATES, weights, k=2)
        while b == a:
            b = self.rng.choices(STATES, weights)[0]
        return a, b

    def day_events(self, day: int) -> list[WorldEvent]:
        """The events of one day, made the first time a document asks."""
        if day not in self.events:
            rng = self.rng
            found = []
            for _ in range(int(DOCS_PER_DAY * 6 / 3.5)):
                a, b = self.pair()
                root, _, goldstein, code, triggers = rng.choices(ROOTS, [r[1] for r in ROOTS])[0]
                found.append(WorldEvent(
                    START + dt.timedelta(days=day), a, b, root, code, goldstein, rng.choice(triggers),
                    rng.choice(self.people[a][:20] if rng.random() < 0.7 else self.people[a]),
                    rng.choice(self.people[b][:20] if rng.random() < 0.7 else self.people[b]),
                    rng.sample(WORDS, 5),
                ))
            self.events[day] = found
        return self.events[day]

    def popularity(self, n: int) -> list[float]:
        """How likely a document is to report each of a day's events (a few big stories, many small)."""
        if n not in self._popularity:
            self._popularity[n] = zipf_weights(n, 0.8)
        return self._popularity[n]

    def figure(self, a: str, b: str, subject: str) -> float:
        key = (min(a, b), max(a, b), subject)
        if key not in self.figures:
            unit = dict((s, u) for u, s in FIGURES)[subject]
            base = {"troops": 1000 * self.rng.randint(2, 60), "USD": 1e9 * self.rng.randint(1, 50),
                    "share": round(self.rng.uniform(0.05, 0.6), 2), "agreements": self.rng.randint(3, 20),
                    "people": 1000 * self.rng.randint(1, 500)}[unit]
            self.figures[key] = float(base)
        return self.figures[key]


class Doc:
    """One generated document: its text as sentences, and every table's rows as dicts."""

    def __init__(self, doc_id: str) -> None:
        self.id = doc_id
        self.sentences: list[str] = []
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in
                                                      ("sentences", "entities", "actors", "mentions", "events",
                                                       "quotes", "claims", "relations")}
        self.actors: dict[str, dict[str, Any]] = {}
        self.offset = 0

    def add_sentence(self, text: str) -> int:
        """Append a sentence; its start offset."""
        start = self.offset
        self.rows["sentences"].append({"doc_id": self.id, "idx": len(self.sentences), "index": len(self.sentences),
                                       "start": start, "end": start + len(text)})
        self.sentences.append(text)
        self.offset += len(text) + 1
        return start

    def actor(self, key: str, name: str, kind: str, country: str, start: int) -> str:
        if key not in self.actors:
            row = {"doc_id": self.id, "idx": len(self.actors), "key": key, "name": name, "kind": kind,
                   "country": country, "role": "government" if kind == "state" else "official",
                   "sector": "GOV", "code": f"{country}GOV", "aliases": [name], "why": "generated"}
            self.actors[key] = row
            self.rows["actors"].append(row)
        self.rows["mentions"].append({"doc_id": self.id, "idx": len(self.rows["mentions"]), "actor_key": key,
                                      "text": name, "start": start, "end": start + len(name), "how": "name"})
        self.rows["entities"].append({"doc_id": self.id, "idx": len(self.rows["entities"]), "text": name,
                                      "label": "PERSON" if kind == "person" else "GPE", "start": start,
                                      "end": start + len(name)})
        return key

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def _filler(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(14, 26))).capitalize() + "."


def _event(doc: Doc, world: World, rng: random.Random, ev: WorldEvent, published: dt.date) -> None:
    """Report one world event: a sentence, its actors, its event row."""
    src, tgt = NAMES[ev.source], NAMES[ev.target]
    words = " ".join(ev.topic)
    sentence = f"{ev.source_person} of {src} {ev.trigger} {ev.target_person} of {tgt} over {words}."
    start = doc.add_sentence(sentence)
    sa = doc.actor(f"person:{ev.source_person.lower().replace(' ', '')}", ev.source_person, "person", ev.source, start)
    t0 = start + sentence.index(f"{ev.target_person} of")
    ta = doc.actor(f"person:{ev.target_person.lower().replace(' ', '')}", ev.target_person, "person", ev.target, t0)
    doc.actor(f"state:{ev.source}", src, "state", ev.source, start + sentence.index(f"of {src}") + 3)
    doc.actor(f"state:{ev.target}", tgt, "state", ev.target, start + sentence.index(f"of {tgt}") + 3)
    ahead = ev.day > published
    r = rng.random()
    if ev.day.year < published.year - 1:
        when, precision = str(ev.day.year), "year"
    elif r < 0.4:
        when, precision = ev.day.isoformat(), "day"
    elif r < 0.5:
        when, precision = ev.day.isoformat()[:7], "month"
    else:
        when, precision = None, None
    trig = start + sentence.index(ev.trigger)
    realis = not ahead and rng.random() < 0.98
    doc.rows["events"].append({
        "doc_id": doc.id, "idx": len(doc.rows["events"]), "source_actor": sa, "target_actor": ta,
        "source": ev.source, "target": ev.target, "code": ev.code, "root": ev.root, "trigger": ev.trigger,
        "realis": realis, "modality": "asserted" if realis else "planned", "negated": False, "when": when,
        "when_precision": precision, "goldstein": ev.goldstein, "quad_class": _quad(ev.root), "plover": None,
        "start": start, "end": start + len(sentence), "trigger_evidence_start": trig,
        "trigger_evidence_end": trig + len(ev.trigger), "source_evidence_start": start,
        "source_evidence_end": start + len(ev.source_person), "target_evidence_start": t0,
        "target_evidence_end": t0 + len(ev.target_person), "background": False,
        "when_text": ev.day.isoformat() if when else None,
    })


def _quad(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def _claim(doc: Doc, world: World, rng: random.Random, a: str, b: str) -> None:
    unit, subject = rng.choice(FIGURES)
    value = world.figure(a, b, subject)
    r = rng.random()
    if r > 0.95:
        value *= rng.choice([0.6, 0.7, 1.3, 1.5])
    elif r > 0.85:
        value *= rng.choice([0.99, 1.01])
    number = f"{value:.0%}" if unit == "share" else f"{value:,.0f}"
    about = f"{subject} between {NAMES[a]} and {NAMES[b]}"
    sentence = f"About {number} {unit} in {about}, officials said."
    start = doc.add_sentence(sentence)
    doc.rows["claims"].append({
        "doc_id": doc.id, "idx": len(doc.rows["claims"]), "value": value, "unit": unit, "approx": True,
        "qualifier": "about", "about": about, "actors": sorted({a, b}), "asserted_by": None,
        "start": start + 6, "end": start + 6 + len(number) + 1 + len(unit),
    })


def _relation(doc: Doc, rng: random.Random, a: str, b: str) -> None:
    kind = rng.choice(RELATIONS)
    polarity = "-" if rng.random() < 0.03 else "+"
    sentence = f"{NAMES[a]} and {NAMES[b]} are {'not ' if polarity == '-' else ''}{kind.replace('_', ' ')}s."
    start = doc.add_sentence(sentence)
    doc.rows["relations"].append({"doc_id": doc.id, "idx": len(doc.rows["relations"]), "a": a, "b": b, "type": kind,
                                  "polarity": polarity, "directed": kind in ("supports", "depends_on"),
                                  "start": start, "end": start + len(sentence)})


def _quote(doc: Doc, rng: random.Random) -> None:
    people = [r for r in doc.actors.values() if r["kind"] == "person"]
    if not people:
        return
    speaker = rng.choice(people)
    said = " ".join(rng.choices(WORDS, k=12)).capitalize() + "."
    sentence = f'"{said}" {speaker["name"]} said.'
    start = doc.add_sentence(sentence)
    doc.rows["quotes"].append({"doc_id": doc.id, "idx": len(doc.rows["quotes"]), "text": said, "kind": "direct",
                               "speaker": speaker["name"], "speaker_actor": speaker["key"], "start": start + 1,
                               "end": start + 1 + len(said), "speaker_evidence_start": start + len(said) + 3,
                               "speaker_evidence_end": start + len(said) + 3 + len(speaker["name"])})


def make_document(world: World, n: int, day: int, prefix: str = "g") -> tuple[dict[str, Any], Doc]:
    """One document published on `day` (days after START): its documents row and its extraction rows."""
    rng = world.rng
    doc = Doc(f"{prefix}{n:08d}")
    published = START + dt.timedelta(days=day)
    reported = []
    for _ in range(rng.choice([4, 5, 6, 6, 7, 8])):
        if rng.random() < 0.05:  # history, years back
            past = world.day_events(rng.randrange(max(1, day)))[0]
            reported.append(WorldEvent(**{**past.__dict__, "day": past.day - dt.timedelta(days=365 * rng.randint(3, 30))}))
        else:
            when = min(world.days - 1, max(0, day + rng.choice([-3, -2, -1, -1, 0, 0, 0, 1, 3, 7])))
            events = world.day_events(when)
            reported.append(rng.choices(events, world.popularity(len(events)))[0])
    for k, ev in enumerate(reported):
        if k % 2 == 0:
            for _ in range(rng.randint(1, 3)):
                doc.add_sentence(_filler(rng))
        _event(doc, world, rng, ev, published)
    for ev in reported[:3]:
        _claim(doc, world, rng, ev.source, ev.target)
    if rng.random() < 0.6:
        _relation(doc, rng, reported[0].source, reported[0].target)
    for _ in range(3):
        _quote(doc, rng)
    while len(doc.sentences) < 24:
        doc.add_sentence(_filler(rng))
    name, host = world.outlets[min(299, int(rng.paretovariate(0.9)) - 1)]
    text = doc.text
    row = {"id": doc.id, "text": text, "title": f"Report {n}", "outlet": name,
           "url": f"https://www.{host}/{published.isoformat()}/{doc.id}.html", "published": published,
           "language": "en", "source": f"generated/{doc.id}", "near_copy_of": None, "near_copy_score": None,
           "source_name": f"{doc.id}.txt", "n_chars": len(text), "n_words": len(text.split()), "model": "generated"}
    return row, doc


def _copy(world: World, original: tuple[dict[str, Any], Doc], n: int, prefix: str) -> tuple[dict[str, Any], Doc]:
    """A near-copy: the original's text and extraction under another outlet."""
    row, doc = original
    copy = Doc(f"{prefix}{n:08d}")
    copy.sentences = list(doc.sentences)
    copy.rows = {t: [{**r, "doc_id": copy.id} for r in rows] for t, rows in doc.rows.items()}
    name, host = world.outlets[world.rng.randrange(300)]
    new = {**row, "id": copy.id, "outlet": name, "url": f"https://{host}/{copy.id}.html", "near_copy_of": row["id"],
           "near_copy_score": 0.93, "source": f"generated/{copy.id}", "source_name": f"{copy.id}.txt"}
    return new, copy


def batch(world: World, start: int, size: int, prefix: str = "g", days: tuple[int, int] | None = None,
          recent: list[tuple[dict[str, Any], Doc]] | None = None) -> list[tuple[dict[str, Any], Doc]]:
    """`size` documents numbered from `start`, published over `days` (first, last) days after START."""
    lo, hi = days or (0, world.days - 1)
    out: list[tuple[dict[str, Any], Doc]] = []
    pool = recent if recent is not None else out
    for n in range(start, start + size):
        if pool and world.rng.random() < 0.05:
            out.append(_copy(world, world.rng.choice(pool[-200:]), n, prefix))
        else:
            out.append(make_document(world, n, world.rng.randint(lo, hi), prefix))
    return out


def write_batch(store: Any, docs: list[tuple[dict[str, Any], Doc]], folder: Path) -> list[str]:
    """Write one batch as Parquet shards in the store's row layout and bulk-load them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dyad.scale.dask_engine import document_columns, table_columns
    from dyad.store.schema import EXTRACTION_TABLES, arrow_schema
    from dyad.store.shards import load_shard

    folder.mkdir(parents=True, exist_ok=True)
    files = {}

    def write(name: str, cols: list[tuple[str, str]], rows: list[dict[str, Any]]) -> None:
        table = pa.table({c: [r.get(c) for r in rows] for c, _ in cols}, schema=arrow_schema(cols))
        files[name] = str(folder / f"{name}.parquet")
        pq.write_table(table, files[name])

    write("documents", document_columns(), [row for row, _ in docs])
    for table in EXTRACTION_TABLES:
        write(table, table_columns(table), [r for _, doc in docs for r in doc.rows[table]])
    return load_shard(store, files)


def new_documents(world: World, n: int, first_number: int, prefix: str = "n") -> list[tuple[dict[str, Any], Doc]]:
    """`n` more documents of the same world, published over its last week, as a feed brings them
    (for incremental fusion)."""
    return batch(world, first_number, n, prefix, (world.days - 7, world.days - 1))


def generate(path: Path, n_docs: int, seed: int = 7, days: int | None = None, fuse: bool = True,
             batch_size: int = 5000, quiet: bool = False) -> dict[str, float]:
    """Build the store at `path` (an existing file is kept as it is); seconds spent writing and fusing."""
    from dyad.fuse.actor_tables import resolve_stored
    from dyad.fuse.update import fuse_pending
    from dyad.store import open_store

    timings = {"write_s": 0.0, "fuse_s": 0.0, "actors_s": 0.0}
    if path.exists():
        return timings
    days = days or max(30, n_docs // DOCS_PER_DAY)
    world = World.make(seed, days)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.duckdb")
    partial.unlink(missing_ok=True)
    with open_store(partial) as store, tempfile.TemporaryDirectory(prefix="dyad-gen-") as tmp:
        t = time.perf_counter()
        for k, start in enumerate(range(0, n_docs, batch_size)):
            # documents arrive roughly in publication order, as a news feed does
            span = (k * batch_size * days // n_docs, min(days - 1, ((k + 1) * batch_size * days) // n_docs))
            docs = batch(world, start, min(batch_size, n_docs - start), "g", span)
            write_batch(store, docs, Path(tmp) / f"b{k}")
            if not quiet:
                print(f"  wrote {start + len(docs):,} documents ({time.perf_counter() - t:.0f} s)", file=sys.stderr)
        timings["write_s"] = time.perf_counter() - t
        if fuse:
            t = time.perf_counter()
            fuse_pending(store)
            timings["fuse_s"] = time.perf_counter() - t
            t = time.perf_counter()
            resolve_stored(store)
            timings["actors_s"] = time.perf_counter() - t
        store.con.execute("CHECKPOINT")
    partial.rename(path)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "dyad-bench" / "store-100k.duckdb")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-fuse", action="store_true", help="store the documents without fusing them")
    args = parser.parse_args()
    timings = generate(args.out, args.docs, args.seed, fuse=not args.no_fuse)
    print(f"{args.out}: {timings}")


if __name__ == "__main__":
    main()
