"""The answerability judge's features, and the fitted model shipped with the package."""

from dataclasses import replace

import numpy as np
import pytest

from assistant.answer.answerability import (
    FEATURES,
    QUESTION_FEATURES,
    AnswerabilityJudge,
    AnswerabilityModel,
    LogisticModel,
    about_the_documents,
    question_row,
)
from assistant.answer.rules import second_place_verb
from assistant.models import Chunk, DocumentMeta, Evidence, Query


def _evidence(quote: str, section: str = "", title: str = "Nota", cid: str = "c1") -> Evidence:
    chunk = Chunk(cid, "doc.txt", 0, quote, 1, section, 0, len(quote))
    return Evidence(chunk, quote, 1.0, DocumentMeta(title=title))


def _features(question: str, quote: str, **kwargs) -> dict[str, float]:
    judge = AnswerabilityJudge(known=lambda token: True)
    return judge.features(Query(question, question, "nl"), [_evidence(quote, **kwargs)])[0]


def test_the_subject_is_what_is_asked_without_the_question_frame():
    judge = AnswerabilityJudge(known=lambda token: True)
    question = "Kunt u aangeven hoeveel bedrijven de NLDTIB telt?"
    assert judge.subject_terms(Query(question, question, "nl")) == ["bedrijven", "nldtib", "telt"]


def test_coverage_counts_inflections_and_the_heading_apart():
    row = _features("Welke actielijnen kent de aanpak?", "De aanpak kent één actielijn.")
    assert row["coverage"] == 1.0  # "actielijnen" meets "actielijn"
    row = _features("Welke actielijnen kent de aanpak?", "De aanpak kent één spoor.")
    assert row["coverage"] == pytest.approx(2 / 3)
    row = _features("Hoeveel actielijnen zijn er?", "Er zijn vier lijnen.", section="Actielijnen")
    assert row["coverage"] == 0.0 and row["context_coverage"] == 1.0


def test_a_year_or_figure_the_passage_contradicts():
    assert (
        _features("Wat was de omzet in 2022?", "In 2021 was de omzet 5 miljard.")["year_conflict"]
        == 1.0
    )
    assert _features("Wat was de omzet in 2022?", "De omzet was 5 miljard.")["year_conflict"] == 0
    assert (
        _features("Wat was de omzet in 2022?", "In 2022 was de omzet 5 miljard.")["year_conflict"]
        == 0
    )
    assert (
        _features("Klopt het dat er 300 bedrijven zijn?", "Er zijn 412 bedrijven.")[
            "figure_conflict"
        ]
        == 1.0
    )


def test_the_asked_fact_must_be_attached_to_the_counted_thing():
    row = _features("Hoeveel actielijnen zijn er?", "Er zijn vier actielijnen.")
    assert row["type_present"] == row["type_attached"] == 1.0
    far = (
        "Over de actielijnen is met banken, fondsen, investeerders en verzekeraars 3 keer overlegd."
    )
    row = _features("Hoeveel actielijnen zijn er?", far)
    assert row["type_present"] == 1.0 and row["type_attached"] == 0.0


def test_similarity_comes_from_the_stored_chunk_vectors():
    vectors = {"c1": np.array([1.0, 0.0]), "c2": np.array([0.0, 1.0])}
    judge = AnswerabilityJudge(
        known=lambda token: True,
        chunk_vectors=lambda leg, ids: {i: vectors[i] for i in ids} if leg == "e5" else {},
    )
    query = Query("vraag", "vraag", "nl", vectors={"e5": np.array([1.0, 0.0])})
    rows = judge.features(query, [_evidence("een", cid="c1"), _evidence("twee", cid="c2")])
    assert [r["similarity"] for r in rows] == pytest.approx([1.0, 0.0])
    assert [r["rank"] for r in rows] == [0.0, 1.0]


def test_the_shipped_model_loads_and_weighs_as_a_reader_would():
    model = AnswerabilityModel.load()
    question = dict(zip(QUESTION_FEATURES, model.question.weights, strict=True))
    assert 0 < model.question.threshold < 1 and 0 < model.quote.threshold < 1
    # a closer passage makes an answer likelier, a word the corpus lacks or a year the
    # passage contradicts less likely, whatever the dev questions it was fitted on
    assert question["best_similarity"] + question["top_similarity"] > 0
    assert question["unknown_terms"] < 0 and question["best_year_conflict"] < 0
    assert question["best_figure_conflict"] <= 0
    assert 0 < model.off_topic_coverage < 1 and model.off_topic_similarity > 0
    assert model.quote.features == FEATURES
    assert model.rank is not None and model.rank.features == FEATURES


def test_a_model_of_other_features_is_refused():
    with pytest.raises(ValueError, match="expected 2 weights"):
        LogisticModel(("a", "b"), (0.0,), (1.0,), (1.0,), 0.0, 0.5)
    with pytest.raises(ValueError, match="other features"):
        LogisticModel.from_dict({"features": ["a"]}, FEATURES)


def test_the_question_row_summarises_its_quotes():
    blank = dict.fromkeys((*FEATURES, "context_coverage_idf"), 0.0)
    rows = [
        blank | {"similarity": 0.8, "coverage_idf": 0.2, "context_coverage_idf": 0.4},
        blank | {"similarity": 0.9, "coverage_idf": 0.7, "rank": 1.0, "year_conflict": 1.0},
    ]
    row = question_row(rows)
    assert row["best_similarity"] == 0.9 and row["top_similarity"] == 0.8
    assert row["best_coverage_idf"] == 0.7 and row["best_year_conflict"] == 1.0
    assert row["best_context_coverage_idf"] == 0.4


def test_a_number_word_contradicts_the_figure_a_passage_states():
    row = _features("Waarom richt de strategie zich op zeven gebieden?", "Er zijn 5 gebieden.")
    assert row["figure_conflict"] == 1.0
    row = _features("Waarom richt de strategie zich op vijf gebieden?", "Er zijn 5 gebieden.")
    assert row["figure_conflict"] == 0.0
    # "een" is the article far more often than the number
    assert _features("Is er een strategie?", "Er zijn 5 strategieën.")["figure_conflict"] == 0


def test_the_rarest_subject_word_must_be_in_the_passage():
    frequency = {"": 100, "winstmarge": 1, "bedrijven": 60, "gemiddelde": 20}
    judge = AnswerabilityJudge(
        known=lambda t: True, document_frequency=lambda t: frequency.get(t, 0)
    )
    question = "Wat is de gemiddelde winstmarge van bedrijven in de sector?"
    query = Query(question, question, "nl")
    rows = judge.features(query, [_evidence("Gemiddeld werken bedrijven met 180 fte."),
                                  _evidence("De winstmarge is 4%.", cid="c2")])  # fmt: skip
    assert [r["rarest_covered"] for r in rows] == [0.0, 1.0]


def test_the_verb_in_second_place_is_not_the_rarest_subject_word():
    # an inflected verb is rare as written; the passage says it otherwise
    frequency = {"": 100, "omschrijft": 1, "innoveren": 5, "verantwoord": 8, "sii": 30}
    judge = AnswerabilityJudge(
        known=lambda t: True, document_frequency=lambda t: frequency.get(t, 0)
    )
    question = "Hoe omschrijft de D-SII maatschappelijk verantwoord innoveren?"
    passage = "Maatschappelijk verantwoord innoveren kan worden gedefinieerd als het vroeg wegen."
    rows = judge.features(Query(question, question, "nl"), [_evidence(passage)])
    assert rows[0]["rarest_covered"] == 1.0
    assert second_place_verb(question) == "omschrijft"
    assert second_place_verb("Hoeveel bedrijven telt de sector?") is None


def test_a_quote_without_the_asked_kind_of_fact_never_answers():
    # a model that accepts every quote: the asked kind of fact still has to be there
    accept = AnswerabilityModel(
        question=LogisticModel(QUESTION_FEATURES, (0.0,) * len(QUESTION_FEATURES),
                               (1.0,) * len(QUESTION_FEATURES),
                               (0.0,) * len(QUESTION_FEATURES), 5.0, 0.5),
        quote=LogisticModel(FEATURES, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES),
                            (0.0,) * len(FEATURES), 5.0, 0.5),
    )  # fmt: skip
    judge = AnswerabilityJudge(known=lambda t: True, model=accept)
    question = "Hoeveel geld heeft ASR vrijgemaakt voor de defensie-industrie?"
    found = [
        _evidence("ASR kondigde aan mogelijkheden te creëren voor investeringen."),
        _evidence("ASR maakt 500 miljoen euro vrij voor de defensie-industrie.", cid="c2"),
    ]
    answers = [j.answers for j in judge(Query(question, question, "nl"), found)]
    assert answers == [False, True]


def test_what_is_said_to_have_happened_must_be_in_the_passage():
    question = "Waarom is de Drone Council in 2021 opgeheven?"
    row = _features(question, "De Drone Council is in 2019 opgericht.")
    assert row["predicate_covered"] == 0.0
    row = _features(question, "In 2021 is de Drone Council opgeheven.")
    assert row["predicate_covered"] == 1.0


def _judge_that_answers_everything() -> AnswerabilityJudge:
    """A judge whose models say yes to every question and quote: what it still refuses is
    refused by rule."""
    n, m = len(QUESTION_FEATURES), len(FEATURES)
    model = AnswerabilityModel(
        LogisticModel(QUESTION_FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, 5.0, 0.5),
        LogisticModel(FEATURES, (0.0,) * m, (1.0,) * m, (0.0,) * m, 5.0, 0.5),
    )
    return AnswerabilityJudge(known=lambda t: True, model=model)


def test_a_question_is_never_the_answer():
    question = "Kunt u de analyse met de Kamer delen?"
    evidence = [
        _evidence("Kunt u de analyse met de Kamer delen?"),
        _evidence("De analyse is op 1 mei met de Kamer gedeeld.", cid="c2"),
    ]
    verdicts = _judge_that_answers_everything()(Query(question, question, "nl"), evidence)
    assert [v.answers for v in verdicts] == [False, True]


def test_standard_nota_lines_never_answer():
    question = "Hoe wordt de persoonlijke levenssfeer van burgers beschermd?"
    quote = (
        "Persoonsgegevens van de steller worden gelakt vanwege bescherming van de"
        " persoonlijke levenssfeer."
    )
    verdicts = _judge_that_answers_everything()(Query(question, question, "nl"), [_evidence(quote)])
    assert [v.answers for v in verdicts] == [False]


def test_a_caption_or_a_title_line_never_answers():
    title = "Defensie Strategie voor Industrie en Innovatie 2025-2029"
    question = "Welke kennisinstellingen blijven de strategische samenwerkingspartners?"
    evidence = [
        _evidence("Figuur 1. Strategische agenda - Defensie Strategie voor Industrie (D-SII)"),
        _evidence(
            "2025–2029 Defensie Strategie voor Industrie en Innovatie", title=title, cid="c2"
        ),
        _evidence("TNO, NLR en Marin blijven de strategische samenwerkingspartners.", cid="c3"),
    ]
    verdicts = _judge_that_answers_everything()(Query(question, question, "nl"), evidence)
    assert [v.answers for v in verdicts] == [False, False, True]


def test_a_passage_of_the_notes_answers_only_a_question_about_sources():
    # half an endnote, as a chunk of a long list of notes cuts it: no number, no year
    quote = "Climate Security and the Military. Concepts, Strategies and Partnerships, G. Frerks."
    judge = _judge_that_answers_everything()
    for question, answers in (
        ("Wie zijn er binnengedrongen in de digitale systemen van Defensie?", [False, True]),
        ("Op welke bron baseert de White Paper de passage over klimaatveiligheid?", [True, True]),
    ):
        evidence = [_evidence(quote, section="Endnotes"), _evidence(quote, cid="c2")]
        verdicts = judge(Query(question, question, "nl"), evidence)
        assert [v.answers for v in verdicts] == answers


def test_the_rare_words_of_a_question_weigh_most_in_what_it_is_about():
    frequency = {"": 100, "nieuwe": 50, "huurtoeslag": 0}
    judge = AnswerabilityJudge(
        known=lambda t: True, document_frequency=lambda t: frequency.get(t, 0)
    )
    question = "Nieuwe huurtoeslag?"
    row = judge.features(Query(question, question, "nl"), [_evidence("Nieuwe drones.")])[0]
    assert row["context_coverage"] == 0.5
    assert row["context_coverage_idf"] < 0.25


def test_a_question_no_passage_is_about_is_off_topic():
    summary = dict.fromkeys((*QUESTION_FEATURES, "best_context_coverage_idf"), 0.0)
    unrelated = summary | {"best_similarity": 0.85, "best_context_coverage_idf": 0.2}
    bounds = (0.82, 1 / 3, 0.875)
    assert not about_the_documents(unrelated, *bounds)
    # the subject's words in a passage, heading or title, or a passage close to it: on topic
    assert about_the_documents(unrelated | {"best_context_coverage_idf": 0.5}, *bounds)
    assert about_the_documents(unrelated | {"best_similarity": 0.9}, *bounds)
    # half the words, but only the common ones ("nieuwe", "maatregelen"): still off topic
    assert not about_the_documents(unrelated | {"best_context_coverage": 0.5}, *bounds)
    # below the floor nothing is close enough, whatever the words
    assert not about_the_documents(
        unrelated | {"best_similarity": 0.8, "best_context_coverage_idf": 1}, *bounds
    )
    # an English question meets the Dutch text at lower similarities: left to the gate
    assert about_the_documents(unrelated | {"english": 1.0}, *bounds)


def _ranking(weights: dict[str, float]) -> LogisticModel:
    return LogisticModel(FEATURES, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES),
                         tuple(weights.get(f, 0.0) for f in FEATURES), 0.0, 0.5)  # fmt: skip


def test_the_rank_model_orders_what_retrieval_returned():
    model = AnswerabilityModel.load()
    ranking = replace(model, rank=_ranking({"coverage": 5.0}))
    judge = AnswerabilityJudge(known=lambda token: True, model=ranking)
    question = "Hoeveel bedrijven telt de NLDTIB?"
    query = Query(question, question, "nl")
    found = [_evidence("Defensie werkt samen met de industrie.", cid="a"),
             _evidence("Het weer was goed.", cid="b"),
             _evidence("De NLDTIB telt 1.000 bedrijven.", cid="c")]  # fmt: skip
    # scores that make the best shown quote another than the best found one
    for e, score in zip(found, (0.5, 0.9, 0.3), strict=True):
        e.score = score
    shown, judgements = judge.select(query, found, 2)
    assert [e.chunk.id for e in shown] == ["c", "a"]
    # the shown quotes' rows are the ones `features` gives them in their new places
    assert [j.features for j in judgements] == judge.features(query, shown)
    # without a rank model, retrieval's order stands
    plain = AnswerabilityJudge(known=lambda token: True, model=replace(model, rank=None))
    assert [e.chunk.id for e in plain.select(query, found, 2)[0]] == ["a", "b"]


def test_the_gate_reads_the_retrieved_order_not_the_reordered_one():
    # a gate that answers only when the first retrieved quote covers the question
    gate = LogisticModel(QUESTION_FEATURES, (0.0,) * len(QUESTION_FEATURES),
                         (1.0,) * len(QUESTION_FEATURES),
                         tuple(10.0 if f == "top_similarity" else 0.0
                               for f in QUESTION_FEATURES), -5.0, 0.5)  # fmt: skip
    model = replace(AnswerabilityModel.load(), question=gate, similarity_floor=0.0,
                    off_topic_coverage=0.0)  # fmt: skip
    vectors = {"close": np.array([1.0, 0.0]), "far": np.array([0.0, 1.0])}
    stored = lambda leg, ids: {i: vectors[i] for i in ids}  # noqa: E731
    judge = AnswerabilityJudge(known=lambda token: True, model=model, chunk_vectors=stored)
    question = "Hoeveel bedrijven telt de NLDTIB?"
    query = Query(question, question, "nl", vectors={"e5": np.array([1.0, 0.0])})
    close, far = (
        _evidence("De NLDTIB telt 1.000 bedrijven.", cid="close"),
        _evidence("Het weer was goed.", cid="far"),
    )
    assert judge(query, [close, far])[0].question_probability > 0.5
    # shown reordered (a rank model that puts the far quote first), the gate still reads
    # what retrieval put first
    reordering = replace(model, rank=_ranking({"similarity": -5.0}))
    ranked = AnswerabilityJudge(known=lambda token: True, model=reordering, chunk_vectors=stored)
    shown, judgements = ranked.select(query, [close, far], 2)
    assert [e.chunk.id for e in shown] == ["far", "close"]
    assert judgements[0].question_probability > 0.5
    assert judge(query, [far, close])[0].question_probability < 0.5
