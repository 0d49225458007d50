"""Shared fixtures: the spaCy pipeline (loaded once) and paths to ../shared when it exists."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = [
    "web_store",  # the web tests' store, server and browser (tests/web_store.py)
    "example_runs",  # the embedded examples extracted once per module (tests/example_runs.py)
]

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEEDS_MANIFEST = SHARED / "corpus" / "seeds.manifest.jsonl"
GOLD = SHARED / "gold" / "seeds.jsonl"
VOA = SHARED / "corpus" / "voa" / "voa_stories.jsonl"


@pytest.fixture(scope="session")
def nlp():
    from dyad.extract.common.nlp import load_pipeline
    from dyad.settings import Settings

    return load_pipeline(tuple(Settings().models))


@pytest.fixture(scope="session")
def shared_seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def gold_file() -> Path:
    if not GOLD.is_file():
        pytest.skip("../shared/gold/seeds.jsonl is not present")
    return GOLD


@pytest.fixture
def make_doc():
    """Build a Document from text, with optional metadata."""
    from dyad.ingest.normalize import document_id, normalize_text
    from dyad.records import Document

    def make(text: str, **meta) -> Document:
        text = normalize_text(text)
        return Document(id=document_id(text), text=text, **meta)

    return make


@pytest.fixture
def run_extract(nlp, make_doc):
    """extract() on a text, published date optional (ISO string)."""
    import datetime as dt

    from dyad.extract.pipeline import extract

    def run(text: str, published: str | None = None, **meta):
        doc = make_doc(text, published=dt.date.fromisoformat(published) if published else None, **meta)
        return extract(doc, nlp)

    return run


@pytest.fixture
def actors_of(nlp, make_doc):
    """Run only the sentences and actors components, so actor tests do not depend on later ones."""
    import datetime as dt

    from dyad.extract.common.context import DocContext
    from dyad.extract.pipeline import build_pipeline
    from dyad.records import DocExtraction

    def run(text: str, published: str | None = None) -> DocContext:
        document = make_doc(text, published=dt.date.fromisoformat(published) if published else None)
        ctx = DocContext(document=document, doc=nlp(document.text), result=DocExtraction(doc_id=document.id, model="t"))
        build_pipeline(["sentences", "actors"]).run(ctx)
        return ctx

    return run


def by_name(ctx, name: str):
    """The actor of that exact name, failing with the names there are."""
    found = [a for a in ctx.result.actors if a.name == name]
    assert found, f"no actor named {name!r} in {[a.name for a in ctx.result.actors]}"
    return found[0]
