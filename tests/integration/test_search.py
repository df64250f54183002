import pytest

from assistant.analysis import Analyzer
from assistant.index import Index
from assistant.models import Filters
from assistant.retrieve import HybridRetriever, detect_language, select_quote, weighted_terms


@pytest.fixture
def retriever(seeded, study_pdf):
    index = Index(seeded)
    index.sync()
    index.fill()  # every leg, E5 included, as after `python -m assistant ingest`
    return HybridRetriever(index, seeded)


def test_finds_the_bureau_that_did_the_study(retriever):
    evidence = retriever("Welk bureau voerde het onderzoek naar de NLDTIB uit?", top_k=5)
    assert any("Berenschot" in e.quote for e in evidence[:3])


def test_quotes_are_verbatim_and_pages_kept(retriever):
    evidence = retriever(
        "Wat is het grootste knelpunt voor opschaling van munitieproductie?", top_k=3
    )
    top = evidence[0]
    assert top.chunk.doc_path == "monitor-nldtib-2026.pdf" and top.chunk.page == 2
    page_text = retriever.index.store.page_text(top.chunk.doc_path, top.chunk.page)
    assert top.quote in page_text and "technisch personeel" in top.quote


def test_filters_apply_to_every_leg(retriever):
    only_pdf = Filters(documents=("monitor-nldtib-2026.pdf",))
    evidence = retriever("Berenschot onderzoek NLDTIB", only_pdf, top_k=5)
    assert evidence and {e.chunk.doc_path for e in evidence} == {"monitor-nldtib-2026.pdf"}
    per_leg = retriever.leg_results(
        "Berenschot onderzoek NLDTIB", Filters(doc_types=("kamerbrief",)), 10
    )
    assert all(results == [] for results in per_leg.values())
    dated = retriever.leg_results("onderzoek", Filters(date_from="2026-01-01"), 50)
    stored = retriever.index.store.chunks_by_id([cid for r in dated.values() for cid, _ in r])
    assert stored and {m.date for _, m in stored.values()} == {"2026-04-15"}


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


def test_known_words_include_the_parts_of_closed_compounds(retriever):
    assert retriever.known("bureau")  # only as "onderzoeksbureau" in the seeds
    assert retriever.known("Berenschot") and retriever.known("NLDTIB")
    assert not retriever.known("Woensdrecht") and not retriever.known("2031")


def test_common_terms_are_left_out_only_in_a_large_index(retriever, monkeypatch):
    import assistant.store as store_module

    store = retriever.index.store
    terms = store.analyzer("Berenschot onderzoek NLDTIB steun aan Oekraïne")
    assert store.without_common(terms) == terms  # 30-odd chunks: nothing left out
    monkeypatch.setattr(store_module, "COMMON_TERM_MIN_CHUNKS", 1)
    frequencies = store.term_frequencies()
    kept = store.without_common(terms)
    assert kept and all(frequencies[t] <= 0.1 * frequencies[""] for t in kept)
    assert set(kept) < set(terms)  # some of these words are in more than 10 % of chunks
    assert store.without_common(["nldtib"]) == ["nldtib"]  # only common terms: all kept


def test_use_covers_the_chunks_e5_lacks_and_stands_down_once_e5_is_complete(seeded):
    index = Index(seeded)
    index.sync()  # searchable; E5 not filled yet
    retriever = HybridRetriever(index, seeded)
    question = "Welk bureau voerde het onderzoek naar de NLDTIB uit?"
    assert retriever._weights_for(question, bridged=False).use > 0
    assert any("Berenschot" in e.quote for e in retriever(question, top_k=3))
    index.fill()
    assert retriever._weights_for(question, bridged=False).use == 0
    assert any("Berenschot" in e.quote for e in retriever(question, top_k=3))


def test_a_term_listed_more_often_weighs_more_in_bm25(retriever):
    store = retriever.index.store
    berenschot, munitie = store.analyzer("Berenschot")[0], store.analyzer("munitie")[0]

    def top(terms: list[str]) -> str:
        cid = store.lexical_search(terms, 1, Filters())[0][0]
        return store.chunks_by_id([cid])[cid][0].text.lower()

    assert "berenschot" in top([berenschot] * 3 + [munitie])
    assert "munitie" in top([berenschot] + [munitie] * 3)
    assert not ("berenschot" in top([berenschot]) and "munitie" in top([berenschot]))
    # BM25 adds up over the terms: each weight's terms are ranked in a query of their own
    cid, weighted = store.lexical_search([berenschot] * 3 + [munitie], 1, Filters())[0]
    alone = dict(store.lexical_search([berenschot], 100, Filters()))
    other = dict(store.lexical_search([munitie], 100, Filters()))
    assert weighted == pytest.approx(3 * alone[cid] + other.get(cid, 0.0))


def test_the_question_words_outweigh_their_expansions(retriever):
    assert weighted_terms(["a", "b", "a"], ["c", "b"], 3) == ["a", "b"] * 3 + ["c"]
    weight = retriever.settings.question_term_weight
    assert weight > 1
    dutch = "Welk onderzoeksburo deed de studie?"  # "onderzoeksburo": a typo, expanded
    terms, _, _ = retriever._prepare(dutch)
    own = set(retriever.index.store.analyzer(dutch))
    expansions = set(terms) - own
    assert expansions and all(terms.count(t) == 1 for t in expansions)
    assert all(terms.count(t) == weight for t in own)
    english = "Which consultancy carried out the study?"
    terms, _, _ = retriever._prepare(english)
    assert set(terms) - set(retriever.index.store.analyzer(english))  # translations
    assert all(terms.count(t) == 1 for t in retriever.index.store.analyzer(english))
