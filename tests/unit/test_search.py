"""Search on the fake embedder: the Query, BM25, the legs under filters, the fusion inputs."""

from dataclasses import replace

import numpy as np
import pytest
from fakes import FakeEmbedder, fake_answerability

from assistant import messages
from assistant.filters import Filters
from assistant.index import legs
from assistant.models import Chunk, DocumentMeta, Evidence
from assistant.search.query import contextualise, weighted_terms
from assistant.search.quotes import fresh_quote, select_quote
from assistant.service import Assistant
from assistant.text.analysis import Analyzer
from assistant.text.language import detect_language

QUESTION = "Welk onderzoeksbureau voerde het onderzoek naar de NLDTIB uit?"


def test_language_detection():
    assert detect_language("Which agency carried out the study?") == "en"
    assert detect_language("Welk bureau voerde het onderzoek uit?") == "nl"


def test_quote_selection_picks_the_matching_sentences():
    text = " ".join(f"Zin {i} gaat over iets anders dan de vraag." for i in range(8))
    text += " Berenschot voerde het onderzoek uit. " + " ".join(
        f"Zin {i} vult aan." for i in range(8)
    )
    start, end = select_quote(text, {"berenschot", "onderzoek"}, Analyzer())
    assert "Berenschot voerde het onderzoek uit." in text[start:end]
    assert end - start <= 500


SENTENCES = [
    "Het betreft een regeling op grond van artikel 31 van de Huisvestingswet 2014.",
    "Dit artikel geeft de Minister die mogelijkheid.",
    "In de praktijk telt deze groep mee in de taakstelling voor gemeenten.",
]


def _chunk(first: int, last: int, doc: str = "brief.pdf", page: int = 1) -> Chunk:
    """Sentences first..last of the page as a chunk: a sentence window of the page."""
    start = sum(len(s) + 1 for s in SENTENCES[:first])
    text = " ".join(SENTENCES[first : last + 1])
    return Chunk(f"{doc}{first}{last}{page}", doc, first, text, page, "", start, start + len(text))


def _chosen(chunk: Chunk) -> Evidence:
    return Evidence(chunk, chunk.text, 1.0, DocumentMeta("Brief"))


def test_an_overlapping_chunk_quotes_only_what_is_not_shown_yet():
    analyze = Analyzer()
    terms = set(analyze("Op welk wetsartikel is de regeling gebaseerd?"))
    better, lower = _chunk(1, 2), _chunk(0, 1)  # they share the middle sentence
    start, end = fresh_quote(lower, [_chosen(better)], terms, analyze)
    assert lower.text[start:end] == SENTENCES[0]
    assert fresh_quote(_chunk(1, 1), [_chosen(better)], terms, analyze) is None  # all shown
    # with the chosen quote in another document the whole window is the quote
    elsewhere = _chosen(_chunk(1, 2, doc="nota.pdf"))
    assert fresh_quote(lower, [elsewhere], terms, analyze) == (0, len(lower.text))


def test_a_sentence_printed_twice_in_a_document_is_quoted_once():
    analyze = Analyzer()
    terms = set(analyze("regeling artikel"))
    shown = _chosen(_chunk(0, 0, page=3))
    assert fresh_quote(_chunk(0, 0, page=7), [shown], terms, analyze) is None
    # a page printed twice: its window on the second copy quotes only what the first lacks
    start, end = fresh_quote(_chunk(0, 1, page=8), [_chosen(_chunk(1, 2, page=7))], terms, analyze)
    assert _chunk(0, 1).text[start:end] == SENTENCES[0]
    # another document saying the same is another source
    assert fresh_quote(_chunk(0, 0, doc="nota.pdf"), [shown], terms, analyze) is not None
    # and the same words answering another of the Kamer's questions are another answer
    other = replace(_chunk(0, 0, page=7), context="Vraag 5: op welke wet berust de regeling?")
    assert fresh_quote(other, [shown], terms, analyze) is not None


def test_a_remainder_too_short_to_cite_is_not_quoted():
    analyze = Analyzer()
    text = "Ja. Het kabinet stelt de regeling vast op grond van de wet."
    short = Chunk("a", "b.pdf", 0, text, 1, "", 0, len(text))
    rest = Chunk("b", "b.pdf", 1, text[4:], 1, "", 4, len(text))
    assert fresh_quote(short, [_chosen(rest)], set(analyze("regeling")), analyze) is None


def test_follow_up_questions_carry_the_previous_question():
    history = ["Wanneer stuurt Defensie de vernieuwde strategie naar de Kamer?"]
    follow_up = "En wat staat er in die strategie?"
    assert contextualise(follow_up, history) == f"{follow_up} {history[0]}"
    assert contextualise("Welk bureau deed het NLDTIB-onderzoek?", history) == (
        "Welk bureau deed het NLDTIB-onderzoek?"
    )
    assert contextualise(follow_up, []) == follow_up  # nothing to carry


def test_the_question_words_outweigh_their_expansions():
    assert weighted_terms(["a", "b", "a"], ["c", "b"], 3) == ["a", "b"] * 3 + ["c"]
    assert weighted_terms(["a"], ["c", "c"], 1) == ["a", "c"]
    # an English bridge weighs as much as the question's own words, once however found
    assert weighted_terms(["a"], ["c"], 3, ["e", "e", "a"]) == ["a", "e"] * 3 + ["c"]


def test_a_term_listed_more_often_weighs_more_in_bm25(fake_assistant):
    lexical = fake_assistant.index.store.lexical
    store = fake_assistant.index.store
    berenschot, oekraine = store.analyzer("Berenschot")[0], store.analyzer("Oekraïne")[0]

    def top(terms: list[str]) -> str:
        cid = lexical.search(terms, 1, Filters())[0][0]
        return store.chunks_by_id([cid])[cid][0].text.lower()

    assert "berenschot" in top([berenschot] * 3 + [oekraine])
    assert "oekraïne" in top([berenschot] + [oekraine] * 3)
    # no chunk holds both words, so the weights decide which one comes first
    assert not ("berenschot" in top([berenschot]) and "oekraïne" in top([berenschot]))
    # BM25 adds up over the terms: each weight's terms are ranked in a query of their own
    for terms in ([berenschot] * 3 + [oekraine], [berenschot] + [oekraine] * 2):
        weighted = dict(lexical.search(terms, 100, Filters()))
        alone = dict(lexical.search([berenschot], 100, Filters()))
        other = dict(lexical.search([oekraine], 100, Filters()))
        assert set(weighted) == set(alone) | set(other)
        for cid, score in weighted.items():
            expected = terms.count(berenschot) * alone.get(cid, 0.0) + terms.count(
                oekraine
            ) * other.get(cid, 0.0)
            assert score == pytest.approx(expected), cid


def test_common_terms_are_left_out_only_in_a_large_index(fake_assistant, monkeypatch):
    import assistant.index.lexical as lexical_module

    lexical = fake_assistant.index.store.lexical
    terms = fake_assistant.index.store.analyzer("Berenschot onderzoek NLDTIB steun aan Oekraïne")
    assert lexical.without_common(terms) == terms  # 24 chunks: nothing left out
    monkeypatch.setattr(lexical_module, "COMMON_TERM_MIN_CHUNKS", 1)
    frequencies = lexical.term_frequencies()
    assert frequencies[""] == fake_assistant.index.store.chunk_count()
    kept = lexical.without_common(terms)
    assert kept == [t for t in terms if frequencies[t] <= 0.1 * frequencies[""]]
    assert kept == ["steun", "oekraine"]  # onderzoek, nldtib (14 of 24), berenschot (3) go
    assert lexical.without_common(["nldtib"]) == ["nldtib"]  # only common terms: all kept


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting the questions it embeds."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.questions: list[str] = []

    def encode_query(self, text: str) -> np.ndarray:
        self.questions.append(text)
        return super().encode_query(text)


def _weighted_dense(query) -> set[str]:
    """The dense legs this query weighs (BM25 needs no vector)."""
    return {name for name, weight in query.weights.items() if weight > 0} - {legs.BM25}


@pytest.fixture
def counting(seeded):
    """An Assistant over the seed nota's whose fake embedders count questions; E5 not
    filled yet (USE covers the chunks E5 lacks)."""
    embedders = {legs.USE: CountingEmbedder("fake-use"), legs.E5: CountingEmbedder("fake-e5")}
    assistant = Assistant(seeded, embedders=embedders, answerability=fake_answerability())
    assistant.ingest(fill=False)
    yield assistant, embedders
    assistant.close()


def test_a_question_is_prepared_once_with_its_language_terms_weights_and_vectors(counting):
    assistant, embedders = counting
    settings = assistant.settings
    query = assistant.query(f"  {QUESTION} ")
    assert (query.text, query.search_text, query.language) == (QUESTION, QUESTION, "nl")
    assert not query.english
    # the weights of the settings, every leg named; both dense legs count while E5 fills
    assert query.weights == {legs.BM25: settings.weight_lexical, legs.USE: settings.weight_use,
                             legs.MINILM: 0.0, legs.E5: settings.weight_e5}  # fmt: skip
    # a vector for each leg that counts and for no other, from that leg's own model
    assert set(query.vectors) == _weighted_dense(query) == {legs.USE, legs.E5}
    for name, vector in query.vectors.items():
        assert np.allclose(vector, embedders[name].embed_query(QUESTION))
    # a Dutch question's own terms weigh question_term_weight times, each expansion once
    own = assistant.index.store.analyzer(QUESTION)
    assert settings.question_term_weight == 3
    assert all(query.terms.count(t) == settings.question_term_weight for t in own)
    assert set(query.terms) - set(own) <= set(query.expansions)
    assert all(query.terms.count(t) == 1 for t in set(query.terms) - set(own))

    # ask computes its Query once: each counted leg embeds the question once, no more
    for embedder in embedders.values():
        embedder.questions.clear()
    answer = assistant.ask(QUESTION)
    assert not answer.abstained and "Berenschot" in answer.answer
    assert [e.questions for e in embedders.values()] == [[QUESTION], [QUESTION]]

    # once E5 holds every chunk, USE stands down: no weight, so no vector either
    assert assistant.fill_vectors() == assistant.index.store.chunk_count()
    embedders[legs.USE].questions.clear()
    filled = assistant.query(QUESTION)
    assert filled.weights[legs.USE] == 0.0
    assert set(filled.vectors) == _weighted_dense(filled) == {legs.E5}
    assert embedders[legs.USE].questions == []


def test_an_english_question_counts_its_own_words_once_and_leaves_minilm_out(counting):
    assistant, _ = counting
    question = "Which consultancy carried out the study?"
    query = assistant.query(question)
    assert query.language == "en" and query.english
    own = assistant.index.store.analyzer(question)
    assert all(query.terms.count(t) == 1 for t in own)
    assert sorted(query.terms) == sorted(set(own) | set(query.expansions))
    base = legs.weights(assistant.settings)
    bridged = assistant.queries.weights(english=True, bridged=True)
    unbridged = assistant.queries.weights(english=True, bridged=False)
    assert bridged[legs.BM25] == base[legs.BM25]
    assert 0 < unbridged[legs.BM25] < base[legs.BM25]  # no Dutch word reaches the corpus
    assert bridged[legs.MINILM] == unbridged[legs.MINILM] == 0.0
    expected = bridged if query.expansions else unbridged
    assert query.weights == expected
    assert set(query.vectors) == _weighted_dense(query) == {legs.USE, legs.E5}


def test_a_follow_up_is_searched_and_embedded_with_the_question_before_it(counting):
    assistant, embedders = counting
    history = ["Wanneer stuurt Defensie de vernieuwde strategie naar de Kamer?"]
    query = assistant.query("En wat staat er in die strategie?", history)
    assert query.text == "En wat staat er in die strategie?"
    assert query.search_text == f"{query.text} {history[0]}"
    assert np.allclose(query.vectors[legs.E5], embedders[legs.E5].embed_query(query.search_text))
    assert set(assistant.index.store.analyzer("Kamer")) <= set(query.terms)


def test_an_empty_question_is_refused_in_dutch(fake_assistant):
    with pytest.raises(ValueError) as raised:
        fake_assistant.query("   ")
    assert str(raised.value) == messages.EMPTY_QUESTION


def test_use_covers_the_chunks_e5_lacks_and_stands_down_once_e5_is_complete(counting):
    assistant, _ = counting
    assert assistant.pending_vectors() == assistant.index.store.chunk_count() > 0
    assert assistant.queries.weights(english=False, bridged=False)[legs.USE] > 0
    evidence = assistant.retriever(assistant.query(QUESTION), None, 3)
    assert any("Berenschot" in e.quote for e in evidence)
    assert any(legs.USE in e.leg_ranks for e in evidence)  # USE ranks them meanwhile
    assert not any(legs.E5 in e.leg_ranks for e in evidence)  # E5 holds no vector yet
    assistant.fill_vectors()
    assert assistant.pending_vectors() == 0
    assert assistant.queries.weights(english=False, bridged=False)[legs.USE] == 0
    evidence = assistant.retriever(assistant.query(QUESTION), None, 3)
    assert any("Berenschot" in e.quote for e in evidence)
    assert not any(legs.USE in e.leg_ranks for e in evidence)
    assert any(legs.E5 in e.leg_ranks for e in evidence)


# --- filters: every leg, every pass -----------------------------------------------------------

K25, K26 = "kamerbrief-2025.txt", "kamerbrief-2026.txt"
STUDIE, NOTITIE = "studie-2026.txt", "notitie.txt"
NOTA_UNDATED, NOTA_DATED = "000_88b5e2bd4c0d9035.txt", "002_20a449703ecf9cc4.txt"
FILTERED = [
    (Filters(doc_types=("kamerbrief",)), {K25, K26}),
    (Filters(doc_types=("nota", "other")), {NOTA_UNDATED, NOTA_DATED, NOTITIE}),
    (Filters(date_from="2026-01-01"), {STUDIE, NOTA_DATED, K26}),
    (Filters(date_to="10-1-2026"), {K25, STUDIE}),
    (Filters(date_from="1 januari 2026", date_to="2026-04-15"), {STUDIE, NOTA_DATED}),
    (Filters(documents=(NOTITIE, K25)), {NOTITIE, K25}),
    (Filters(doc_types=("kamerbrief", "studie"), date_to="2026-03-31"), {K25, STUDIE}),
]
FILTER_QUESTION = "Wat zegt het onderzoek over de financiering van bedrijven in de NLDTIB?"


@pytest.mark.parametrize(("filters", "admitted"), FILTERED)
def test_every_citation_honours_the_filters_in_every_leg_and_pass(library, filters, admitted):
    store = library.index.store
    assert {d.path for d in store.documents(filters)} == admitted

    answer = library.ask(FILTER_QUESTION, filters, top_k=8)
    assert answer.citations
    for citation in answer.citations:
        assert citation.document in admitted
        assert filters.admits(citation.document, citation.doc_type, citation.date)

    query = library.query(FILTER_QUESTION)
    # every dense leg, not only those this question weighs
    query.vectors = {
        leg.name: leg.embedder.embed_query(query.search_text) for leg in library.index.legs
    }
    per_leg = library.retriever.candidates(query, filters, store.chunk_count())
    assert set(per_leg) == {legs.BM25, legs.USE, legs.E5}
    for leg, ranked in per_leg.items():
        found = store.chunks_by_id([cid for cid, _ in ranked])
        documents = {chunk.doc_path for chunk, _ in found.values()}
        assert len(found) == len(ranked), leg  # every candidate is a stored chunk
        assert documents and documents <= admitted, leg
        if leg != legs.BM25:  # k covers the index: a dense leg returns every admitted chunk
            assert documents == admitted, leg

    prior = library.retriever.document_prior(query, filters)
    assert prior and set(prior) <= admitted
    evidence = library.retriever(query, filters, 10)
    assert evidence and {e.chunk.doc_path for e in evidence} <= admitted
    assert all(filters.admits(e.chunk.doc_path, e.meta.doc_type, e.meta.date) for e in evidence)


def test_without_filters_the_same_question_reaches_every_document(library):
    query = library.query(FILTER_QUESTION)
    prior = library.retriever.document_prior(query, Filters())
    assert set(prior) == {d.path for d in library.documents()}


@pytest.mark.parametrize(
    "filters",
    [Filters(doc_types=("studie",), date_to="2025-12-31"), Filters(date_from="2030-01-01"),
     Filters(documents=(NOTITIE,), date_from="2020-01-01")],
)  # fmt: skip
def test_filters_no_document_matches_say_so(library, filters):
    answer = library.ask(FILTER_QUESTION, filters)
    assert answer.answer == messages.NO_MATCHING_DOCUMENTS
    assert answer.abstained and answer.citations == []
    assert answer.notes == [messages.REASON_NO_DOCUMENTS]


def test_misspelt_words_and_compounds_written_apart_meet_the_corpus_terms(fake_assistant):
    vocabulary = fake_assistant.vocabulary
    corrections = vocabulary.corrections(
        "Wat zegt de nota over de financiring van de defensie industrie?"
    )
    assert "defensieindustrie" in corrections  # "defensie-industrie" in the nota
    assert "financiering" in corrections
    assert vocabulary.corrections("Wat zegt de nota over financiering?") == []  # spelt right
    assert vocabulary.closest_term("qwertyuiop") is None
    # a Dutch question searches for what the user meant, each correction once
    query = fake_assistant.query("Wat staat er over de financiring?")
    assert query.terms.count("financiering") == 1 and "financiering" in query.expansions
