"""The extraction pipeline is built from registered component names and checked when it is built."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dyad.extract import registry
from dyad.extract.common.context import DocContext
from dyad.extract.pipeline import build_pipeline, extract
from dyad.extract.registry import PipelineError, component
from dyad.records import DocExtraction
from dyad.settings import Settings

BUILTIN = ("sentences", "actors", "events", "quotes", "claims", "relations", "places")
PLANNED = "Chile and Peru will sign a fishing accord next month. Chile criticized Peru on Monday."


def test_the_default_pipeline_is_the_setting() -> None:
    assert tuple(Settings().pipeline) == BUILTIN
    assert build_pipeline(BUILTIN).names == BUILTIN


def test_the_setting_chooses_the_components(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_PIPELINE", "sentences,actors")
    assert build_pipeline().names == ("sentences", "actors")


def test_an_unknown_name_is_refused_with_the_names_there_are() -> None:
    with pytest.raises(PipelineError) as err:
        build_pipeline(["sentences", "actorz"])
    message = str(err.value)
    assert "'actorz'" in message and "actors" in message and "relations" in message


def test_a_component_before_what_it_needs_is_refused() -> None:
    with pytest.raises(PipelineError) as err:
        build_pipeline(["sentences", "events", "actors"])
    message = str(err.value)
    assert "'events' requires 'actors'" in message
    assert "put 'actors' before 'events'" in message


def test_a_requirement_nobody_assigns_is_refused() -> None:
    with pytest.raises(PipelineError, match="'claims' requires 'quotes': no component in the pipeline assigns it"):
        build_pipeline(["sentences", "actors", "claims"])


def test_a_setting_that_breaks_the_order_fails_at_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_PIPELINE", "sentences,relations,actors,quotes")
    with pytest.raises(PipelineError, match="'relations' requires 'actors'"):
        build_pipeline()


def test_a_name_listed_twice_is_refused() -> None:
    with pytest.raises(PipelineError, match="'actors' is listed twice"):
        build_pipeline(["sentences", "actors", "actors"])


def test_a_taken_name_cannot_be_registered_again() -> None:
    build_pipeline(BUILTIN)  # the built-in components are registered
    with pytest.raises(PipelineError, match="'events' is already registered by dyad.extract.events.component.run"):

        @component("events", assigns=["events"])
        def other_events(ctx: DocContext) -> None:
            pass


@component("realis_only", requires=["events"], assigns=["events"])
def realis_only(ctx: DocContext) -> None:
    """A component a user might write: keep only the events the text asserts."""
    ctx.result.events[:] = [e for e in ctx.result.events if e.realis]


def test_a_registered_component_joins_the_pipeline_by_name(nlp, make_doc) -> None:
    document = make_doc(PLANNED, published=None)
    full = extract(document, nlp, build_pipeline(BUILTIN))
    assert any(not e.realis for e in full.events), "the test text should hold a planned event"
    mine = build_pipeline([*BUILTIN, "realis_only"])
    assert mine.names[-1] == "realis_only"
    kept = extract(document, nlp, mine)
    assert kept.events and all(e.realis for e in kept.events)
    assert kept.relations == full.relations and kept.actors == full.actors


def test_a_plugin_registers_through_its_entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed package offers a component under the `dyad.components` entry point group."""
    (tmp_path / "dyad_plugin_demo.py").write_text(
        "from dyad.extract.registry import component\n\n"
        "@component('plugin_demo', requires=['sentences'], assigns=['sentences'])\n"
        "def run(ctx):\n"
        "    del ctx.result.sentences[1:]\n",
        encoding="utf-8",
    )
    info = tmp_path / "dyad_plugin_demo-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: dyad-plugin-demo\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[dyad.components]\nplugin_demo = dyad_plugin_demo:run\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        assert "plugin_demo" not in registry.registered()
        assert build_pipeline(["sentences", "plugin_demo"]).names == ("sentences", "plugin_demo")
    finally:
        sys.modules.pop("dyad_plugin_demo", None)


def test_each_component_fills_only_what_it_assigns(nlp, make_doc) -> None:
    """Run the built-in components one by one and see which parts of the extraction each one changes."""
    document = make_doc(
        "Chile criticized Peru on Monday. Chile's foreign minister Ana Reyes said the two neighbours "
        'remain "close partners in every way" and will sign a deal worth $2 billion. Peru is an ally of Chile. '
        "Their envoys met again in Oslo.",
        published=None,
    )
    ctx = DocContext(document=document, doc=nlp(document.text), result=DocExtraction(doc_id=document.id, model="t"))
    fields = [f for f in DocExtraction.model_fields if f not in ("doc_id", "model")]
    for comp in build_pipeline(BUILTIN).components:
        before = {f: [item.model_copy(deep=True) for item in getattr(ctx.result, f)] for f in fields}
        comp.run(ctx)
        changed = {f for f in fields if getattr(ctx.result, f) != before[f]}
        assert changed <= set(comp.assigns), f"{comp.name} changed {sorted(changed - set(comp.assigns))} too"
        assert changed, f"{comp.name} found nothing in the test text"
