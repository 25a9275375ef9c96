"""Ranking: centrality, position, redundancy control, document order."""

from __future__ import annotations

from briefing.analysis.ranking import rank, select, terms, tfidf


def test_terms_drop_stop_words_and_fold_plurals() -> None:
    assert terms("The pipelines of Azerbaijan and the pipeline") == ["pipeline", "azerbaijan", "pipeline"]


def test_tfidf_rows_are_unit_length() -> None:
    import numpy as np

    m = tfidf([["gas", "pipeline"], ["gas"], []])
    norms = np.linalg.norm(m, axis=1)
    assert abs(norms[0] - 1) < 1e-9 and abs(norms[1] - 1) < 1e-9 and norms[2] == 0


SENTENCES = [
    "The gas pipeline from Azerbaijan to Europe opened this week after years of work.",
    "The pipeline will carry gas from Azerbaijan to Europe for decades to come.",
    "The gas pipeline from Azerbaijan to Europe opened this week after many years of work.",
    "Weather in the capital was mild and sunny all week long.",
    "European buyers signed contracts for gas from the new pipeline.",
]


def test_central_sentences_outrank_off_topic_ones() -> None:
    ranking = rank(SENTENCES)
    assert ranking.scores[3] == min(ranking.scores)


def test_select_avoids_near_duplicates_and_keeps_order() -> None:
    chosen = select(rank(SENTENCES), 2, diversity=0.5)
    assert chosen == sorted(chosen)
    assert not {0, 2} <= set(chosen)


def test_select_by_word_budget() -> None:
    lengths = [len(s.split()) for s in SENTENCES]
    chosen = select(rank(SENTENCES), 99, budget_words=20, lengths=lengths)
    assert 1 <= len(chosen) <= 2
    assert sum(lengths[i] for i in chosen) >= 20


def test_turkish_and_azerbaijani_lower_case_keeps_dotted_i() -> None:
    assert terms("İlham Aliyev İstanbul", "az") == ["ilham", "aliyev", "istanbul"]
    assert terms("IRAK ISPARTA", "tr") == ["ırak", "ısparta"]
    assert terms("pipelines", "ru") == ["pipelines"]  # English plural rules stay English


def test_frequency_prefers_sentences_made_of_the_texts_recurring_words() -> None:
    from briefing.analysis.ranking import frequency

    scores = frequency(SENTENCES)
    assert scores[3] == min(scores)  # the weather sentence shares no word with the rest
    assert scores[0] > scores[3]


def test_boilerplate_catches_cross_references_not_findings() -> None:
    from briefing.analysis.ranking import boilerplate

    assert boilerplate("For more information, see CRS Report R47194, Highway Bridges.")
    assert boilerplate("This report first provides background on the permanently authorized programs.")
    assert boilerplate("Source: CRS analysis of FHWA data.")
    assert not boilerplate("Most states provide up to 26 weeks of benefits to eligible individuals.")


def test_lede_follows_each_documents_own_opening() -> None:
    from briefing.analysis.ranking import Weights

    texts = ["Rain fell on the city.", "Rain fell on the town.", "Rain fell on the village.", "Rain fell on the farm."]
    weights = Weights(central=0.0, frequency=0.0, lede=1.0, short_words=0)
    one_text = rank(texts, weights=weights).scores
    assert one_text[0] > one_text[2]
    two_texts = rank(texts, openings=[0, 1, 0, 1], weights=weights).scores
    assert two_texts[2] == two_texts[0] > two_texts[1]  # the second document's first sentence counts as an opening


def test_diversity_weakens_as_the_summary_keeps_more_of_the_text() -> None:
    from briefing.analysis.summary import DIVERSITY, diversity_for

    assert diversity_for(1, 100) < DIVERSITY
    assert diversity_for(3, 30) > diversity_for(7, 18) > 0
    assert diversity_for(10, 20) == 0.0


def test_cosines_leave_out_single_sentence_terms_without_changing_a_similarity() -> None:
    import numpy as np

    from briefing.analysis.ranking import _cosines, terms, tfidf

    sentences = ["Azerbaijan and Armenia signed the peace declaration in Washington.",
                 "The declaration opens a transport corridor through Armenia.",
                 "Oil prices rose on Monday.",
                 "",
                 "Washington hosted the leaders of Azerbaijan and Armenia."]
    vectors = tfidf([terms(s) for s in sentences])
    full = vectors @ vectors.T
    compact = _cosines(vectors)
    off = ~np.eye(len(sentences), dtype=bool)
    assert np.allclose(compact[off], full[off], atol=1e-12)
    assert list(np.diag(compact)) == [1.0, 1.0, 1.0, 0.0, 1.0]


def test_caps_spread_a_selection_over_groups() -> None:
    sentences = [f"The port of {name} moved more cargo in 2025 than in any year before." for name in
                 ("Baku", "Aktau", "Poti", "Batumi", "Alat", "Kuryk")]
    ranking = rank(sentences)
    paragraph = [1, 1, 1, 1, 2, 3]
    assert select(ranking, 4, diversity=0.0) == [0, 1, 2, 3]  # uncapped: all from paragraph 1
    chosen = select(ranking, 4, diversity=0.0, caps=[(paragraph, 2)])
    assert sum(paragraph[i] == 1 for i in chosen) == 2 and {4, 5} <= set(chosen)
    one_each = select(ranking, 5, diversity=0.0, caps=[(paragraph, 1)])
    assert sorted(paragraph[i] for i in one_each) == [1, 2, 3]  # nothing else left: fewer, never over a cap


def test_takeaways_are_capped_per_paragraph_unless_the_text_is_one_paragraph() -> None:
    from briefing.compose import _spread
    from briefing.compose.units import Unit

    units = [Unit(f"s{i}", 1, 1 + i // 3, 0, 0.0) for i in range(12)]  # four paragraphs of three
    (keys, most), = _spread(units, 1, 5)
    assert most == 2 and keys[0] == keys[2] == (1, 1) and keys[3] == (1, 2)
    one_line = [Unit(f"s{i}", 1, 1, 0, 0.0) for i in range(12)]  # a text that came as one line
    (keys, _), = _spread(one_line, 1, 5)
    assert len(set(keys)) == 12
    assert _spread(units, 3, 5)[1] == ([1] * 12, 3)  # several sources: none gives more than three of five
