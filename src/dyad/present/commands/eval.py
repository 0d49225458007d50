"""`dyad eval`: score extraction against a gold file, per layer (../shared/gold/FORMAT.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console

from dyad.errors import BAD_GOLD, EVAL_NEEDS_CORPUS
from dyad.evaluate import LAYERS
from dyad.present.cli import App, pass_app
from dyad.present.output import emit

if TYPE_CHECKING:
    from dyad.evaluate.score import LayerScore


def score_rows(scores: dict[str, LayerScore]) -> list[dict[str, Any]]:
    """One row per layer (and per event variant) with P, R, F1 and the counts."""
    rows = []
    for layer, result in scores.items():
        rows.append({"layer": layer, **result.counts.as_dict()})
        for name, counts in result.variants.items():
            rows.append({"layer": f"  {layer} ({name.replace('_', ' ')})", **counts.as_dict()})
    return rows


def accuracy_rows(scores: dict[str, LayerScore]) -> list[dict[str, Any]]:
    """The figures over matched items: country, realis, 3-digit code."""
    return [
        {
            "figure": f"{layer} {name.replace('_', ' ')}",
            "value": round(r.value, 4),
            "correct": r.correct,
            "matched": r.total,
        }
        for layer, result in scores.items()
        for name, r in result.ratios.items()
    ]


def print_details(scores: dict[str, LayerScore], layers: tuple[str, ...]) -> None:
    console = Console(soft_wrap=True, highlight=False)
    for layer, result in scores.items():
        if layers and layer not in layers:
            continue
        for doc, errors in result.errors.items():
            if not errors:
                continue
            console.rule(f"{layer} - {doc}")
            for label, lines in (("FN", errors.fn), ("FP", errors.fp), ("~~", errors.mismatch)):
                for line in lines:
                    console.print(f"{label} {line}", markup=False)


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder holding the gold file's documents (by file name).")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSONL or CSV of metadata for the corpus files, as for `dyad ingest`.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Score this store as it is when it exists; when it does not, ingest the corpus into it and keep it.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object keyed by layer.")
@click.option("--details", "--errors", "details", is_flag=True,
              help="Also list false negatives, false positives and mismatches per layer and document.")
@click.option("--layer", "layers", multiple=True, type=click.Choice(LAYERS),
              help="With --details, list only this layer's errors (repeatable).")
@click.option("--fusion", is_flag=True,
              help="GOLD is a fusion gold file (stories and contradictions, docs/fusion-gold.md); "
              "found by itself when its records have a `kind`.")
@pass_app
def eval_cmd(
    app: App,
    gold: Path,
    corpus: Path | None,
    manifest: Path | None,
    db_path: Path | None,
    as_json: bool,
    details: bool,
    layers: tuple[str, ...],
    fusion: bool,
) -> None:
    """Score extraction (or, with a fusion gold file, fusion) of a corpus against the GOLD file.

    The corpus is ingested and extracted into a temporary store unless --db
    names an existing one. Gold documents are found by file name. Prints
    micro-averaged precision, recall and F1 per layer, country accuracy of
    matched actors, realis and 3-digit code accuracy of matched events, and
    the undirected and realis-only event figures. A fusion gold file (docs/fusion-gold.md)
    gives B-cubed precision and recall of stories over matched mentions, with coverage,
    status and time accuracy, and contradiction precision and recall.
    """
    from dyad.evaluate.fusion_gold import is_fusion_gold
    from dyad.evaluate.gold import GoldError
    from dyad.evaluate.run import evaluate
    from dyad.evaluate.score import scores_json

    if corpus is None and (db_path is None or not db_path.exists()):
        raise EVAL_NEEDS_CORPUS()
    if fusion or is_fusion_gold(gold):
        fusion_eval(app, gold, corpus, manifest, db_path, as_json, details)
        return
    try:
        run = evaluate(gold, corpus, manifest, db_path, app.settings)
    except GoldError as exc:
        raise BAD_GOLD(problem=str(exc)) from exc
    for note in run.notes:
        click.echo(f"dyad: {note}", err=True)
    for name in run.missing:
        click.echo(f"dyad: {name}: gold document not found in the store; all its items count as missed", err=True)
    if as_json:
        out = scores_json(run.scores, details)
        for layer in LAYERS if details and layers else ():
            if layer not in layers:
                out[layer].pop("errors", None)
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    columns = ["layer", "precision", "recall", "f1", "tp", "fp", "fn"]
    emit(score_rows(run.scores), columns, "table", title=f"dyad eval: {gold.name}, {run.documents} document(s)")
    emit(accuracy_rows(run.scores), ["figure", "value", "correct", "matched"], "table", title="over matched items")
    if details:
        print_details(run.scores, layers)


def fusion_eval(app: App, gold: Path, corpus: Path | None, manifest: Path | None, db_path: Path | None,
                as_json: bool, details: bool) -> None:
    """Score fusion against a fusion gold file and print the figures (and, asked, each error)."""
    from dyad.evaluate.fusion_run import evaluate_fusion
    from dyad.evaluate.gold import GoldError

    try:
        run = evaluate_fusion(gold, corpus, manifest, db_path, app.settings)
    except GoldError as exc:
        raise BAD_GOLD(problem=str(exc)) from exc
    for note in run.notes:
        click.echo(f"dyad: {note}", err=True)
    for name in run.missing:
        click.echo(f"dyad: {name}: gold document not found in the store; its mentions count as missed", err=True)
    if as_json:
        out = run.score.as_dict()
        if details:
            out["errors"] = run.score.details
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    rows = [{"figure": k.replace("_", " "), "value": round(v, 4)} for k, v in run.score.figures().items()]
    s = run.score
    rows += [
        {"figure": "mentions matched / gold", "value": f"{s.matched} / {s.gold_mentions}"},
        {"figure": "stories judged: status / time right", "value": f"{s.status_correct} / {s.time_correct} of {s.stories_judged}"},
        {"figure": "contradictions matched / system / gold",
         "value": f"{s.contradictions_matched} / {s.contradictions_system} / {s.contradictions_gold}"},
    ]
    emit(rows, ["figure", "value"], "table", title=f"dyad eval --fusion: {gold.name}, {run.documents} document(s)")
    if details:
        for line in run.score.details:
            click.echo(line)


COMMANDS = [eval_cmd]
