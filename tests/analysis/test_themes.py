"""Themes: author headings, topical segments, merging, grouping across documents."""

from __future__ import annotations

from briefing.analysis.keyphrases import candidates, label_for
from briefing.analysis.themes import CONTEXT_LABEL, MAX_THEMES, Segment, group, segment, topical_segments
from briefing.model import Block, Document


def para(text: str, n: int, repeat: int = 6) -> Block:
    return Block("paragraph", " ".join([text] * repeat), number=n)


def test_author_headings_with_context_and_nested_levels() -> None:
    blocks = [
        para("The region has changed a great deal.", 1),
        Block("heading", "Energy", level=2),
        para("Gas flows through the pipeline to Europe.", 2),
        Block("heading", "Details", level=3),
        para("The pipeline carries more gas each year.", 3),
        Block("heading", "Security", level=2),
        para("Troops guard the border crossings.", 4),
        Block("heading", "Empty", level=2),
    ]
    segments = segment(Document(title="t", blocks=blocks))
    assert [s.label for s in segments] == [CONTEXT_LABEL, "Energy", "Security"]
    assert [b.number for b in segments[1].blocks] == [2, 3]


def test_heading_only_parent_lends_its_label() -> None:
    blocks = [
        Block("heading", "Food Products", level=2),
        Block("heading", "Overview of the rules", level=2),
        para("The rules on food labels apply to every state.", 1),
        Block("heading", "Case law", level=2),
        para("Courts have read the food rules narrowly.", 2),
    ]
    labels = [s.label for s in segment(Document(title="t", blocks=blocks))]
    assert labels == ["Food Products", "Case law"]


def test_many_sections_are_merged_to_a_readable_number() -> None:
    topics = ["gas pipeline exports", "border troops security", "election ballots voters", "wheat harvest grain"]
    blocks: list[Block] = []
    n = 0
    for t in range(20):
        blocks.append(Block("heading", f"Section {t}", level=1))
        n += 1
        blocks.append(para(f"The {topics[t // 5]} matter here in part {t}.", n))
    segments = segment(Document(title="t", blocks=blocks))
    assert len(segments) == MAX_THEMES
    assert [b.number for s in segments for b in s.blocks] == list(range(1, 21))


def test_back_matter_and_tables_are_not_themes() -> None:
    blocks = [
        Block("heading", "Background", level=1),
        para("The body of the report explains the policy.", 1),
        Block("table", "a | b", number=2),
        Block("heading", "Footnotes", level=1),
        para("See the report.", 3),
        Block("heading", "Later", level=1),
        para("Still back matter.", 4),
    ]
    segments = segment(Document(title="t", blocks=blocks))
    assert [s.label for s in segments] == ["Background"]
    assert [b.number for b in segments[0].blocks] == [1]


GAS = [
    "Azerbaijan will ship more natural gas to Europe through the Southern Gas Corridor.",
    "The natural gas contracts with Italy and Greece run for twenty years.",
    "Gas exports through the corridor reached a record last winter.",
    "Buyers in Europe want more natural gas from the Caspian.",
]
VOTE = [
    "The parliamentary election drew a record turnout among young voters.",
    "Election observers reported long queues at polling stations in the capital.",
    "The ruling party won the election with a narrow majority of seats.",
    "Opposition parties said the election count was slow but fair.",
]


def test_headingless_text_is_cut_where_the_topic_changes() -> None:
    blocks = [Block("paragraph", " ".join(GAS[i : i + 2] * 8), number=i + 1) for i in range(3)]
    blocks += [Block("paragraph", " ".join(VOTE[i : i + 2] * 8), number=i + 4) for i in range(3)]
    segments = topical_segments(blocks)
    assert len(segments) == 2
    assert [b.number for b in segments[0].blocks] == [1, 2, 3]
    first, second = (s.label.lower() for s in segments)
    assert "gas" in first and "election" in second
    assert all(not s.authored for s in segments)


def test_short_headingless_text_is_one_labelled_theme() -> None:
    segments = topical_segments([Block("paragraph", " ".join(GAS), number=1)])
    assert len(segments) == 1
    assert "gas" in segments[0].label.lower()


def test_key_phrase_is_taken_from_the_text() -> None:
    texts = [" ".join(GAS), " ".join(VOTE)]
    label = label_for(0, texts)
    assert label.lower() in texts[0].lower()
    assert label[0].isupper()
    assert all(k == k.lower() for k, _, _ in candidates("The Southern Gas Corridor opened."))


def test_grouping_keeps_stories_apart_and_merges_the_same_story() -> None:
    segments = [
        Segment("a", "section", [Block("paragraph", " ".join(GAS), number=1)], source=1),
        Segment("b", "section", [Block("paragraph", " ".join(VOTE), number=1)], source=2),
        Segment("c", "section", [Block("paragraph", " ".join(GAS[::-1]), number=1)], source=3),
        Segment("d", "section", [Block("paragraph", " ".join(GAS), number=2)], source=1),
    ]
    groups = group(segments)
    assert [0, 2] in groups or [2, 3] in groups  # the gas story of sources 1 and 3
    assert [1] in groups  # the election stays alone
    assert not any({0, 3} <= set(g) for g in groups)  # one document never merges with itself


def test_a_heading_s_own_number_is_not_part_of_the_theme_label() -> None:
    from briefing.notes import unnumbered

    cases = {
        "1. Hazar Havzası: Stratejik Denge": "Hazar Havzası: Stratejik Denge",
        "2.3 Energy and trade": "Energy and trade",
        "IV. Conclusions": "Conclusions", "A) Background": "Background",
        # not section numbers
        "2030 Vision": "2030 Vision", "U.S. policy": "U.S. policy", "1.5 degrees of warming": "1.5 degrees of warming",
        "10 Downing Street": "10 Downing Street", "1.": "1.",
    }
    assert {h: unnumbered(h) for h in cases} == cases
    blocks = [Block("heading", "1. Energy", level=2), para("Gas flows through the pipeline to Europe.", 1),
              Block("heading", "2. Security", level=2), para("Troops guard the border crossings.", 2)]
    assert [s.label for s in segment(Document(title="t", blocks=blocks))] == ["Energy", "Security"]


def test_back_matter_in_other_languages_ends_the_themes() -> None:
    from briefing.notes import is_back_matter

    back = ["8. Kaynakça", "Önerilen Kaynaklar: Devlet Aklı ve Jeopolitik Vizyon", "İleri Doktriner Okumalar",
            "Stratejik Okuma Önerileri", "Temel Doktriner Referanslar", "İstifadə olunmuş ədəbiyyat",
            "Mənbələr", "Список литературы", "Примечания", "Notes", "References"]
    body = ["Stratejik Kaynakların Yönetimi ve Ulusal Güvenlik", "Enerji Politikaları ve Stratejik Kaynaklar",
            "Energy sources", "Sources of tension", "Литературная жизнь Баку"]
    assert [h for h in back if not is_back_matter(h)] == []
    assert [h for h in body if is_back_matter(h)] == []


def test_the_context_theme_is_named_in_the_documents_language() -> None:
    from briefing.analysis.themes import segment
    from briefing.model import Block, Document

    doc = Document(title="T", language="tr", blocks=[
        Block("paragraph", "Türkiye ile Ermenistan arasındaki ilişkiler uzun bir geçmişe sahiptir. " * 3, number=1),
        Block("heading", "Tarihsel arka plan", level=2),
        Block("paragraph", "Osmanlı İmparatorluğu döneminde Ermeni toplumu önemli roller üstlendi. " * 3, number=2),
    ])
    assert segment(doc)[0].label == "Bağlam"


def test_a_title_and_a_name_or_a_role_makes_no_theme_label() -> None:
    from briefing.analysis.keyphrases import labels

    texts = ["Sir John said the harbour levy would rise. Sir John met the harbour board. The harbour levy rises.",
             "The chief executive quit. The chief executive left the insurer. Insurer shares fell on the news."]
    found = labels(texts)
    assert "Sir John" not in found and "Chief executive" not in found, found


def test_a_name_a_count_or_a_time_makes_no_theme_label_when_a_topic_is_there() -> None:
    from briefing.analysis.keyphrases import labels

    texts = ["Louis van Gaal said the transfer fee was fair. Louis van Gaal signed the striker on Monday night. "
             "Louis van Gaal wants a second striker. The transfer fee set a club record. Four years ago the transfer "
             "fee was half as much. Louis van Gaal spoke for four years.",
             "Xinhua reported that the grain harvest fell. Xinhua reported the grain harvest figures for the region. "
             "The grain harvest was worth around a billion. Xinhua reported more rain."]
    found = labels(texts)
    assert found == ["Transfer fee", "Grain harvest"], found


def _words(segments: list[Segment]) -> list[int]:
    return [s.words for s in segments]


def test_a_section_of_more_than_30_percent_of_a_long_report_is_cut_at_its_sub_headings() -> None:
    blocks: list[Block] = []
    n = 0
    for t, topic in enumerate(["ports", "tariffs", "wheat", "ballots"]):
        blocks.append(Block("heading", f"Part {t} on {topic}", level=1))
        for sub in range(4 if t == 0 else 1):
            if t == 0:
                blocks.append(Block("heading", f"The {topic} question {sub}", level=2))
            n += 1
            blocks.append(para(f"The {topic} matter in many ways for item {sub} of this part of the text.", n, 30))
    doc = Document(title="t", blocks=blocks)
    segments = segment(doc)
    total = sum(_words(segments))
    assert total >= 3000
    assert max(_words(segments)) <= 0.3 * total
    assert [s.label for s in segments[:3]] == ["Part 0 on ports", "The ports question 2", "Part 1 on tariffs"]
    assert [b.number for s in segments for b in s.blocks] == list(range(1, n + 1))


def test_merging_never_makes_a_theme_of_more_than_30_percent_of_a_long_report() -> None:
    blocks: list[Block] = []
    for t in range(12):  # twelve similar sections: merging joins neighbours, up to the cap
        blocks.append(Block("heading", f"Section {t}", level=1))
        blocks.append(para(f"The gas pipeline exports matter here in part {t} of the long report text.", t + 1, 30))
    segments = segment(Document(title="t", blocks=blocks))
    total = sum(_words(segments))
    assert max(_words(segments)) <= 0.3 * total
    assert len(segments) <= MAX_THEMES


def test_a_short_text_keeps_its_one_big_section() -> None:
    blocks = [Block("heading", "Only part", level=1), para("The ports matter a great deal to the town.", 1, 20),
              Block("heading", "Small part", level=1), para("The town has a port.", 2, 6)]
    segments = segment(Document(title="t", blocks=blocks))
    assert [s.label for s in segments] == ["Only part", "Small part"]
