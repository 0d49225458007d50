"""An analyst's day (issue 15): metadata kept and correctable, every layer exported and readable by
DuckDB, friendly settings and codes, one notation and the same options on every listing, `dyad show`.
The articles are our own sentences."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import networkx as nx
import pytest
from click.testing import CliRunner, Result

from dyad.present.cli import main
from dyad.present.commands.show import terminal_safe
from dyad.store import open_store
from dyad.store.migrations import MIGRATIONS

RECORDS = [
    {"id": "A-100", "title": "Pact signed", "author": "Jo Writer", "section": "Asia", "keywords": "trade, China",
     "published": "2025-03-01", "desk_note": "checked",
     "text": "China and the United States signed a new trade agreement in Beijing. The deal covers $40 billion "
             "of goods, the Chinese commerce minister said. Japan is a close ally of the United States."},
    {"id": "A-200", "title": "Sanctions", "author": "Sam Reporter", "section": "World", "keywords": ["sanctions"],
     "published": "2025-03-05",
     "text": "The United States imposed new sanctions on China. China condemned the United States and said "
             "\"we will respond firmly\". Officials put the cost at $35 billion."},
]


def cli(db: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args], env=env)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("day")
    source = folder / "news.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    db = folder / "day.duckdb"
    result = cli(db, "ingest", str(source))
    assert result.exit_code == 0, result.output
    return db


# -- metadata -------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_inputs_own_fields_are_kept_and_shown(store: Path):
    rows = json.loads(cli(store, "documents", "--json").stdout)
    first = next(r for r in rows if r["ref"] == "A-100")
    assert (first["author"], first["section"], first["keywords"]) == ("Jo Writer", "Asia", ["trade", "China"])
    assert first["extra"] == {"desk_note": "checked"}
    events = json.loads(cli(store, "events", "--doc", "A-200", "--json").stdout)
    assert events and {e["doc"] for e in events} == {"A-200"} and {e["doc_ref"] for e in events} == {"A-200"}
    assert not any(":" in e["doc"] for e in json.loads(cli(store, "events", "--json").stdout))  # never a line
    assert json.loads(cli(store, "quotes", "--doc", "Sanctions", "--json").stdout)  # a title names it too


@pytest.mark.slow
def test_update_metadata_corrects_without_extracting_again(store: Path, tmp_path: Path):
    fixed = [dict(r, author="Desk Editor", id=r["id"] + "x") for r in RECORDS]
    source = tmp_path / "fixed.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in fixed), encoding="utf-8")
    with open_store(store, read_only=True) as s:
        before = s.query("SELECT doc_id, idx, code, start FROM events ORDER BY ALL")
        stamps = s.query("SELECT id, ingested_at FROM documents ORDER BY id")
    result = cli(store, "ingest", "--update-metadata", str(source))
    assert result.exit_code == 0 and "updated the metadata of 2 document(s)" in result.stderr
    with open_store(store, read_only=True) as s:
        assert s.query("SELECT doc_id, idx, code, start FROM events ORDER BY ALL") == before
        assert s.query("SELECT id, ingested_at FROM documents ORDER BY id") == stamps
        assert {r["author"] for r in s.query("SELECT author FROM documents")} == {"Desk Editor"}
    assert json.loads(cli(store, "events", "--doc", "A-200x", "--json").stdout)
    back = tmp_path / "back.jsonl"
    back.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    assert cli(store, "ingest", "--update-metadata", str(back)).exit_code == 0


def test_an_older_store_is_migrated_to_keep_metadata(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    with open_store(path):
        pass
    con = duckdb.connect(str(path))
    for column in ("ref", "author", "section", "keywords", "extra"):
        con.execute(f"ALTER TABLE documents DROP COLUMN {column}")
    con.execute("DROP TABLE watch_seen")
    con.execute("DROP TABLE watch_alerts")
    con.execute("DROP TABLE search_terms")
    con.execute("DROP TABLE search_units")
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    con.close()
    with open_store(path) as s:
        assert [r["version"] for r in s.query("SELECT version FROM schema_version ORDER BY 1")] == [1, *sorted(MIGRATIONS)]
        assert {"ref", "author", "keywords", "extra"} <= {r["column_name"] for r in s.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents'")}


# -- exports --------------------------------------------------------------------------------

LAYERS = ["actors", "events", "mentions", "quotes", "claims", "relations", "stories", "documents"]


@pytest.mark.slow
@pytest.mark.parametrize("layer", LAYERS)
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_every_layer_exports_and_duckdb_reads_it(store: Path, tmp_path: Path, layer: str, fmt: str):
    out = tmp_path / f"{layer}.{fmt}"
    result = cli(store, "export", layer, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    reader = {"csv": "read_csv", "jsonl": "read_json", "parquet": "read_parquet"}[fmt]
    con = duckdb.connect()
    count = con.execute(f"SELECT count(*) FROM {reader}(?)", [str(out)]).fetchone()[0]  # type: ignore[index]
    assert count > 0, f"{layer} exported nothing"
    if layer in ("events", "mentions"):
        names = [d[0] for d in con.execute(f"SELECT * FROM {reader}(?) LIMIT 1", [str(out)]).description]
        assert {"trigger_start", "trigger_end", "source_start", "target_start"} <= set(names)


@pytest.mark.slow
def test_gdelt_layouts_join_stories_and_mentions(store: Path, tmp_path: Path):
    stories, mentions = tmp_path / "stories.tsv", tmp_path / "mentions.tsv"
    assert cli(store, "export", "stories", "--format", "gdelt", "--header", "-o", str(stories)).exit_code == 0
    assert cli(store, "export", "mentions", "--format", "gdelt", "--header", "-o", str(mentions)).exit_code == 0
    assert len(stories.read_text().splitlines()[0].split("\t")) == 61
    assert len(mentions.read_text().splitlines()[0].split("\t")) == 16
    con = duckdb.connect()
    joined = con.execute(
        "SELECT count(*), min(CAST(m.ActionCharOffset AS INTEGER)) FROM read_csv(?, delim='\t', header=true, "
        "all_varchar=true) s JOIN read_csv(?, delim='\t', header=true, all_varchar=true) m USING (GlobalEventID)",
        [str(stories), str(mentions)],
    ).fetchone()
    assert joined is not None and joined[0] > 0 and joined[1] >= 0


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_network_exports_as_a_graph(store: Path, tmp_path: Path, fmt: str):
    out = tmp_path / f"net.{fmt}"
    assert cli(store, "export", "network", "--format", fmt, "-o", str(out)).exit_code == 0
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert {"USA", "CHN"} <= set(graph.nodes) and graph.number_of_edges() > 0
    assert "betweenness" in graph.nodes["USA"]


# -- settings, codes and consistent options --------------------------------------------------


def test_a_bad_variable_is_named(tmp_path: Path):
    result = cli(tmp_path / "x.duckdb", "config", env={"DYAD_WORKERS": "abc"})
    assert result.exit_code != 0 and "DYAD_WORKERS='abc'" in result.output and "integer" in result.output
    assert "Traceback" not in result.output and "pydantic" not in result.output


def test_a_broken_config_names_its_file_and_line(tmp_path: Path):
    config = tmp_path / "dyad.toml"
    config.write_text("[dyad]\nworkers = 2\nbatch_size = \"many\"\nwrokers = 3\n", encoding="utf-8")
    result = cli(tmp_path / "x.duckdb", "--config", str(config), "config")
    assert f"{config}, line 3: batch_size" in result.output
    assert f"{config}, line 4: unknown setting 'wrokers' (did you mean workers?)" in result.output
    config.write_text("[dyad]\nworkers = = 2\n", encoding="utf-8")
    result = cli(tmp_path / "x.duckdb", "--config", str(config), "config")
    assert str(config) in result.output and "line 2" in result.output


def test_config_shows_where_each_value_comes_from(tmp_path: Path):
    config = tmp_path / "dyad.toml"
    config.write_text("[dyad]\n\nworkers = 2\n", encoding="utf-8")
    result = cli(tmp_path / "x.duckdb", "--config", str(config), "config", "--show-origin", "--csv",
                 env={"DYAD_BATCH_SIZE": "8"})
    origin = {row.split(",")[0]: row for row in result.stdout.splitlines()}
    assert f'"{config}, line 3"' in origin["workers"]
    # CSV cells that start with "-" are neutralised for spreadsheets (docs/security.md)
    assert "DYAD_BATCH_SIZE" in origin["batch_size"] and ",'--db," in origin["db"]
    assert ",default," in origin["story_window_days"]


@pytest.mark.slow
def test_unknown_country_codes_are_refused_with_a_suggestion(store: Path):
    result = cli(store, "events", "--source", "USX")
    assert result.exit_code == 2 and "DY212" in result.output and "did you mean USA" in result.output
    result = cli(store, "brief", "--dyad", "USA-XXX")
    assert result.exit_code == 2 and "DY212" in result.output
    assert json.loads(cli(store, "events", "--source", "us", "--json").stdout)  # alpha-2 and names are taken
    assert json.loads(cli(store, "events", "--source", "United States", "--json").stdout)


@pytest.mark.slow
def test_an_empty_answer_says_why_on_stderr(store: Path):
    result = cli(store, "events", "--source", "FRA", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "no events match --source FRA" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("command", ["dyads", "stories", "figures", "contradictions", "sources", "network",
                                     "events", "documents"])
def test_every_listing_takes_limit_year_and_json(store: Path, command: str):
    result = cli(store, command, "--since", "2025", "--until", "2025-03", "--limit", "1", "--json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) <= 1


@pytest.mark.slow
def test_one_dyad_notation_and_clean_summary_keys(store: Path):
    dyads = json.loads(cli(store, "dyads", "--json").stdout)
    stories = json.loads(cli(store, "stories", "--json").stdout)
    assert all("~" not in r["dyad"] for r in dyads + stories)
    assert "CHN-USA" in {r["dyad"] for r in dyads}
    for notation in ("USA~CHN", "USA/CHN", "usa chn"):
        assert cli(store, "stories", "--dyad", notation, "--json").exit_code == 0
    summary = json.loads(cli(store, "summary", "--json").stdout)
    assert all(r["what"] == r["what"].strip() for r in summary)


# -- show ---------------------------------------------------------------------------------------


def test_terminal_escapes_are_neutralised_one_for_one():
    text = "a\x1b]0;pwned\x07b\x1b[31mc\x9bd\ttab\nline"
    safe = terminal_safe(text)
    assert len(safe) == len(text) and "\x1b" not in safe and "\x07" not in safe and "\x9b" not in safe
    assert safe.endswith("\ttab\nline")


@pytest.mark.slow
def test_show_highlights_a_document_safely(tmp_path: Path):
    source = tmp_path / "odd.jsonl"
    text = ("[bold red]China[/] and the United States signed a trade agreement. \x1b[2J\x1b]0;title\x07 "
            "Officials put it at $5 billion.")
    source.write_text(json.dumps({"id": "odd-1", "title": "[blink]x[/blink]", "text": text}) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert cli(db, "ingest", str(source)).exit_code == 0
    result = cli(db, "show", "odd-1", "--spans")
    assert result.exit_code == 0, result.output
    assert "\x1b]0;" not in result.stdout and "\x1b[2J" not in result.stdout
    assert "[bold red]China[/]" in result.stdout and "[blink]x[/blink]" in result.stdout  # shown, not obeyed
    assert "legend:" in result.stdout and "event trigger" in result.stdout
    assert "$5 billion" in result.stdout.split("spans")[-1]  # the figure, listed with its offsets
    assert cli(db, "show", "no-such-document").exit_code == 2
