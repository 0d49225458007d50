"""`dyad eval` scoring as a pure function, the gold reader, the store read-back and the CLI shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.evaluate.gold import GoldDoc, GoldError, load_gold
from dyad.evaluate.score import score, scores_json

LAYER_KEYS = {"precision", "recall", "f1", "tp", "fp", "fn"}


def gold_doc(doc: str, **layers: list[dict]) -> GoldDoc:
    base = {layer: [] for layer in ("actors", "events", "quotes", "claims", "relations")}
    return GoldDoc(doc=doc, layers={**base, **layers})


def ev(source: str, target: str, root: str, code: str, realis: bool) -> dict:
    return {"source": source, "target": target, "root": root, "code": code, "realis": realis}


def test_micro_average_over_documents() -> None:
    gold = [
        gold_doc("a.txt", relations=[{"a": "NLD", "b": "CHL", "type": "ally", "polarity": "+"}]),
        gold_doc("b.txt", relations=[
            {"a": "PER", "b": "CHL", "type": "rival", "polarity": "+"},
            {"a": "PER", "b": "BOL", "type": "supports", "polarity": "+"},
        ]),
    ]
    predictions = {
        "a.txt": {"relations": [{"a": "CHL", "b": "NLD", "type": "ally", "polarity": "+"}]},
        "b.txt": {"relations": [
            {"a": "CHL", "b": "PER", "type": "rival", "polarity": "+"},
            {"a": "BOL", "b": "PER", "type": "supports", "polarity": "+"},
            {"a": "PER", "b": "CHL", "type": "partner", "polarity": "+"},
        ]},
    }
    rel = score(gold, predictions)["relations"].counts
    assert (rel.tp, rel.fp, rel.fn) == (2, 2, 1)
    assert rel.precision == pytest.approx(0.5)
    assert rel.recall == pytest.approx(2 / 3)
    assert rel.f1 == pytest.approx(4 / 7)


def test_matching_stays_within_one_document() -> None:
    gold = [gold_doc("a.txt", claims=[{"value": 3, "unit": "ships"}]), gold_doc("b.txt")]
    predictions = {"b.txt": {"claims": [{"value": 3, "unit": "ships"}]}}
    claims = score(gold, predictions)["claims"].counts
    assert (claims.tp, claims.fp, claims.fn) == (0, 1, 1)


def test_missing_prediction_counts_every_gold_item_as_missed() -> None:
    gold = [gold_doc("a.txt", actors=[{"name": "Ona Berg", "kind": "person", "country": "SWE"}])]
    result = score(gold, {})
    assert (result["actors"].counts.tp, result["actors"].counts.fn) == (0, 1)
    assert result["actors"].counts.f1 == 0.0


def test_country_accuracy_over_matched_actors() -> None:
    actors = [
        {"name": "Ona Berg", "kind": "person", "country": "SWE", "aliases": []},
        {"name": "Nordic Council", "kind": "organization", "country": None, "aliases": []},
        {"name": "Sweden", "kind": "state", "country": "SWE", "aliases": ["Stockholm"]},
    ]
    system = [
        {"name": "Berg", "kind": "person", "country": "NOR"},
        {"name": "Nordic Council", "kind": "organization", "country": None},
        {"name": "Stockholm", "kind": "organization", "country": "SWE"},  # kind differs: no match
    ]
    result = score([gold_doc("a.txt", actors=actors)], {"a.txt": {"actors": system}})["actors"]
    assert (result.counts.tp, result.counts.fp, result.counts.fn) == (2, 1, 1)
    ratio = result.ratios["country_accuracy"]
    assert (ratio.correct, ratio.total) == (1, 2)


def test_event_figures() -> None:
    gold = [
        ev("NLD", "CHL", "04", "042", True),
        ev("CHL", "NLD", "05", "051", False),
        ev("PER", "CHL", "19", "190", True),
    ]
    system = [
        ev("NLD", "CHL", "04", "043", True),  # match, code wrong
        ev("CHL", "NLD", "05", "051", True),  # match, realis wrong
        ev("CHL", "PER", "19", "190", True),  # only undirected
    ]
    events = score([gold_doc("a.txt", events=gold)], {"a.txt": {"events": system}})["events"]
    assert (events.counts.tp, events.counts.fp, events.counts.fn) == (2, 1, 1)
    assert events.ratios["realis_accuracy"].value == pytest.approx(0.5)
    assert events.ratios["code_accuracy"].value == pytest.approx(0.5)
    undirected = events.variants["undirected"]
    assert (undirected.tp, undirected.fp, undirected.fn) == (3, 0, 0)
    # realis only: gold {NLD->CHL 04, PER->CHL 19}, system {NLD->CHL 04, CHL->NLD 05, CHL->PER 19}
    realis_only = events.variants["realis_only"]
    assert (realis_only.tp, realis_only.fp, realis_only.fn) == (1, 2, 1)


def test_events_with_no_state_on_one_side_are_not_scored() -> None:
    gold = [ev("NLD", "CHL", "04", "042", True)]
    system = [
        ev("NLD", "CHL", "04", "042", True),
        {"source": None, "target": "CHL", "root": "16", "code": "163", "realis": True},  # a body's sanctions
        {"source": "NLD", "target": None, "root": "11", "code": "111", "realis": True},  # criticism of a group
    ]
    events = score([gold_doc("a.txt", events=gold)], {"a.txt": {"events": system}})["events"]
    assert (events.counts.tp, events.counts.fp, events.counts.fn) == (1, 0, 0)


def test_indirect_and_short_system_quotes_are_not_scored() -> None:
    gold = [gold_doc("a.txt", quotes=[{"speaker": "Ona Berg", "text": "The border stays open for trade"}])]
    system = [
        {"speaker": "Berg", "text": "the border stays open for trade", "kind": "direct"},
        {"speaker": "Berg", "text": "that the border would stay open", "kind": "indirect"},
        {"speaker": "Berg", "text": "open borders", "kind": "partial"},
        {"speaker": None, "text": "a border open for trade", "kind": "partial"},
    ]
    quotes = score(gold, {"a.txt": {"quotes": system}})["quotes"].counts
    assert (quotes.tp, quotes.fp, quotes.fn) == (1, 0, 0)


def test_json_shape_is_keyed_by_layer_with_the_extra_figures() -> None:
    out = scores_json(score([gold_doc("a.txt")], {}))
    assert list(out) == ["actors", "events", "quotes", "claims", "relations"]
    for layer in out.values():
        assert LAYER_KEYS <= set(layer)
    assert "country_accuracy" in out["actors"]
    assert {"realis_accuracy", "code_accuracy", "undirected_f1", "realis_only_f1"} <= set(out["events"])
    json.dumps(out)


def test_details_name_false_positives_and_negatives_per_document() -> None:
    gold = [gold_doc("a.txt", claims=[{"value": 40, "unit": "ships", "about": "ships in the convoy"}])]
    predictions = {"a.txt": {"claims": [{"value": 41, "unit": "ships"}]}}
    errors = scores_json(score(gold, predictions), details=True)["claims"]["errors"]["a.txt"]
    assert errors["fn"] == ["40 ships (ships in the convoy)"]
    assert errors["fp"] == ["41 ships"]


# -- gold file -------------------------------------------------------------------------


def test_load_gold_reads_documents_and_rejects_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc": "a.txt", "actors": [{"name": "Ona Berg", "kind": "person"}]}\n\n{"doc": "b.txt"}\n')
    docs = load_gold(path)
    assert [d.doc for d in docs] == ["a.txt", "b.txt"]
    assert docs[0].items("actors")[0]["name"] == "Ona Berg" and docs[1].items("events") == []
    path.write_text('{"doc": "a.txt"}\n{"doc": "a.txt", "events": {}}\n')
    with pytest.raises(GoldError, match=":2:"):
        load_gold(path)
    path.write_text("{not json\n")
    with pytest.raises(GoldError, match=":1:"):
        load_gold(path)


# -- store read-back and the command ---------------------------------------------------

TEXT = "Ona Berg of Sweden met Chilean envoys and said: \"The border stays open for trade.\" Both sides signed 12 accords."


def _store_with_one_document(path: Path) -> None:
    from dyad.ingest.normalize import document_id
    from dyad.records import Actor, Claim, DocExtraction, Document, Event, Evidence, Quote, Relation
    from dyad.store import open_store

    doc_id = document_id(TEXT)
    span = Evidence(doc_id=doc_id, start=0, end=len(TEXT))
    extraction = DocExtraction(
        doc_id=doc_id,
        model="hand-made",
        actors=[
            Actor(key="berg", name="Ona Berg", kind="person", country="SWE"),
            Actor(key="swe", name="Sweden", kind="state", country="SWE"),
        ],
        events=[Event(source="SWE", target="CHL", code="040", root="04", trigger="met", realis=True,
                      evidence=span, trigger_evidence=span)],
        quotes=[
            Quote(text="The border stays open for trade.", speaker="she", speaker_actor="berg", evidence=span),
            Quote(text="stays open for trade", kind="indirect", speaker="Berg", evidence=span),
        ],
        claims=[Claim(value=12, unit="accords", evidence=span)],
        relations=[Relation(a="CHL", b="SWE", type="partner", evidence=span)],
    )
    with open_store(path) as store:
        store.write(Document(id=doc_id, text=TEXT, source="/somewhere/else/berg.txt"), extraction)


def _gold(path: Path) -> Path:
    gold = {
        "doc": "berg.txt",
        "actors": [
            {"name": "Ona Berg", "kind": "person", "country": "SWE", "aliases": ["Berg"]},
            {"name": "Sweden", "kind": "state", "country": "SWE", "aliases": []},
            {"name": "Chile", "kind": "state", "country": "CHL", "aliases": []},
        ],
        "events": [{"source": "SWE", "target": "CHL", "root": "04", "code": "042", "realis": True}],
        "quotes": [{"speaker": "Ona Berg", "text": "The border stays open"}],
        "claims": [{"value": 12, "unit": "agreements", "evidence": "signed 12 accords"}],
        "relations": [{"a": "SWE", "b": "CHL", "type": "partner", "polarity": "+"}],
    }
    path.write_text(json.dumps(gold) + "\n" + json.dumps({"doc": "absent.txt", "claims": [gold["claims"][0]]}) + "\n")
    return path


def test_eval_reads_an_existing_store_by_file_name(tmp_path: Path) -> None:
    from dyad.evaluate.run import evaluate

    db = tmp_path / "s.duckdb"
    _store_with_one_document(db)
    run = evaluate(_gold(tmp_path / "gold.jsonl"), db=db)
    assert run.missing == ["absent.txt"]
    counts = {layer: (s.counts.tp, s.counts.fp, s.counts.fn) for layer, s in run.scores.items()}
    assert counts == {
        "actors": (2, 0, 1),
        "events": (1, 0, 0),
        "quotes": (1, 0, 0),
        "claims": (1, 0, 1),
        "relations": (1, 0, 0),
    }
    assert run.scores["events"].ratios["code_accuracy"].value == 0.0


def test_eval_command_prints_the_json_shape(tmp_path: Path) -> None:
    from dyad.present.cli import main

    db = tmp_path / "s.duckdb"
    _store_with_one_document(db)
    result = CliRunner().invoke(main, ["eval", str(_gold(tmp_path / "gold.jsonl")), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["relations"]["f1"] == 1.0
    assert out["actors"]["country_accuracy"] == 1.0
    assert out["events"]["realis_accuracy"] == 1.0
    assert "absent.txt" in result.stderr


def test_eval_command_needs_a_corpus_or_a_store(tmp_path: Path) -> None:
    from dyad.present.cli import main

    result = CliRunner().invoke(main, ["eval", str(_gold(tmp_path / "gold.jsonl"))])
    assert result.exit_code == 2
    assert "--corpus" in result.output


def test_eval_command_details_list_errors_of_the_chosen_layer(tmp_path: Path) -> None:
    from dyad.present.cli import main

    db = tmp_path / "s.duckdb"
    _store_with_one_document(db)
    args = ["eval", str(_gold(tmp_path / "gold.jsonl")), "--db", str(db), "--details", "--layer", "actors"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "FN Chile (state, CHL)" in result.stdout
    assert "FN 12 agreements" not in result.stdout


def test_eval_ingests_the_corpus_with_its_manifest_into_a_temporary_store(tmp_path: Path) -> None:
    from dyad.evaluate.run import evaluate
    from dyad.records import DocExtraction, Evidence, Relation

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "berg.txt").write_text(TEXT + "\n", encoding="utf-8")
    manifest = tmp_path / "corpus.manifest.jsonl"
    manifest.write_text(json.dumps({"file": "corpus/berg.txt", "published": "2025-03-04"}) + "\n")
    seen = []

    def extractor(documents):
        for document in documents:
            seen.append(document)
            span = Evidence(doc_id=document.id, start=0, end=5)
            relation = Relation(a="SWE", b="CHL", type="partner", evidence=span)
            yield document, DocExtraction(doc_id=document.id, model="hand-made", relations=[relation])

    run = evaluate(_gold(tmp_path / "gold.jsonl"), corpus, manifest, extractor=extractor)
    assert [Path(d.source).name for d in seen] == ["berg.txt"]
    assert str(seen[0].published) == "2025-03-04"
    assert (run.scores["relations"].counts.tp, run.scores["actors"].counts.fn) == (1, 3)
    assert run.missing == ["absent.txt"]
