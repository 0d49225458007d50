"""Site furniture is dropped by general rules; article sentences and the headline stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.ingest.furniture import clean, is_furniture_sentence, looks_like_headline, sentences, unglue
from dyad.ingest.normalize import normalize_text

BODY = [
    "The foreign ministers of Valdoria and Kestrel met in the port city of Amsel on Tuesday to discuss a new fisheries agreement.",
    "Officials from both sides said the talks lasted five hours and ended with a pledge to meet again before the summer.",
    "Valdoria's delegation asked for larger quotas in the northern banks, while Kestrel wants a joint patrol of the strait.",
]


def cleaned(*lines: str) -> tuple[str, str | None]:
    result = clean(normalize_text("\n".join(lines)))
    return result.text, result.headline


def assert_body_kept(text: str) -> None:
    for sentence in BODY:
        assert sentence in text


def test_head_widgets_and_kicker_dropped_headline_kept():
    text, headline = cleaned(
        "Regional Affairs",
        "Valdoria and Kestrel reopen fisheries talks",
        "Published",
        "on",
        "By Ilse Marten and Joa Prent",
        "March 3, 2025 10:42 GMT",
        *BODY,
    )
    assert headline == "Valdoria and Kestrel reopen fisheries talks"
    assert text.startswith("Valdoria and Kestrel reopen fisheries talks\n")
    for gone in ("Regional Affairs", "Published", "\non\n", "10:42"):
        assert gone not in text
    assert "By Ilse Marten and Joa Prent" in text  # provenance names actors: kept
    assert_body_kept(text)


def test_body_first_line_is_not_a_headline():
    text, headline = cleaned(*BODY)
    assert headline is None
    assert text.split("\n\n") == BODY


def test_comment_form_and_ui_lines_at_the_end_dropped():
    text, _ = cleaned(
        *BODY,
        "Post a Comment",
        "Your name will be shown next to your comment. Mandatory fields are marked *",
        "Most Read",
        "Back to top",
    )
    assert text.split("\n\n") == BODY


def test_reader_address_and_sign_off_dropped():
    text, _ = cleaned(
        *BODY,
        "How do you think the quarrel over the strait will end? Tell us below!",
        "Thanks so much for reading our coverage today.",
    )
    assert text.split("\n\n") == BODY


def test_sign_off_glued_to_the_last_sentence_dropped():
    last = BODY[-1] + "We hope you enjoyed this article."
    text, _ = cleaned(*BODY[:-1], last)
    assert text.endswith("joint patrol of the strait.")
    assert "enjoyed" not in text


def test_glued_sentences_get_their_space_back_but_urls_do_not():
    assert unglue("the strait.Officials said") == "the strait. Officials said"
    assert unglue("see example.Org/page") == "see example.Org/page"


def test_contact_block_credit_and_disclaimer_dropped_provenance_kept():
    bio = "(Ilse Marten is a senior fellow at the Amsel Institute.)"
    text, _ = cleaned(
        "A photo caption stays out. Photo credit: Lena Ruiz for the Amsel Herald",
        *BODY,
        bio,
        "Disclaimer: The views expressed in this piece belong to the writer alone.",
        "Source: Amsel Herald / wires",
        "12 Harbour Road, Dock District, Amsel 40410",
        "Tel: +44 20 7946 0000 Fax: +44 20 7946 0001",
        "press@amsel-institute.example",
        "<https://amsel-institute.example>",
    )
    assert text.split("\n\n")[1:] == [*BODY, bio, "Source: Amsel Herald / wires"]
    assert "Photo credit" not in text and "A photo caption stays out." in text


def test_quoted_second_person_at_the_end_is_the_article():
    quote = '"If you fish our waters, you will answer to our navy," the admiral told the crowd.'
    text, _ = cleaned(*BODY, quote)
    assert text.endswith(quote)


def test_closing_quotation_spanning_sentences_is_kept():
    last = '“The strait belongs to all of us. If you close it, you close it for everyone.”'
    text, _ = cleaned(*BODY, last)
    assert text.endswith(last)


def test_mid_document_subheads_stay():
    text, _ = cleaned(BODY[0], "Patrols and quotas", BODY[1], BODY[2])
    assert "Patrols and quotas" in text


def test_teaser_repeated_later_is_kept_once():
    teaser = "Both navies will share a radio channel from June, a step that officials called modest but overdue."
    last = teaser + " The agreement still needs the approval of both parliaments."
    text, _ = cleaned(teaser, "Valdoria and Kestrel reopen fisheries talks", *BODY, last)
    assert text.endswith(last)
    assert text.count("share a radio channel") == 1


def test_hard_wrapped_paragraph_is_rejoined():
    text, _ = cleaned(
        "Valdoria and Kestrel agreed on Tuesday to",
        "resume joint patrols of the strait, officials",
        "said after the meeting ended.",
        "A second round is planned for May.",
    )
    assert text.split("\n\n")[0] == (
        "Valdoria and Kestrel agreed on Tuesday to resume joint patrols of the strait, officials said after the meeting ended."
    )


def test_text_of_only_short_lines_is_left_alone():
    assert clean("Ceasefire holds").text == "Ceasefire holds"


@pytest.mark.parametrize(
    "sentence, furniture",
    [
        ("Share your views in the comments below!", True),
        ("Subscribe to our newsletter.", True),
        ("Picture source: the Kestrel coast guard.", True),
        ("This article was updated with a statement from the ministry.", True),
        ("Support for the treaty remains strong in both parliaments.", False),
        ("Officials told you nothing new, the minister said.", False),
        ("Kestrel's navy moved two frigates to the strait.", False),
    ],
)
def test_furniture_sentence(sentence: str, furniture: bool):
    assert is_furniture_sentence(sentence) is furniture


@pytest.mark.parametrize(
    "line, headline",
    [
        ("Valdoria and Kestrel reopen fisheries talks", True),
        ("Kestrel navy moves frigates to the strait.", True),
        ("Politics", False),
        ("By Ilse Marten", False),
        ("Read the full statement here:", False),
    ],
)
def test_looks_like_headline(line: str, headline: bool):
    assert looks_like_headline(line) is headline


def test_sentence_splitter_keeps_abbreviations():
    assert sentences("The U.S. envoy met Gen. Tarr on Monday. Talks went well.") == [
        "The U.S. envoy met Gen. Tarr on Monday.",
        "Talks went well.",
    ]


def test_shared_seeds_lose_furniture_and_keep_article(shared_seeds: Path):
    """On the real seed articles: furniture lines disappear, their first and last article lines stay."""
    for path in sorted(shared_seeds.glob("*.txt")):
        original = normalize_text(path.read_text(encoding="utf-8"))
        result = clean(original).text
        kept = [line for line in result.split("\n\n")]
        assert len(result) > 0.8 * len(original), path.name
        for line in kept:  # nothing is invented: every kept line comes from the original, modulo joins
            assert line.split(". ")[0][:40] in " ".join(original.split()), (path.name, line[:60])
        assert not any(line.strip() in ("Published", "Trending", "on") for line in kept), path.name
        assert "comments below" not in result and "Required fields" not in result, path.name
        assert "Thank you for reading" not in result and "Tel:" not in result, path.name


def test_navigation_above_the_headline_and_widgets_in_the_body():
    text, headline = cleaned(
        "Jump to the main story",
        "Home | World | Regions | Business | Culture | Opinion",
        "Valdoria and Kestrel reopen fisheries talks",
        "4 min read",
        BODY[0],
        "Advertisement",
        BODY[1],
        BODY[2],
    )
    assert headline == "Valdoria and Kestrel reopen fisheries talks"
    assert text.split("\n\n") == [headline, *BODY]
