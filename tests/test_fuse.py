"""Fusion rules on items built by hand: time spans, story linking and cutting, figures, contradictions, outlets."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import replace

import pytest

from dyad.fuse.contradictions import bucket, first_per_document, relation_block, relation_contradictions
from dyad.fuse.figures import (
    FigureRules,
    consensus,
    contradictions,
    figure_rows,
    normalise_unit,
    subject_words,
    values_agree,
)
from dyad.fuse.figures import linked as claims_linked
from dyad.fuse.figures import split as split_figure
from dyad.fuse.linking import connected, join_groups
from dyad.fuse.sources import (
    is_speculative,
    is_speculative_event,
    outlet_of,
    source_key,
    speculation_index,
    url_host,
)
from dyad.fuse.stories import (
    StoryRules,
    apart,
    family_of,
    linked,
    realis_contradictions,
    split,
    story_key,
    story_row,
    story_time,
    trigger_stem,
)
from dyad.fuse.time import TimeRules, is_background, period, report_span
from dyad.stored.fusion_items import ClaimFeature, RelationFeature, Report

_ids = itertools.count()
RULES = StoryRules(day_tolerance=1, min_similarity=50)
TIME = TimeRules(lookback_days=7, lookahead_days=14, background_days=30)
D = dt.date.fromisoformat


def report(doc: str, source: str, target: str, code: str, words: str, published: str | None = "2030-03-10",
           when: str | None = None, realis: bool = True, denied: bool = False, trigger: str = "met",
           src_name: str | None = None, tgt_name: str | None = None, key: str | None = None,
           background: bool = False, modality: str = "asserted") -> Report:
    family, a, b, directed = story_key(code, code[:2], source, target)
    pub = D(published) if published else None
    span, own = report_span(when, pub, realis, denied, background, TIME)
    return Report(
        doc_id=doc, idx=next(_ids), family=family, a=a, b=b, directed=directed, code=code, root=code[:2],
        realis=realis, denied=denied, modality=modality, when=when, background=background, span=span, own_time=own,
        published=pub, source_key=key or f"outlet-{doc}", outlet=key or f"Outlet {doc}", stem=trigger_stem(trigger),
        words=words.lower(), source_name=src_name, target_name=tgt_name,
    )


def stories_of(reports: list[Report]) -> list[list[Report]]:
    """Groups as update.py makes them: connected within a key, then cut."""
    out = []
    by_key: dict[tuple, list[Report]] = {}
    for r in reports:
        by_key.setdefault(r.key, []).append(r)
    for items in by_key.values():
        for group in connected(items, RULES.day_tolerance, lambda x, y: linked(x, y, RULES)):
            out += split([items[i] for i in group], RULES)
    return out


# -- time --------------------------------------------------------------------------------------


def test_periods_and_spans():
    assert period("2030-03") == (D("2030-03-01"), D("2030-03-31"))
    assert period("2030") == (D("2030-01-01"), D("2030-12-31"))
    assert period("garbage") is None
    pub = D("2030-03-10")
    # a report dated by its text allows exactly that day
    assert report_span("2030-03-08", pub, True, False, False, TIME) == ((D("2030-03-08"), D("2030-03-08")), True)
    # never the publication day: what happened lies before it, a plan after it
    assert report_span(None, pub, True, False, False, TIME) == ((D("2030-03-03"), pub), False)
    assert report_span(None, pub, False, False, False, TIME) == ((pub, D("2030-03-24")), False)
    assert report_span(None, pub, False, True, False, TIME) == ((D("2030-03-03"), D("2030-03-24")), False)
    # background with no date of its own, or no publication day: no days at all
    assert report_span(None, pub, True, False, True, TIME) == (None, False)
    assert report_span(None, None, True, False, False, TIME) == (None, False)


def test_background_is_flagged_or_long_before_publication():
    pub = D("2030-03-10")
    assert is_background("2016", pub, False, TIME)
    assert is_background("2030-01", pub, False, TIME)
    assert not is_background("2030-03-08", pub, False, TIME)
    assert not is_background(None, pub, False, TIME)
    assert is_background(None, pub, True, TIME)


# -- stories -------------------------------------------------------------------------------------


def test_visit_and_hosting_are_one_story_keyed_by_the_unordered_pair():
    visit = report("a", "AAA", "BBB", "042", "The president of Aland arrived in Borduria for talks", trigger="arrived",
                   when="2030-03-09")
    host = report("b", "BBB", "AAA", "043", "Borduria hosted the president of Aland for talks", trigger="hosted",
                  when="2030-03-09")
    assert family_of("042", "04") == family_of("043", "04") == family_of("036", "03")
    assert visit.key == host.key
    groups = stories_of([visit, host])
    assert len(groups) == 1
    row = story_row(groups[0], "K1", 1)
    assert row["n_documents"] == 2 and row["n_sources"] == 2 and not row["directed"]
    assert row["when"] == "2030-03-09" and row["status"] == "happened"


def test_directed_families_do_not_merge_across_directions():
    a = report("a", "AAA", "BBB", "112", "Aland criticised Borduria sharply", trigger="criticised")
    b = report("b", "BBB", "AAA", "112", "Borduria criticised Aland sharply", trigger="criticised")
    assert len(stories_of([a, b])) == 2


@pytest.mark.parametrize("gap,same_doc,merged", [(0, False, True), (1, False, False), (1, True, True), (2, True, False)])
def test_own_days_must_agree(gap: int, same_doc: bool, merged: bool):
    # two documents must give the same day (reports on following days do not chain into one story);
    # one document may date one visit's arrival and talks a day apart
    a = report("a", "AAA", "BBB", "042", "Aland leader visited Borduria", when="2030-03-08", trigger="visited")
    later = (D("2030-03-08") + dt.timedelta(days=gap)).isoformat()
    b = report("a" if same_doc else "b", "AAA", "BBB", "042", "Aland leader visits Borduria", when=later,
               trigger="visits")
    assert (len(stories_of([a, b])) == 1) is merged


def test_an_undated_report_is_bounded_by_its_publication_not_placed_on_it():
    dated = report("a", "AAA", "BBB", "042", "Aland leader visited Borduria", when="2030-03-08", trigger="visited")
    later = report("b", "AAA", "BBB", "042", "Aland leader visited Borduria", published="2030-03-12",
                   trigger="visited")  # undated: happened some day in the week before the 12th
    months_later = report("c", "AAA", "BBB", "042", "Aland leader visited Borduria", published="2030-05-20",
                          trigger="visited")
    sizes = sorted(len(g) for g in stories_of([dated, later, months_later]))
    assert sizes == [1, 2]
    row = story_row(next(g for g in stories_of([dated, later, months_later]) if len(g) == 2), "K", 1)
    assert row["when"] == "2030-03-08"  # the text's own day, not a publication day
    undated = story_row([months_later], "K", 1)
    assert undated["when"] is None and undated["when_start"] is None and undated["first_seen"] == D("2030-05-20")


def test_dissimilar_reports_stay_apart_and_states_alone_do_not_tie():
    a = report("a", "AAA", "BBB", "042", "Fishing quotas dominated the harbour talks", trigger="talks")
    b = report("b", "AAA", "BBB", "042", "Orchestra toured concert halls nationwide", trigger="toured")
    assert not linked(a, b, RULES)
    named = report("c", "AAA", "BBB", "042", "Orchestra toured concert halls", trigger="toured", src_name="kimminsu",
                   when="2030-03-09")
    named2 = report("d", "AAA", "BBB", "042", "Fishing quotas talks", trigger="talks", src_name="kimminsu",
                    when="2030-03-09")
    assert linked(named, named2, RULES)  # dated to one day, the same named person on the side both name
    met = report("e", "AAA", "BBB", "042", "Fishing quotas talks", trigger="talks", src_name="kimminsu",
                 tgt_name="leeho", when="2030-03-09")
    other = report("f", "AAA", "BBB", "042", "Fishing quotas talks", trigger="talks", src_name="parkjun",
                   tgt_name="leeho", when="2030-03-09")
    assert not linked(met, other, RULES) and apart(met, other, RULES)  # different people on a side: two events


def test_two_events_one_document_dates_apart_are_never_merged():
    # a November visit and a January visit in one article, chained by a third report undated around both
    november = report("a", "AAA", "BBB", "042", "Aland leader visited Borduria", published="2030-01-10",
                      when="2029-11-20", trigger="visited")
    january = report("a", "AAA", "BBB", "042", "Aland leader visited Borduria", published="2030-01-10",
                     when="2030-01-09", trigger="visited")
    assert apart(november, january, RULES)
    assert len(stories_of([november, january])) == 2
    # a report linked to both (same words, a year-long span) cannot glue them together
    vague = report("b", "AAA", "BBB", "042", "Aland leader visited Borduria", published="2030-02-01", when="2029",
                   trigger="visited")
    vaguer = report("c", "AAA", "BBB", "042", "Aland leader visited Borduria", published="2030-02-01", when="2030",
                    trigger="visited")
    groups = stories_of([november, january, vague, vaguer])
    assert not any({november.idx, january.idx} <= {r.idx for r in g} for g in groups)


def test_a_fact_and_a_mere_possibility_of_one_document_are_two_events():
    rules = StoryRules(day_tolerance=1, min_similarity=50, possible_modalities=frozenset({"hypothetical", "conditional"}))
    raid = report("n", "AAA", "AAA", "180", "rebels attacked villages in the north", trigger="attacked")
    again = report("n", "AAA", "AAA", "180", "rebels could attack villages in the north again", realis=False,
                   modality="hypothetical", trigger="attack")
    assert linked(raid, again, RULES) and not linked(raid, again, rules)
    # nor through a report of another document that ties to both
    other = report("m", "AAA", "AAA", "180", "rebels attacked villages in the north", trigger="attacked")
    parts = split([raid, again, other], rules)
    assert sorted(len(p) for p in parts) == [1, 2] and any(again in p and len(p) == 1 for p in parts)
    # a plan beside the fact stays linkable (the arrival and the talks it is to hold), and across documents
    # a possibility is an earlier stage of the event
    talks = report("n", "AAA", "AAA", "180", "rebels will attack villages in the north", realis=False,
                   modality="planned", trigger="attack")
    assert linked(raid, talks, rules)
    preview = replace(again, doc_id="p", source_key="outlet-p")
    assert linked(other, preview, rules)


def test_an_undated_report_without_days_joins_only_its_own_document_when_words_tie():
    dated = report("a", "AAA", "BBB", "042", "Aland leader visited Borduria", when="2030-03-08", trigger="visited")
    recalled = report("a", "AAA", "BBB", "042", "that visit by the Aland leader", trigger="visit", background=True)
    elsewhere = report("b", "AAA", "BBB", "042", "the visit by the Aland leader", trigger="visit", background=True)
    unrelated = report("a", "AAA", "BBB", "042", "Fishing quotas dominated harbour talks", trigger="talks",
                       background=True)
    assert recalled.span is None
    assert linked(dated, recalled, RULES)
    assert not linked(dated, elsewhere, RULES) and not linked(recalled, elsewhere, RULES)
    assert not linked(dated, unrelated, RULES)


def test_status_previews_never_confirm_and_denials_are_their_own_status():
    preview = report("p", "AAA", "BBB", "042", "Aland's leader is set to visit Borduria", realis=False,
                     trigger="visit", when="2030-03-12", modality="planned")
    row = story_row([preview], "K", 1)
    assert row["status"] == "planned" and row["n_happened"] == 0 and row["n_planned"] == 1
    report_ = report("r", "AAA", "BBB", "042", "Aland's leader visited Borduria", published="2030-03-13",
                     when="2030-03-12", trigger="visited")
    row = story_row([preview, report_], "K", 1)
    assert row["status"] == "happened" and (row["n_happened"], row["n_planned"]) == (1, 1) and not row["disputed"]
    denial = report("d", "AAA", "BBB", "015", "Borduria never acknowledged the ban", realis=False, denied=True,
                    trigger="acknowledged", modality="negated")
    assert story_row([denial], "K", 1)["status"] == "denied"


def test_a_plan_reported_after_the_day_disputes_it_a_preview_does_not():
    happened = report("n", "AAA", "BBB", "042", "Aland's leader visited Borduria", published="2030-03-11",
                      when="2030-03-10", trigger="visited")
    preview = report("p", "AAA", "BBB", "042", "Aland's leader will visit Borduria", published="2030-03-08",
                     realis=False, when="2030-03-10", trigger="visit", modality="planned")
    doubter = report("d", "AAA", "BBB", "042", "Aland's leader was to visit Borduria on Sunday",
                     published="2030-03-12", realis=False, when="2030-03-10", trigger="visit", modality="planned")
    group = stories_of([happened, preview, doubter])
    assert len(group) == 1
    found = realis_contradictions("S1", group[0], 1)
    assert [(c.first_doc, c.second_doc) for c in found] == [("n", "d")]
    assert story_row(group[0], "K", 1)["disputed"]
    assert realis_contradictions("S1", [happened, preview], 1) == []


def test_near_copies_count_as_their_original():
    wire = report("w", "AAA", "BBB", "042", "Aland's leader visited Borduria", key="wire", when="2030-03-10",
                  trigger="visited")
    reprint = report("r", "AAA", "BBB", "042", "Aland's leader visited Borduria", key="wire", when="2030-03-10",
                     trigger="visited")
    other = report("o", "AAA", "BBB", "042", "Aland's leader visited Borduria", key="gazette", when="2030-03-10",
                   trigger="visited")
    row = story_row([wire, reprint, other], "K", 1)
    assert row["n_documents"] == 3 and row["n_sources"] == 2


def test_story_time_takes_the_finest_precision():
    a = report("a", "AAA", "BBB", "042", "x", when="2030-03", trigger="visited")
    b = report("b", "AAA", "BBB", "042", "x", when="2030-03-04", trigger="visited")
    c = report("c", "AAA", "BBB", "042", "x", when="2030-03-05", trigger="visited")
    t = story_time([a, b, c])
    assert (t.when, t.precision, t.start, t.end) == ("2030-03-04", "day", D("2030-03-04"), D("2030-03-05"))
    assert story_time([report("d", "AAA", "BBB", "042", "x")]).when is None


def test_trigger_stem():
    assert trigger_stem("visited") == trigger_stem("visits") == trigger_stem("visiting") == "visit"
    assert trigger_stem("is set to meet") == "meet"


def test_groups_are_the_same_in_any_order_of_arrival():
    rng = random.Random(11)
    words = ["talks", "summit", "visit", "trade", "ships", "border", "envoy", "pledge", "harbour", "rail"]
    reports = []
    for k in range(60):
        day = rng.choice([None, None, f"2030-03-{rng.randint(1, 25):02d}", "2030-03"])
        realis = rng.random() < 0.7
        reports.append(report(
            f"d{rng.randint(0, 20)}", rng.choice(["AAA", "BBB"]), rng.choice(["BBB", "CCC"]), rng.choice(["042", "043"]),
            " ".join(rng.sample(words, 3)), published=f"2030-03-{1 + k % 25:02d}", when=day, realis=realis,
            trigger=rng.choice(["met", "visited", "hosted"]),
        ))
    whole = {frozenset(r.idx for r in g) for g in stories_of(reports)}
    for trial in range(5):
        order = reports[:]
        rng.shuffle(order)
        groups: list[list[Report]] = []  # grown one report at a time, as incremental fusion does
        for r in order:
            items = [m for g in groups for m in g] + [r]
            names = [f"g{i}" for i, g in enumerate(groups) for _ in g] + [None]
            joined = join_groups(items, names, RULES.day_tolerance, lambda x, y: linked(x, y, RULES))
            (clusters, fresh), = joined
            merged = [m for i, g in enumerate(groups) if f"g{i}" in clusters for m in g] + [items[j] for j in fresh]
            groups = [g for i, g in enumerate(groups) if f"g{i}" not in clusters] + [merged]
        parts = set()
        for g in groups:
            parts |= {frozenset(r.idx for r in p) for p in split(g, RULES)}
        assert parts == whole, f"trial {trial}"


# -- figures -----------------------------------------------------------------------------------------

FIG = FigureRules(tolerance=0.02, window_days=45, min_similarity=70, excluded_units=frozenset({"year", "kilometer"}))


def claim(doc: str, value: float, unit: str, about: str | None, actors: tuple[str, ...] = ("AAA", "BBB"),
          approx: bool = False, qualifier: str | None = None, published: str = "2030-03-10",
          key: str | None = None, copy_of: str | None = None) -> ClaimFeature:
    pub = D(published)
    return ClaimFeature(
        doc_id=doc, idx=next(_ids), value=value, unit=normalise_unit(unit), approx=approx, qualifier=qualifier,
        about=about, words=subject_words(about, unit), actors=tuple(sorted(actors)), published=pub,
        source_key=key or f"outlet-{doc}", span=(pub, pub), original=copy_of or doc,
    )


def figures_of(claims: list[ClaimFeature]) -> list[list[ClaimFeature]]:
    out = []
    by_block: dict[str, list[ClaimFeature]] = {}
    for c in claims:
        by_block.setdefault(c.block, []).append(c)
    for items in by_block.values():
        out += [[items[i] for i in g] for g in connected(items, FIG.window_days, lambda x, y: claims_linked(x, y, FIG))]
    return out


def test_units_and_subject_words():
    assert normalise_unit("$") == normalise_unit("dollars") == "USD"
    assert normalise_unit("%") == normalise_unit("percent") == "share"
    assert normalise_unit("Troops") == normalise_unit("troop") == "troop"
    assert normalise_unit("countries") == "country" and normalise_unit("bonus") == "bonus"
    assert subject_words("American troops", "troops") == "american"
    assert subject_words("countries", "countries") == ""


@pytest.mark.parametrize("b,agree", [(102.0, True), (102.1, False), (98.0, True), (97.9, False)])
def test_tolerance_edges(b: float, agree: bool):
    assert values_agree(100.0, b, 0.02) is agree
    assert values_agree(100.0, 109.0, 0.02, approx=True)  # 'about' figures get approx_tolerance


def test_consensus_is_the_value_most_independent_sources_give():
    claims = [claim(f"d{i}", 28500, "troops", "American troops", ("KOR", "USA"), approx=True, qualifier="about")
              for i in range(4)]
    claims.append(claim("x", 28000, "troops", "American troops", ("KOR", "USA"), approx=True, qualifier="some"))
    groups = figures_of(claims)
    assert len(groups) == 1
    best = consensus(groups[0], 0.02)
    assert best.value == 28500
    row, members = figure_rows(groups[0], "G1", FIG, {})
    assert row["value"] == 28500 and row["n_sources"] == 5 and row["qualifier"] == "about, some"
    assert all(m["agrees"] for m in members)  # "some 28,000" can be true with 28,500


def test_different_entities_or_subjects_are_different_figures():
    groups = figures_of([
        claim("a", 5, "countries", "countries that pledged aid to flood victims", ()),
        claim("b", 13, "countries", "countries reporting cases of the virus", ()),
        claim("c", 5e9, "USD", "investment pledged in chip plants"),
        claim("d", 5e9, "USD", "annual fishing revenue of coastal towns"),
        claim("e", 5e9, "USD", "investment pledged in chip plants", ("AAA", "CCC")),
    ])
    assert len(groups) == 5


def test_two_numbers_of_one_article_are_two_figures():
    # one article gives both numbers of similar subjects; another repeats one of them
    group = [claim("a", 8.5e6, "children", "children out of school in the north", approx=True, qualifier="about"),
             claim("a", 15e6, "children", "children out of school", approx=True, qualifier="about"),
             claim("b", 15e6, "children", "children out of school")]
    (linked_group,) = figures_of(group)
    parts = split_figure(linked_group, FIG)
    assert sorted(sorted(c.value for c in p) for p in parts) == [[8.5e6], [15e6, 15e6]]
    rows = [figure_rows(p, "G1", FIG, {})[0] for p in parts]
    assert len({r["id"] for r in rows}) == 2 and all(r["n_values"] == 1 for r in rows)
    assert [c for p in parts for c in contradictions(p, "F", FIG)] == []  # "a" does not contradict itself
    # a copy of the article counts as the article: its other number stays apart too
    copied = [*group, claim("c", 8.5e6, "children", "children out of school", copy_of="a")]
    (linked_group,) = figures_of(copied)
    assert sorted(len(p) for p in split_figure(linked_group, FIG)) == [2, 2]
    # two values of different articles are one figure, and a contradiction
    rival = [claim("d", 8.5e6, "children", "children out of school"), claim("e", 12e6, "children", "children out of school")]
    (linked_group,) = figures_of(rival)
    (whole,) = split_figure(linked_group, FIG)
    assert len(whole) == 2 and len(contradictions(whole, "F", FIG)) == 1


def test_units_are_singular_by_a_rule_and_plurals_stay_as_written():
    from dyad.figures import unit_plural, unit_singular

    # names of peoples the dictionary does not know are regular plurals, never pluralised again
    assert unit_plural("uyghurs") == "uyghurs" and unit_plural("Tamils") == "Tamils"
    assert unit_singular("uyghurs") == "uyghur" and unit_singular("Houthis") == "Houthi"
    assert normalise_unit("Uyghurs") == normalise_unit("uyghur") == "uyghur"
    assert unit_plural("uyghur") == "uyghurs" and unit_plural("crisis") == "crises"
    # words that end in s without being plurals are left alone
    assert unit_singular("status") == "status" and unit_singular("bus") == "bus" and unit_singular("gas") == "gas"
    assert unit_plural("USD") == "USD"


def test_claims_far_apart_in_time_are_not_one_figure():
    groups = figures_of([
        claim("a", 100, "ships", "patrol ships sent by Aland", published="2030-01-01"),
        claim("b", 100, "ships", "patrol ships sent by Aland", published="2030-06-01"),
    ])
    assert len(groups) == 2


def test_figure_contradictions_need_the_same_specific_subject_and_a_real_disagreement():
    chips = [claim("a", 0.33, "%", "Korean chip exports", approx=True, qualifier="about"),
             claim("b", 0.40, "%", "Korean chip exports", approx=True, qualifier="about", key="other")]
    (group,) = figures_of(chips)
    found = contradictions(group, "F1", FIG)
    assert len(found) == 1 and {found[0].first_doc, found[0].second_doc} == {"a", "b"}
    assert found[0].first_says.startswith("about")
    # a bound is not contradicted from its open side
    bound = [claim("c", 10, "agreements", "agreements signed at the summit", approx=True, qualifier="more than"),
             claim("d", 12, "agreements", "agreements signed at the summit", approx=True, qualifier="about")]
    (group,) = figures_of(bound)
    assert contradictions(group, "F2", FIG) == []
    # a copy of an article, a duration, or a figure about no named state: never a contradiction
    copy = [claim("e", 5, "ships", "patrol ships", key="one"),
            claim("f", 9, "ships", "patrol ships", key="one", copy_of="e")]
    assert contradictions(figures_of(copy)[0], "F3", FIG) == []
    # two articles of one outlet can disagree with each other
    same = [claim("e2", 5, "ships", "patrol ships", key="one"), claim("f2", 9, "ships", "patrol ships", key="one")]
    assert len(contradictions(figures_of(same)[0], "F3", FIG)) == 1
    years = [claim("g", 5, "years", "prison term"), claim("h", 9, "years", "prison term")]
    assert contradictions(figures_of(years)[0], "F4", FIG) == []
    nobody = [claim("i", 5, "ships", "patrol ships in the harbour", ()),
              claim("j", 9, "ships", "patrol ships in the harbour", ())]
    assert contradictions(figures_of(nobody)[0], "F5", FIG) == []


# -- relations ------------------------------------------------------------------------------------------


def rel(doc: str, a: str, b: str, kind: str, polarity: str, published: str = "2030-03-10",
        key: str | None = None, copy_of: str | None = None) -> RelationFeature:
    t, x, y = relation_block(kind, a, b, False)
    return RelationFeature(doc, next(_ids), f"{t}|{x}|{y}", t, x, y, polarity, D(published), key or f"o-{doc}",
                           copy_of or doc)


def test_asserted_vs_denied_relation_is_a_contradiction_in_either_order():
    items = first_per_document([rel("blog", "BBB", "AAA", "ally", "+"), rel("news", "AAA", "BBB", "ally", "-"),
                                rel("third", "AAA", "BBB", "partner", "+")])
    found = [c for b in {bucket(r) for r in items} for c in relation_contradictions([r for r in items if bucket(r) == b])]
    assert len(found) == 1 and (found[0].first_doc, found[0].second_doc) == ("blog", "news")
    # one document saying both, a copy and its original, or another month: none
    assert relation_contradictions(first_per_document([rel("s", "AAA", "BBB", "ally", "+"),
                                                       rel("s", "AAA", "BBB", "ally", "-")])) == []
    assert relation_contradictions([rel("x", "AAA", "BBB", "ally", "+", key="k"),
                                    rel("y", "AAA", "BBB", "ally", "-", key="k", copy_of="x")]) == []
    apart_ = [rel("x", "AAA", "BBB", "ally", "+"), rel("y", "AAA", "BBB", "ally", "-", published="2030-05-01")]
    assert bucket(apart_[0]) != bucket(apart_[1])


def test_a_document_that_states_both_sides_takes_neither():
    # one article quotes officials calling the two partners and an analyst saying they are not
    debate = [rel("both", "AAA", "BBB", "partner", "+"), rel("both", "AAA", "BBB", "partner", "-")]
    assert relation_contradictions(first_per_document([*debate, rel("yes", "AAA", "BBB", "partner", "+")])) == []
    assert relation_contradictions(first_per_document([*debate, rel("no", "AAA", "BBB", "partner", "-")])) == []
    # two articles that each take one side still disagree, whatever a third reports
    found = relation_contradictions(first_per_document([*debate, rel("yes", "AAA", "BBB", "partner", "+"),
                                                        rel("no", "AAA", "BBB", "partner", "-")]))
    assert [(c.first_doc, c.second_doc) for c in found] == [("yes", "no")]


def test_a_dissenting_document_is_one_contradiction_however_many_disagree_with_it():
    many = [rel(f"p{i}", "AAA", "BBB", "ally", "+", published=f"2030-03-{10 + i}") for i in range(6)]
    found = relation_contradictions([*many, rel("n", "AAA", "BBB", "ally", "-", published="2030-03-12")])
    assert [(c.first_doc, c.second_doc) for c in found] == [("p0", "n")]  # the first of the many
    deniers = [rel(f"n{i}", "AAA", "BBB", "ally", "-") for i in range(3)]
    found = relation_contradictions([*deniers, rel("p", "AAA", "BBB", "ally", "+")])
    assert [(c.first_doc, c.second_doc) for c in found] == [("p", "n0")]  # the lone assertion dissents


# -- outlets and speculation -------------------------------------------------------------------------------


def test_outlets_come_from_metadata_or_the_url_never_a_title():
    assert outlet_of("Yellow Sea Courier", "https://example.org/a") == ("Yellow Sea Courier", "yellow sea courier",
                                                                        "metadata")
    assert outlet_of(None, "https://www.voanews.com/a/some-story/123.html") == ("voanews.com", "voanews.com", "url")
    assert outlet_of("  ", None) == (None, None, None)
    assert url_host("https://m.example.co.uk/x") == "example.co.uk"
    assert url_host("not a url") is None
    assert source_key("voanews.com", "doc1") == "voanews.com" and source_key(None, "doc1") == "doc:doc1"


def test_speculative_sentences():
    assert is_speculative("What comes next for the two capitals?")
    assert is_speculative("Could this change the balance?")
    assert is_speculative("The deal will likely reshape trade.")
    assert is_speculative('He asked: "Is this wise?"')
    assert not is_speculative("The ministers met on May 27 in the capital.")
    assert not is_speculative("The envoy signed the accord on Tuesday.")


def test_denials_and_attempts_are_not_speculation():
    assert is_speculative_event(False, False, "planned")
    assert not is_speculative_event(False, True, "negated")
    assert not is_speculative_event(False, False, "attempted")
    assert not is_speculative_event(True, False, "planned")
    assert speculation_index(0.5, 1.0, 0.0) == pytest.approx(0.5)
    assert speculation_index(0.25, None, 0.75) == pytest.approx(0.5)
    assert speculation_index(None, None, None) is None


def test_figures_naming_no_state_join_only_on_agreeing_values():
    # counts of one noun in articles that name no state: another value is another thing, not a dispute
    injured = claim("a", 8, "personnel", "security personnel", actors=())
    killed = claim("b", 23, "personnel", "security personnel", actors=())
    bound = claim("c", 1, "personnel", "security personnel", actors=(), qualifier="at least", approx=True)
    same = claim("d", 8, "personnel", "security personnel", actors=())
    groups = sorted(sorted(c.doc_id for c in g) for g in figures_of([injured, killed, bound, same]))
    assert groups == [["a", "d"], ["b"], ["c"]]
    # with states named, the same words still make one figure whose values disagree
    named = [claim("e", 8, "personnel", "security personnel"), claim("f", 23, "personnel", "security personnel")]
    assert len(figures_of(named)) == 1
