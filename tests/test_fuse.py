"""Fusion rules on records built by hand: stories, corroboration, contradictions, outlets."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from dyad.fuse.contradictions import figure_contradictions, realis_contradictions, relation_contradictions
from dyad.fuse.corroboration import figures, n_sources, normalise_unit, source_groups, values_agree
from dyad.fuse.sources import compare_outlets, is_speculative, is_speculative_event, speculation_index
from dyad.fuse.stories import build_stories, evidence_similarity, family_of, story_key, trigger_stem
from dyad.stored import Cited, ClaimItem, DocInfo, EventItem, RelationItem, SentenceItem, event_date

_ids = itertools.count()


def doc(outlet: str, published: str | None = "2030-03-10", copy_of: str | None = None, id: str | None = None) -> DocInfo:
    return DocInfo(
        id=id or f"d{next(_ids)}", outlet=outlet, title=None,
        published=dt.date.fromisoformat(published) if published else None, near_copy_of=copy_of,
    )


def cite(d: DocInfo, words: str) -> Cited:
    return Cited(d.id, d.outlet, d.title, d.published, 0, len(words), words)


def event(d: DocInfo, source: str, target: str, code: str, words: str, realis: bool = True, when: str | None = None,
          trigger: str = "met", goldstein: float | None = 1.0, modality: str = "asserted", idx: int = 0) -> EventItem:
    return EventItem(doc=d, idx=idx, source=source, target=target, code=code, root=code[:2], realis=realis,
                     cited=cite(d, words), trigger=trigger, when=when, goldstein=goldstein, modality=modality,
                     quad_class=1)


def claim(d: DocInfo, value: float, unit: str, about: str | None, actors: tuple[str, ...] = ("AAA", "BBB"),
          approx: bool = False) -> ClaimItem:
    return ClaimItem(doc=d, idx=0, value=value, unit=unit, cited=cite(d, f"{value} {unit}"), approx=approx,
                     about=about, actors=actors)


def relation(d: DocInfo, a: str, b: str, kind: str, polarity: str) -> RelationItem:
    return RelationItem(doc=d, idx=0, a=a, b=b, type=kind, polarity=polarity, cited=cite(d, f"{a} {kind} {b}"))


# -- dates -------------------------------------------------------------------------


def test_event_date_falls_back_to_published_and_resolves_periods():
    pub = dt.date(2030, 3, 10)
    assert event_date(None, pub) == pub
    assert event_date("2030-03-08", pub) == dt.date(2030, 3, 8)
    assert event_date("2030-03", pub) == pub  # the month it was published in
    assert event_date("2029-11", pub) == dt.date(2029, 11, 1)
    assert event_date("2029", pub) == dt.date(2029, 1, 1)
    assert event_date("garbage!!", pub) == pub


# -- independent sources -------------------------------------------------------------


def test_near_copies_and_same_outlet_count_once():
    original = doc("Wire A")
    copy = doc("Paper B", copy_of=original.id)
    same_outlet = doc("Wire A")
    other = doc("Paper C")
    assert n_sources([original, copy]) == 1
    assert n_sources([original, same_outlet, copy, other]) == 2
    # two republications of one original, without the original itself
    assert n_sources([doc("X", copy_of="orig"), doc("Y", copy_of="orig")]) == 1
    assert len(source_groups([original, original])) == 1


# -- stories -------------------------------------------------------------------------


def test_visit_and_hosting_are_one_story_keyed_by_the_unordered_pair():
    visit = event(doc("One"), "AAA", "BBB", "042", "The president of Aland arrived in Borduria for talks",
                  trigger="arrived")
    host = event(doc("Two"), "BBB", "AAA", "043", "Borduria hosted the president of Aland for talks",
                 trigger="hosted")
    assert family_of("042", "04") == family_of("043", "04") == family_of("036", "03")
    assert story_key(visit) == story_key(host)
    stories = build_stories([visit, host], window_days=3)
    assert len(stories) == 1
    assert stories[0].n_documents == 2 and stories[0].n_sources == 2 and not stories[0].directed


def test_directed_roots_do_not_merge_across_directions():
    a = event(doc("One"), "AAA", "BBB", "112", "Aland criticised Borduria sharply", trigger="criticised")
    b = event(doc("Two"), "BBB", "AAA", "112", "Borduria criticised Aland sharply", trigger="criticised")
    assert len(build_stories([a, b])) == 2


@pytest.mark.parametrize("gap,merged", [(3, True), (4, False), (0, True)])
def test_story_window_edges(gap: int, merged: bool):
    a = event(doc("One"), "AAA", "BBB", "042", "Aland leader visited Borduria", when="2030-03-10", trigger="visited")
    later = (dt.date(2030, 3, 10) + dt.timedelta(days=gap)).isoformat()
    b = event(doc("Two"), "AAA", "BBB", "042", "Aland leader visits Borduria", when=later, trigger="visits")
    assert (len(build_stories([a, b], window_days=3)) == 1) is merged


def test_undated_event_uses_its_document_date():
    a = event(doc("One", published="2030-03-10"), "AAA", "BBB", "042", "Aland leader visited Borduria", trigger="visited")
    b = event(doc("Two", published="2030-03-20"), "AAA", "BBB", "042", "Aland leader visited Borduria", trigger="visited")
    c = event(doc("Three", published="2030-03-12"), "AAA", "BBB", "042", "Aland leader visited Borduria", trigger="visited")
    sizes = sorted(s.n_documents for s in build_stories([a, b, c], window_days=3))
    assert sizes == [1, 2]


def test_dissimilar_evidence_from_different_documents_stays_apart():
    a = event(doc("One"), "AAA", "BBB", "042", "Fishing quotas dominated the harbour talks", trigger="talks")
    b = event(doc("Two"), "AAA", "BBB", "042", "Orchestra toured concert halls nationwide", trigger="toured")
    assert evidence_similarity(a, b) < 50
    assert len(build_stories([a, b])) == 2
    # the same document's reports of one key inside the window are one story whatever their wording
    d = doc("One")
    c1 = event(d, "AAA", "BBB", "042", "Fishing quotas dominated the harbour talks", trigger="talks", idx=0)
    c2 = event(d, "AAA", "BBB", "042", "Orchestra toured concert halls nationwide", trigger="toured", idx=1)
    assert len(build_stories([c1, c2])) == 1


def test_trigger_stem():
    assert trigger_stem("visited") == trigger_stem("visits") == trigger_stem("visiting") == "visit"
    assert trigger_stem("is set to meet") == "meet"


def test_story_counts_near_copies_once_and_tracks_realis_agreement():
    wire = doc("Wire", published="2030-03-11")
    copy = doc("Reprint", published="2030-03-11", copy_of=wire.id)
    preview = doc("Preview", published="2030-03-09")
    words = "Aland's leader visited Borduria for a state visit"
    stories = build_stories([
        event(wire, "AAA", "BBB", "042", words, trigger="visited", when="2030-03-10"),
        event(copy, "AAA", "BBB", "042", words, trigger="visited", when="2030-03-10"),
        event(preview, "AAA", "BBB", "042", "Aland's leader is set to visit Borduria", realis=False,
              modality="planned", trigger="visit"),
    ])
    assert len(stories) == 1
    s = stories[0]
    assert s.n_documents == 3 and s.n_sources == 2 and not s.single_source
    # the preview came before the event: an earlier stage, not a dispute
    assert (s.n_happened, s.n_not_happened, s.status) == (1, 1, "happened")
    assert s.first_seen == dt.date(2030, 3, 9) and s.last_seen == dt.date(2030, 3, 11)
    assert s.when == dt.date(2030, 3, 10)


# -- claims --------------------------------------------------------------------------


def test_units_normalise():
    assert normalise_unit("$") == normalise_unit("dollars") == "USD"
    assert normalise_unit("%") == normalise_unit("percent") == "share"
    assert normalise_unit("Troops") == normalise_unit("troop") == "troop"


@pytest.mark.parametrize("b,agree", [(102.0, True), (102.1, False), (98.0, True), (97.9, False)])
def test_tolerance_edges(b: float, agree: bool):
    assert values_agree(100.0, b, 0.02) is agree
    assert values_agree(100.0, 109.0, 0.02, approx=True)  # 'about' figures get approx_tolerance


def test_figures_single_source_and_corroborated():
    one, two = doc("One"), doc("Two")
    copy = doc("Three", copy_of=one.id)
    figs = figures([
        claim(one, 5e9, "USD", "investment pledged by Aland in Borduria"),
        claim(one, 5e9, "$", "pledged investment"),  # repeated in the same document
        claim(copy, 5e9, "USD", "investment pledges from Aland"),  # a reprint
        claim(two, 12000, "troops", "soldiers of Aland based in Borduria"),
        claim(doc("Four"), 12100, "troop", "Aland soldiers based in Borduria", approx=True),
    ], tolerance=0.02)
    money = [f for f in figs if f.unit == "USD"]
    assert len(money) == 1 and money[0].single_source and len(money[0].claims) == 3
    troops = [f for f in figs if f.unit == "troop"]
    assert len(troops) == 1 and troops[0].n_sources == 2 and not troops[0].single_source


def test_different_subjects_are_different_figures():
    figs = figures([
        claim(doc("One"), 5e9, "USD", "investment pledged in chip plants"),
        claim(doc("Two"), 5e9, "USD", "annual fishing revenue of coastal towns"),
    ], tolerance=0.02)
    assert len(figs) == 2 and all(f.single_source for f in figs)


def test_figure_contradiction_beyond_tolerance_keeps_both_evidences():
    a, b = doc("One"), doc("Two")
    figs = figures([
        claim(a, 5e9, "USD", "investment pledged by Aland in Borduria"),
        claim(b, 8e9, "USD", "investment pledged by Aland in Borduria"),
        claim(doc("Three"), 5.05e9, "USD", "investment pledged by Aland in Borduria"),
    ], tolerance=0.02)
    found = figure_contradictions(figs)
    assert {(c.first.cited.doc_id, c.second.cited.doc_id) for c in found} >= {(a.id, b.id)}
    assert all(c.kind == "figure" and c.first.cited.words and c.second.cited.words for c in found)
    within = figures([claim(a, 100, "troops", "guards at the border"), claim(b, 101.5, "troops", "border guards")], 0.02)
    assert figure_contradictions(within) == []


# -- relations and realis --------------------------------------------------------------


def test_asserted_vs_denied_relation_is_a_contradiction_in_either_order():
    pos, neg, other = doc("Blog"), doc("News"), doc("Third")
    found = relation_contradictions([
        relation(pos, "BBB", "AAA", "ally", "+"),
        relation(neg, "AAA", "BBB", "ally", "-"),
        relation(other, "AAA", "BBB", "partner", "+"),
    ])
    assert len(found) == 1
    c = found[0]
    assert c.first.cited.doc_id == pos.id and c.second.cited.doc_id == neg.id
    assert "ally" in c.subject
    # the same document saying both is not a contradiction between sources
    same = doc("Same")
    assert relation_contradictions([relation(same, "AAA", "BBB", "ally", "+"), relation(same, "AAA", "BBB", "ally", "-")]) == []


def test_realis_vs_planned_after_the_event_is_a_contradiction_but_a_preview_is_not():
    words = "Aland's leader visited Borduria"
    happened = event(doc("News", published="2030-03-11"), "AAA", "BBB", "042", words, when="2030-03-10", trigger="visited")
    preview = event(doc("Preview", published="2030-03-08"), "AAA", "BBB", "042", "Aland's leader will visit Borduria",
                    realis=False, modality="planned", when="2030-03-10", trigger="visit")
    doubter = event(doc("Doubter", published="2030-03-12"), "AAA", "BBB", "042",
                    "Aland's leader was to visit Borduria on Sunday", realis=False, modality="planned",
                    when="2030-03-10", trigger="visit")
    stories = build_stories([happened, preview, doubter])
    assert len(stories) == 1 and stories[0].status == "disputed"
    found = realis_contradictions(stories)
    assert [c.second.cited.doc_id for c in found] == [doubter.doc.id]
    assert found[0].first.cited.doc_id == happened.doc.id
    # a denial written later disputes it too; the same words on the event's own day do not
    denial = event(doc("Denier", published="2030-03-13"), "AAA", "BBB", "042", "Aland's leader did not visit Borduria",
                   realis=False, modality="negated", trigger="visit", when="2030-03-10")
    same_day = event(doc("Early", published="2030-03-10"), "AAA", "BBB", "042", "Aland's leader was to visit Borduria",
                     realis=False, modality="planned", trigger="visit", when="2030-03-10")
    found = realis_contradictions(build_stories([happened, denial, same_day]))
    assert [c.second.cited.doc_id for c in found] == [denial.doc.id]


def test_no_dispute_without_a_report_dated_to_the_day():
    vague = event(doc("News", published="2030-03-11"), "AAA", "BBB", "042", "Aland's leader visited Borduria",
                  trigger="visited")  # no date of its own
    later = event(doc("Other", published="2030-03-12"), "AAA", "BBB", "042", "Aland's leader was to visit Borduria",
                  realis=False, modality="planned", trigger="visit", when="2030-03-11")
    stories = build_stories([vague, later])
    assert len(stories) == 1 and stories[0].status == "happened" and realis_contradictions(stories) == []


# -- speculation ------------------------------------------------------------------------


def test_speculative_sentences():
    assert is_speculative("What comes next for the two capitals?")
    assert is_speculative("Could this change the balance?")
    assert is_speculative("The deal will likely reshape trade.")
    assert is_speculative("Talks are set to resume in the coming weeks.")
    assert is_speculative('He asked: "Is this wise?"')
    assert not is_speculative("The ministers met on May 27 in the capital.")
    assert not is_speculative("The envoy signed the accord on Tuesday.")
    assert is_speculative("May this last.")  # a sentence-initial cue counts


def test_denials_and_attempts_are_not_speculation():
    d = doc("Desk")
    assert is_speculative_event(event(d, "AAA", "BBB", "042", "x", realis=False, modality="planned"))
    assert is_speculative_event(event(d, "AAA", "BBB", "042", "x", realis=False, modality="hypothetical"))
    assert not is_speculative_event(event(d, "AAA", "BBB", "042", "x", realis=False, modality="negated"))
    assert not is_speculative_event(event(d, "AAA", "BBB", "163", "x", realis=False, modality="attempted"))
    assert not is_speculative_event(event(d, "AAA", "BBB", "042", "x", realis=True, modality="planned"))


def test_speculation_index_arithmetic():
    assert speculation_index(0.5, 1.0, 0.0) == pytest.approx(0.5)
    assert speculation_index(0.25, None, 0.75) == pytest.approx(0.5)
    assert speculation_index(None, None, None) is None


def test_compare_outlets_rows():
    blog, news = doc("Blog"), doc("News")
    events = [
        event(blog, "AAA", "BBB", "042", "Aland's leader may visit Borduria", realis=False, trigger="visit",
              goldstein=1.9, modality="hypothetical"),
        event(news, "AAA", "BBB", "042", "Aland's leader visited Borduria", trigger="visited", goldstein=1.9),
        event(news, "AAA", "BBB", "112", "Aland criticised Borduria", trigger="criticised", goldstein=-2.0),
    ]
    stories = build_stories(events)
    figs = figures([claim(blog, 5e9, "USD", "pledges"), claim(news, 7, "ships", "patrol boats"),
                    claim(blog, 7, "ships", "patrol boats sent by Aland")], 0.02)
    sentences = [SentenceItem(blog, 0, "Will this last?"), SentenceItem(blog, 1, "Aland's leader may visit Borduria."),
                 SentenceItem(news, 0, "Aland's leader visited Borduria."), SentenceItem(news, 1, "They spoke.")]
    rows = {r.outlet: r for r in compare_outlets([blog, news], events, stories, figs, sentences)}
    b, n = rows["Blog"], rows["News"]
    assert (b.irrealis_share, b.single_source_claim_share, b.speculative_sentence_share) == (1.0, 0.5, 1.0)
    assert b.speculation_index == pytest.approx(2.5 / 3)
    assert (n.irrealis_share, n.single_source_claim_share, n.speculative_sentence_share) == (0.0, 0.0, 0.0)
    assert n.mean_goldstein == pytest.approx(-0.05) and b.mean_goldstein is None
    assert n.n_stories == 2 and n.n_only == 1 and b.n_only == 0
    assert list(rows) == ["Blog", "News"]


def test_a_bound_does_not_contradict_a_value_on_its_open_side():
    a, b, c = doc("One"), doc("Two"), doc("Three")
    more_than = ClaimItem(doc=a, idx=0, value=10, unit="agreements", cited=cite(a, "more than 10 agreements"),
                          approx=True, about="agreements signed at the summit", qualifier="more than")
    dozen = ClaimItem(doc=b, idx=0, value=12, unit="agreements", cited=cite(b, "about a dozen agreements"),
                      approx=True, about="agreements signed at the summit", qualifier="about")
    five = ClaimItem(doc=c, idx=0, value=5, unit="agreements", cited=cite(c, "five agreements"),
                     about="agreements signed at the summit")
    found = figure_contradictions(figures([more_than, dozen, five], 0.02))
    pairs = {frozenset((x.first.cited.doc_id, x.second.cited.doc_id)) for x in found}
    assert frozenset((a.id, b.id)) not in pairs  # "more than 10" and "about 12" can both be true
    assert frozenset((a.id, c.id)) in pairs and frozenset((b.id, c.id)) in pairs


def test_an_undated_plan_written_after_a_story_is_a_new_story():
    done = event(doc("News", published="2030-03-11"), "AAA", "BBB", "042", "Aland's leader visited Borduria",
                 when="2030-03-10", trigger="visited")
    again = event(doc("Blog", published="2030-03-12"), "AAA", "BBB", "042", "Aland's leader may visit Borduria again",
                  realis=False, modality="hypothetical", trigger="visit")
    stories = build_stories([done, again])
    assert len(stories) == 2 and realis_contradictions(stories) == []


def _reference_partition(events: list[EventItem], window_days: int, min_similarity: float) -> set[frozenset]:
    """Every pair compared: the plain definition of single-link stories, for checking the fast one."""
    from dyad.fuse.stories import evidence_similarity, story_key

    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(events):
        for j, b in enumerate(events):
            if j <= i or story_key(a) != story_key(b):
                continue
            if (a.date is None) != (b.date is None):
                continue
            if a.date is not None:
                first, second = (a, b) if (a.date, a.doc.id, a.idx) <= (b.date, b.doc.id, b.idx) else (b, a)
                if abs((b.date - a.date).days) > window_days:
                    continue
                if second.open_future and first.date < second.date:
                    continue
            if a.doc.id == b.doc.id or evidence_similarity(a, b) >= min_similarity:
                parent[find(j)] = find(i)
    groups: dict[int, set] = {}
    for i, e in enumerate(events):
        groups.setdefault(find(i), set()).add((e.doc.id, e.idx))
    return {frozenset(g) for g in groups.values()}


def test_fast_story_linking_equals_comparing_every_pair():
    import random

    rng = random.Random(7)
    words = ["talks", "summit", "visit", "trade", "ships", "border", "envoy", "pledge", "harbour", "rail"]
    docs = [doc(f"Outlet {k % 5}", published=None if k % 6 == 0 else f"2030-03-{1 + k % 20:02d}") for k in range(25)]
    for trial in range(30):
        events = []
        for idx in range(rng.randint(5, 40)):
            d = rng.choice(docs)
            day = rng.choice([None, None, f"2030-03-{rng.randint(1, 25):02d}"])
            realis = rng.random() < 0.7
            events.append(event(
                d, rng.choice(["AAA", "BBB"]), rng.choice(["BBB", "CCC"]), rng.choice(["042", "043", "112"]),
                " ".join(rng.sample(words, 4)), realis=realis, when=day,
                trigger=rng.choice(["met", "visited", "hosted", "criticised"]),
                modality="asserted" if realis else "planned", idx=idx,
            ))
        fast = {frozenset((m.doc.id, m.idx) for m in s.mentions) for s in build_stories(events, 3)}
        assert fast == _reference_partition(events, 3, 50), f"trial {trial}"


def test_dyad_parse():
    from dyad.fuse.fusion import Dyad

    assert Dyad.parse("kor-chn") == Dyad("KOR", "CHN") == Dyad.parse("KOR~CHN") == Dyad.parse("KOR/CHN")
    assert Dyad.parse("KOR-CHN", directed=True).covers("KOR", "CHN")
    assert not Dyad.parse("KOR-CHN", directed=True).covers("CHN", "KOR")
    assert Dyad.parse("KOR-CHN").covers("CHN", "KOR")
    for bad in ("KOR", "KOR-CHN-JPN", "KO-CHN", "K0R-CHN"):
        with pytest.raises(ValueError):
            Dyad.parse(bad)
