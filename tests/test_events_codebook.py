"""The whole CAMEO codebook: sentences of our own for every root at the 3-digit level, for the phrasal and
idiomatic families of cameo_triggers.yaml, and the other senses of the same words that must not fire."""

from __future__ import annotations

import pytest

# (sentence, source, target, 3-digit code), all invented for these tests
CODED = [
    # 01 statements
    ("Kenyan officials declined to comment on the Ugandan claims.", "KEN", "UGA", "011"),
    ("Chile expressed skepticism about the talks.", "CHL", "CHL", "012"),
    ("Japan is mulling sanctions against Russia.", "JPN", "RUS", "014"),
    # 02 appeals
    ("Vietnam is wooing Japanese investors.", "VNM", "JPN", "021"),
    ("France urged Germany to send tanks to Ukraine.", "FRA", "DEU", "023"),
    ("Ukraine pleaded with Germany for more weapons.", "UKR", "DEU", "023"),
    ("Norway urged Israel to exercise restraint.", "NOR", "ISR", "025"),
    ("Brazil called for restraint from Venezuela.", "BRA", "VEN", "025"),
    ("Egypt invited Qatar to mediate.", "EGY", "QAT", "028"),
    # 03 intent
    ("Japan pledged $500 million to Ukraine.", "JPN", "UKR", "033"),
    ("Iran accepted an invitation from Saudi Arabia.", "IRN", "SAU", "036"),
    ("Germany tried to establish a dialogue with China.", "DEU", "CHN", "036"),
    # 04 consultation
    ("Japan's prime minister called his Vietnamese counterpart.", "JPN", "VNM", "041"),
    ("India's prime minister held phone talks with Russia's president.", "IND", "RUS", "041"),
    ("The Indian prime minister departed for Beijing.", "IND", "CHN", "042"),
    ("China's president greeted the South Korean president at the airport.", "CHN", "KOR", "043"),
    ("Egypt played host to the Sudanese delegation.", "EGY", "SDN", "043"),
    ("The Chinese president met the American president on the sidelines of the summit in Lima.", "CHN", "USA", "044"),
    ("Algeria interceded with Mali on behalf of Niger.", "DZA", "MLI", "045"),
    ("Kenya and Somalia resumed peace talks.", "KEN", "SOM", "046"),
    # 05 diplomatic cooperation
    ("Greece and Turkey have mended ties.", "GRC", "TUR", "050"),
    ("France affirmed its support for Ukraine.", "FRA", "UKR", "051"),
    ("Canada stood with Ukraine.", "CAN", "UKR", "051"),
    ("Russia paid tribute to Cuba.", "RUS", "CUB", "051"),
    ("Germany rallied support for Ukraine.", "DEU", "UKR", "053"),
    ("Peru and Chile clinched a trade deal.", "PER", "CHL", "057"),
    ("India and Japan agreed on a framework for cooperation.", "IND", "JPN", "057"),
    # 06 material cooperation
    ("China is building a port in Pakistan.", "CHN", "PAK", "061"),
    ("Japan signed contracts with Indonesia for railway equipment.", "JPN", "IDN", "061"),
    ("Greece and Cyprus conducted joint naval exercises.", "GRC", "CYP", "062"),
    ("The United States trained Ukrainian troops.", "USA", "UKR", "062"),
    ("India is upgrading its defense ties with Mauritius.", "IND", "MUS", "062"),
    ("Spain handed over the accused to Morocco.", "ESP", "MAR", "063"),
    # 07 aid
    ("China extended a loan to Sri Lanka.", "CHN", "LKA", "071"),
    ("Germany delivered air defense systems to Ukraine.", "DEU", "UKR", "072"),
    ("The United States equipped Taiwan with new jets.", "USA", "TWN", "072"),
    ("Turkey sent rescue teams to Syria.", "TUR", "SYR", "073"),
    ("Brazil deployed peacekeepers to Haiti.", "BRA", "HTI", "074"),
    ("Ecuador offered asylum to the Colombian activist.", "ECU", "COL", "075"),
    # 08 yield
    ("Turkey dropped its objection to Sweden's bid.", "TUR", "SWE", "080"),
    ("Spain bowed to pressure from Morocco.", "ESP", "MAR", "080"),
    ("Thailand waived visa requirements for Chinese tourists.", "THA", "CHN", "081"),
    ("Iran returned the British sailors.", "IRN", "GBR", "084"),
    ("Washington unfroze Iranian assets.", "USA", "IRN", "085"),
    ("Israel observed the truce with Lebanon.", "ISR", "LBN", "087"),
    ("Pakistan halted airstrikes on Afghanistan.", "PAK", "AFG", "087"),
    # 09 investigation
    ("Poland launched an investigation into the Belarusian incursion.", "POL", "BLR", "090"),
    # 10 demands
    ("Britain told Iran to release the tanker.", "GBR", "IRN", "100"),
    ("Ukraine insisted on the withdrawal of Russian troops.", "UKR", "RUS", "105"),
    # 11 disapproval
    ("China bristled at the Philippine statement.", "CHN", "PHL", "110"),
    ("Mexico expressed disappointment with the American decision.", "MEX", "USA", "110"),
    ("South Korea is upset with Japan over the textbooks.", "KOR", "JPN", "110"),
    ("Japan and the United States shared concerns over China's expansion.", "USA", "CHN", "111"),
    ("Ukraine presented evidence against Russia.", "UKR", "RUS", "112"),
    ("China lodged a demarche with the United States.", "CHN", "USA", "114"),
    ("Canada requested dispute consultations with the United States.", "CAN", "USA", "115"),
    # 12 rejection
    ("Iran rebuffed the American offer.", "IRN", "USA", "120"),
    ("Venezuela resisted pressure from the United States.", "VEN", "USA", "124"),
    ("Japan postponed the trilateral summit with China.", "JPN", "CHN", "125"),
    ("Iran rejected the American offer for talks.", "IRN", "USA", "125"),
    ("The United States exited the treaty with Russia.", "USA", "RUS", "127"),
    ("China encroached on Philippine waters.", "CHN", "PHL", "128"),
    ("Russia blocked Georgia's accession.", "RUS", "GEO", "129"),
    # 13 threats
    ("Japan sent a warning to China.", "JPN", "CHN", "130"),
    ("The United States threatened China with tariffs.", "USA", "CHN", "131"),
    ("The United States threatened to impose tariffs on Mexico.", "USA", "MEX", "131"),
    ("Poland threatened to strike Belarusian positions.", "POL", "BLR", "138"),
    ("The United States gave Iran a deadline.", "USA", "IRN", "139"),
    # 14 protest
    ("Serbian students took to the streets against the Albanian government.", "SRB", "ALB", "141"),
    ("Iranian protesters stormed the Saudi embassy.", "IRN", "SAU", "145"),
    # 15 force posture
    ("Japan scrambled jets after Chinese bombers approached.", "JPN", "JPN", "150"),
    ("Chinese coast guard ships sailed into Philippine waters.", "CHN", "PHL", "150"),
    ("India tightened security ahead of the elections.", "IND", "IND", "151"),
    ("Russia moved troops to the border with Ukraine.", "RUS", "UKR", "154"),
    # 16 reduced relations
    ("Lithuania recalled its ambassador to China.", "LTU", "CHN", "161"),
    ("Ukraine downgraded ties with Iran.", "UKR", "IRN", "161"),
    ("The United States slashed aid to Egypt.", "USA", "EGY", "162"),
    ("China raised tariffs on Australian wine.", "CHN", "AUS", "163"),
    ("Washington froze Russian assets.", "USA", "RUS", "163"),
    ("The United States added Huawei to its entity list.", "USA", "CHN", "163"),
    ("Niger expelled French troops.", "NER", "FRA", "166"),
    # 17 coercion
    ("Russia forced Georgia to accept the terms.", "RUS", "GEO", "170"),
    ("Iran seized a British tanker.", "IRN", "GBR", "171"),
    ("China detained a Japanese fishing boat.", "CHN", "JPN", "171"),
    ("Israel demolished Palestinian homes.", "ISR", "PSE", "171"),
    ("China denied entry to the Australian lawmaker.", "CHN", "AUS", "174"),
    ("Venezuelan forces fired tear gas at Colombian protesters.", "VEN", "COL", "175"),
    # 18 assault
    ("Iranian agents abducted a Swedish national.", "IRN", "SWE", "181"),
    ("Syrian guards tortured a Jordanian journalist.", "SYR", "JOR", "182"),
    # 19 fighting
    ("Israel shot down a Syrian drone.", "ISR", "SYR", "190"),
    ("Russian missiles hit Ukrainian energy infrastructure.", "RUS", "UKR", "190"),
    ("Russia targeted Ukrainian ports.", "RUS", "UKR", "190"),
    ("Turkey seized territory in northern Syria.", "TUR", "SYR", "192"),
    ("Iraqi gunmen gunned down two Turkish soldiers.", "IRQ", "TUR", "193"),
    ("Russia fired artillery shells at Ukrainian positions.", "RUS", "UKR", "194"),
    ("Israeli jets dropped bombs on Lebanon.", "ISR", "LBN", "195"),
    # 20 mass violence
    ("Syria used chlorine gas against Turkish troops.", "SYR", "TUR", "204"),
]

# phrasal verbs, fixed objects and preposition frames: one family each
PHRASAL = [
    ("India and China sought to tamp down the row over the border.", "IND", "CHN", "037"),
    ("Chile and Argentina hammered out a deal on the border.", "CHL", "ARG", "057"),
    ("Chile and Peru hammered out a compromise on fishing rights.", "CHL", "PER", "046"),
    ("Vietnam and Laos inked a treaty on border cooperation.", "VNM", "LAO", "057"),
    ("Egypt and Jordan adopted a joint declaration.", "EGY", "JOR", "057"),
    ("Chile and Peru entered into an agreement on fisheries.", "CHL", "PER", "057"),
    ("Japan and Australia reached an understanding on defense.", "JPN", "AUS", "057"),
    ("Canada and India patched up their differences.", "CAN", "IND", "050"),
    ("Greece and Turkey buried the hatchet.", "GRC", "TUR", "050"),
    ("Egypt and Sudan joined hands with Ethiopia on water security.", "EGY", "ETH", "060"),
    ("Russia and Ukraine swapped prisoners.", "RUS", "UKR", "084"),
    ("India and Pakistan exchanged fire along the border.", "IND", "PAK", "193"),
    ("The United States rolled back tariffs on Chinese goods.", "USA", "CHN", "085"),
    ("Spain rolled back restrictions on Moroccan trucks.", "ESP", "MAR", "081"),
    ("Hungary dropped its veto on aid to Ukraine.", "HUN", "UKR", "080"),
    ("India hit back at Pakistan over the remarks.", "IND", "PAK", "111"),
    ("Poland pointed the finger at Russia for the sabotage.", "POL", "RUS", "112"),
    ("Australia took China to the WTO over the barley tariffs.", "AUS", "CHN", "115"),
    ("Israel shot down the Egyptian proposal.", "ISR", "EGY", "120"),
    ("Russia reneged on its deal with Ukraine.", "RUS", "UKR", "127"),
    ("Japan hit Korean firms with export curbs.", "JPN", "KOR", "163"),
    ("Mali kicked out the French ambassador.", "MLI", "FRA", "166"),
    ("Peru recalled its ambassador to Mexico.", "PER", "MEX", "161"),
    ("Turkey called off talks with Greece.", "TUR", "GRC", "125"),
    ("Poland handed over the suspect to Germany.", "POL", "DEU", "063"),
    ("North Korea lashed out at South Korea over the drills.", "PRK", "KOR", "111"),
    ("Greece summoned the Turkish ambassador.", "GRC", "TUR", "114"),
    ("The Brazilian president paid a visit to Argentina.", "BRA", "ARG", "042"),
    ("Japan pledged aid to the Philippines.", "JPN", "PHL", "033"),
    ("Israeli troops opened fire on Lebanese soldiers.", "ISR", "LBN", "193"),
    ("Russian artillery shelled Ukrainian villages.", "RUS", "UKR", "194"),
    ("Israel carried out an airstrike on Syria.", "ISR", "SYR", "195"),
    ("Russia expelled ten Estonian diplomats.", "RUS", "EST", "166"),
    ("Spain hosted the Moroccan king.", "ESP", "MAR", "043"),
    ("China suspended imports of Japanese seafood.", "CHN", "JPN", "163"),
    ("Mexico stepped up security at its embassy in Ecuador.", "MEX", "MEX", "151"),
]

# other senses of the same words: no event at all
NOTHING = [
    "The company declined to comment.",
    "She greeted the news with relief.",
    "The minister called the meeting productive.",
    "The market reached an understanding of the risks.",
    "The firm built a plant in Ohio.",
    "Japan trained its own pilots.",
    "The bank returned the money.",
    "Kenya granted the company access to the port.",
    "The teacher told the students to sit down.",
    "Japan is upset about the weather.",
    "China set a deadline for its own reforms.",
    "Japan hit its inflation target.",
    "The new rules target Chinese firms.",
    "The team took control of the game.",
    "The storm hit Japan.",
    "The Chinese team beat the Japanese team.",
    "Japan's central bank raised interest rates.",
    "Egypt hosted the African Cup.",
    "Turkey's army battled floods.",
    "China seized the moment.",
    "Australia shared concerns about the climate.",
    "The president signed a law on taxes.",
    "Japan expressed willingness to help.",
    "The storm left for the north.",
]

# (sentence, a root that must not appear): the word fires, but not in that sense
NOT_THIS_ROOT = [
    ("China launched a charm offensive in Kenya.", "19"),
    ("Russia and Ukraine exchanged prisoners of war.", "19"),
    ("Poland threatened to strike Belarusian positions.", "14"),
    ("Turkey threatened to suspend American operations at the base.", "08"),
    ("Venezuelan forces fired tear gas at Colombian protesters.", "20"),
    ("Russia reneged on its deal with Ukraine.", "05"),
    ("Russian forces attacked Ukrainian positions near the river.", "11"),
]


def coded(result) -> set[tuple[str | None, str | None, str]]:
    return {(e.source, e.target, e.code) for e in result.events}


def shown(result) -> list[tuple]:
    return [(e.source, e.target, e.code, e.trigger) for e in result.events]


@pytest.mark.parametrize("text,source,target,code", CODED, ids=[f"{c[3]}-{i}" for i, c in enumerate(CODED)])
def test_codebook_sentence(run_extract, text, source, target, code):
    result = run_extract(text, "2024-03-15")
    assert (source, target, code) in coded(result), shown(result)


@pytest.mark.parametrize("text,source,target,code", PHRASAL, ids=[f"{c[3]}-{i}" for i, c in enumerate(PHRASAL)])
def test_phrasal_and_idiomatic_forms(run_extract, text, source, target, code):
    result = run_extract(text, "2024-03-15")
    assert (source, target, code) in coded(result), shown(result)


@pytest.mark.parametrize("text", NOTHING)
def test_other_senses_code_nothing(run_extract, text):
    result = run_extract(text, "2024-03-15")
    assert not result.events, shown(result)


@pytest.mark.parametrize("text,root", NOT_THIS_ROOT)
def test_other_senses_not_coded_as(run_extract, text, root):
    result = run_extract(text, "2024-03-15")
    assert root not in {e.root for e in result.events}, shown(result)


def test_every_root_has_a_codebook_sentence():
    assert {code[:2] for *_, code in CODED} == {f"{i:02d}" for i in range(1, 21)}
