"""Retrieval with the real models over the shared index (read only)."""

from dataclasses import replace

from assistant.filters import Filters
from assistant.index import legs

BUREAU = "Welk bureau voerde het onderzoek naar de NLDTIB uit?"
STUDY = "monitor-nldtib-2026.pdf"


def _evidence(assistant, question, filters=None, top_k=5):
    return assistant.retriever(assistant.query(question), filters, top_k)


def test_finds_the_bureau_that_did_the_study(shared_assistant):
    evidence = _evidence(shared_assistant, BUREAU)
    assert any("Berenschot" in e.quote for e in evidence[:3])
    # the planted document claims another bureau; it may be found, but it is not the best
    assert evidence[0].chunk.doc_path != "injectie.txt"


def test_a_deeper_list_only_adds_the_next_quotes(shared_assistant):
    query = shared_assistant.query(BUREAU)
    top = shared_assistant.retriever(query, None, 5)
    deeper = shared_assistant.retriever(query, None, 5, depth=12)
    assert len(deeper) == 12 and [e.quote for e in deeper[:5]] == [e.quote for e in top]
    # a depth below top_k returns top_k
    assert len(shared_assistant.retriever(query, None, 5, depth=2)) == 5


def test_quotes_are_verbatim_and_pages_kept(shared_assistant):
    evidence = _evidence(
        shared_assistant,
        "Wat is het grootste knelpunt voor opschaling van munitieproductie?",
        None,
        3,
    )
    top = evidence[0]
    assert top.chunk.doc_path == STUDY and top.chunk.page == 2
    page_text = shared_assistant.page_text(top.chunk.doc_path, top.chunk.page)
    assert top.quote in page_text and "technisch personeel" in top.quote
    for e in evidence:
        assert e.quote in shared_assistant.page_text(e.chunk.doc_path, e.chunk.page)


def test_filters_apply_to_every_leg(shared_assistant):
    store = shared_assistant.index.store
    only_pdf = Filters(documents=(STUDY,))
    evidence = _evidence(shared_assistant, "Berenschot onderzoek NLDTIB", only_pdf)
    assert evidence and {e.chunk.doc_path for e in evidence} == {STUDY}

    query = shared_assistant.query("Berenschot onderzoek NLDTIB")
    assert set(query.vectors) == {legs.E5}  # E5 is complete, so USE stands down
    query.vectors = {  # every dense leg, not only those this question weighs
        leg.name: leg.embedder.embed_query(query.search_text) for leg in shared_assistant.index.legs
    }
    per_leg = shared_assistant.retriever.candidates(query, Filters(doc_types=("kamerbrief",)), 10)
    assert per_leg == {legs.BM25: [], legs.USE: [], legs.E5: []}  # no kamerbrief indexed

    dated = shared_assistant.retriever.candidates(query, Filters(date_from="1-1-2026"), 50)
    assert set(dated) == {legs.BM25, legs.USE, legs.E5}
    for leg, ranked in dated.items():
        stored = store.chunks_by_id([cid for cid, _ in ranked])
        assert stored and len(stored) == len(ranked), leg
        # only the EZK nota is dated (15 April 2026); undated documents fail a date filter
        assert {m.date for _, m in stored.values()} == {"2026-04-15"}, leg


def test_known_words_include_the_parts_of_closed_compounds(shared_assistant):
    known = shared_assistant.vocabulary.known
    assert known("bureau")  # only as "onderzoeksbureau" in the documents
    assert known("Berenschot") and known("NLDTIB")
    assert not known("Woensdrecht") and not known("2031")


def test_the_question_words_outweigh_their_expansions(shared_assistant):
    weight = shared_assistant.settings.question_term_weight
    assert weight > 1
    analyzer = shared_assistant.index.store.analyzer
    dutch = "Welk onderzoeksburo deed de studie?"  # "onderzoeksburo": a typo, expanded
    query = shared_assistant.query(dutch)
    own = set(analyzer(dutch))
    expansions = set(query.terms) - own - set(query.bridges)
    assert expansions and expansions <= set(query.expansions)
    assert all(query.terms.count(t) == 1 for t in expansions)
    assert all(query.terms.count(t) == weight for t in own)
    assert "onderzoeksbureau" in expansions  # the typo reaches the corpus's word
    english = "Which consultancy carried out the study?"
    query = shared_assistant.query(english)
    assert query.english and set(query.terms) - set(analyzer(english))  # translations
    assert all(query.terms.count(t) == 1 for t in analyzer(english))


ENGLISH = (
    "Defence spending\n\nThe additional structural investment will raise annual defence "
    "expenditures to 24 billion euros, the government announced in the White Paper.\n"
)


def test_a_dutch_question_reaches_an_english_document_through_its_english_words(shared_copy):
    from assistant.service import Assistant

    (shared_copy.corpus_dir / "white-paper.txt").write_text(ENGLISH)
    question = "Tot welk bedrag lopen de jaarlijkse defensie-uitgaven op?"
    with_bridges = Assistant(shared_copy)
    try:
        with_bridges.ingest()
        query = with_bridges.query(question)
        weight = shared_copy.question_term_weight
        assert "expenditures" in query.bridges  # weighs as much as the question's own words
        assert query.terms.count("expenditures") == weight
        found = with_bridges.retriever(query, None, 5)
        assert any(e.chunk.doc_path == "white-paper.txt" for e in found)
    finally:
        with_bridges.close()
    without = Assistant(replace(shared_copy, english_bridges=False))
    try:
        query = without.query(question)
        assert query.bridges == [] and query.terms.count("expenditures") < weight
    finally:
        without.close()
