"""The index on the fake embedder: the leg registry, model identity, sync, check and fill."""

import shutil
import threading
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import seed_corpus
from fakes import FakeEmbedder, fake_embedders

from assistant import messages
from assistant.config import Settings
from assistant.filters import Filters
from assistant.index import Index, IndexMismatchError, legs
from assistant.index.embedders import E5Embedder, USEEmbedder

NOTA_UNDATED, NOTA_DATED = "000_88b5e2bd4c0d9035.txt", "002_20a449703ecf9cc4.txt"
NO_LEG = Settings(weight_lexical=0, use_multilingual_leg=False, e5_leg=False)


def test_the_registry_weighs_only_the_legs_switched_on():
    weights = legs.weights(Settings())
    assert set(weights) == {legs.BM25, legs.USE, legs.MINILM, legs.E5} == set(legs.BY_NAME)
    assert weights[legs.USE] > 0 and weights[legs.E5] > 0 and weights[legs.BM25] > 0
    assert weights[legs.MINILM] == 0.0
    assert legs.weights(Settings(sentence_transformer_leg=True))[legs.MINILM] > 0
    assert legs.weights(Settings(use_multilingual_leg=False))[legs.USE] == 0.0
    assert [leg.name for leg in legs.dense_legs(Settings())] == [legs.USE, legs.E5]
    assert [leg.name for leg in legs.LEGS if leg.deferred] == [legs.E5]
    assert isinstance(legs.primary_embedder(Settings()), USEEmbedder)  # not loaded yet
    assert isinstance(legs.primary_embedder(Settings(use_multilingual_leg=False)), E5Embedder)


def test_settings_without_any_leg_are_refused_in_dutch(seeded):
    for refuse in (
        lambda: legs.weights(NO_LEG),
        lambda: Index(replace(NO_LEG, corpus_dir=seeded.corpus_dir, index_dir=seeded.index_dir)),
    ):
        with pytest.raises(ValueError) as raised:
            refuse()
        assert str(raised.value) == messages.NO_RETRIEVAL_LEG
        assert str(raised.value).startswith("Geen zoekmethode aan:")
    only_bm25 = Settings(use_multilingual_leg=False, e5_leg=False)
    assert legs.weights(only_bm25)[legs.BM25] > 0 and legs.dense_legs(only_bm25) == []
    with pytest.raises(ValueError) as raised:
        legs.primary_embedder(only_bm25)
    assert str(raised.value) == messages.NO_DENSE_LEG


def test_the_index_opens_the_legs_switched_on_with_the_given_models(seeded):
    fakes = fake_embedders()
    index = Index(seeded, embedders=fakes)
    assert [leg.name for leg in index.legs] == [legs.USE, legs.E5]
    assert [leg.name for leg in index.fast_legs] == [legs.USE]
    assert [leg.name for leg in index.deferred_legs] == [legs.E5]
    assert index.embedders == fakes and all(leg.embedder is fakes[leg.name] for leg in index.legs)
    report = index.sync()
    assert report.added == 2 and report.chunks == index.store.chunk_count() > 0
    # the fast leg embedded while writing; the deferred one waits for `fill`
    assert (fakes[legs.USE].loads, fakes[legs.E5].loads) == (1, 0)
    assert index.pending_vectors() == report.chunks
    for leg in index.legs:  # each collection records the model that made its vectors
        assert leg.collection.metadata["embed_model"] == fakes[leg.name].name
    assert index.fill() == report.chunks and fakes[legs.E5].loads == 1
    index.close()


def _unsaved_log_records(settings: Settings) -> int:
    """Records in Chroma's log that no collection's saved HNSW graph holds yet: each process
    that opens the index adds them to the graph again, in its own order. Read from Chroma's
    own tables (the chromadb version is pinned)."""
    import sqlite3

    db = sqlite3.connect(settings.chroma_path / "chroma.sqlite3")
    try:
        saved = dict(db.execute(
            "SELECT s.collection, m.seq_id FROM segments s JOIN max_seq_id m ON m.segment_id = s.id"
            " WHERE s.scope = 'VECTOR'"
        ).fetchall())  # fmt: skip
        logged = db.execute("SELECT topic, max(seq_id) FROM embeddings_queue GROUP BY topic")
        return sum(last - saved.get(topic.rsplit("/", 1)[-1], 0) for topic, last in logged)
    finally:
        db.close()


def test_every_write_leaves_the_vector_graphs_saved(seeded):
    """A graph rebuilt from the log differs per process, and so do wide searches."""
    index = Index(seeded, embedders=fake_embedders())
    index.sync()
    assert index.store.chunk_count() < 1000  # fewer than Chroma's own save interval
    assert _unsaved_log_records(seeded) == 0
    index.fill()
    index.remove(NOTA_DATED)
    assert _unsaved_log_records(seeded) == 0
    index.close()


def test_a_collection_made_with_chromas_save_interval_is_switched_over(seeded):
    from assistant.index.vectors import SEARCH_EF, SYNC_THRESHOLD, chroma_client

    client = chroma_client(seeded)
    client.get_or_create_collection(
        "nldtib-use-m3", metadata={"embed_model": "fake-use"},
        configuration={"hnsw": {"space": "cosine"}}, embedding_function=None,
    )  # fmt: skip
    index = Index(seeded, embedders=fake_embedders())
    use = index.legs[0]
    assert use.collection_name == "nldtib-use-m3"
    hnsw = use.collection.configuration["hnsw"]
    assert (hnsw["sync_threshold"], hnsw["ef_search"]) == (SYNC_THRESHOLD, SEARCH_EF)
    index.sync()
    assert _unsaved_log_records(seeded) == 0
    index.close()


def test_an_index_of_one_model_is_never_opened_with_another(seeded):
    built = Index(seeded, embedders=fake_embedders())
    built.sync()
    built.close()
    other = Index(seeded, embedders={legs.USE: FakeEmbedder("fake-other"),
                                     legs.E5: FakeEmbedder("fake-e5")})  # fmt: skip
    use = other.legs[0]
    with pytest.raises(IndexMismatchError) as raised:
        use.collection  # noqa: B018 (opening it checks the model)
    assert str(raised.value) == messages.index_mismatch(use.collection_name, "fake-use",
                                                        "fake-other")  # fmt: skip
    assert "--rebuild" in str(raised.value)
    # the real models are refused too, by name, before any model is loaded
    real = Index(seeded)
    with pytest.raises(IndexMismatchError, match="'use-multilingual-v3'"):
        real.legs[0].collection  # noqa: B018
    with pytest.raises(IndexMismatchError, match="'multilingual-e5-small-q4'"):
        real.legs[1].collection  # noqa: B018
    real.close()
    # an ingest rebuilds with the new model
    report = other.sync()
    assert report.added == 2 and use.collection.metadata["embed_model"] == "fake-other"
    assert use.ids() == other.store.chunk_ids()
    assert other.pending_vectors() == report.chunks  # E5 was dropped with the rest
    other.close()


def test_same_content_under_another_name_is_not_indexed_twice(seeded):
    shutil.copy(seeded.corpus_dir / NOTA_DATED, seeded.corpus_dir / "kopie.txt")
    index = Index(seeded, embedders=fake_embedders())
    report = index.sync()
    assert report.documents == 2 and report.added == 2
    assert [(f.path, f.error) for f in report.failed] == [
        ("kopie.txt", messages.duplicate_of(NOTA_DATED))
    ]
    index.close()


def test_one_bad_file_does_not_stop_the_others(seeded):
    (seeded.corpus_dir / "kapot.pdf").write_bytes(b"%PDF-1.7\n garbage")
    (seeded.corpus_dir / "leeg.txt").write_bytes(b"")
    index = Index(seeded, embedders=fake_embedders())
    report = index.sync()
    assert report.added == 2 and report.documents == 2
    failed = dict((f.path, f.error) for f in report.failed)
    assert sorted(failed) == ["kapot.pdf", "leeg.txt"]
    assert failed["leeg.txt"] == messages.FILE_EMPTY
    assert failed["kapot.pdf"].startswith("geen leesbare PDF (beschadigd of afgekapt): ")
    index.close()


def test_catalog_edit_updates_metadata_without_new_chunks(seeded):
    index = Index(seeded, embedders=fake_embedders())
    index.sync()
    index.fill()  # the metadata is updated in the deferred leg too
    ids_before = index.store.chunk_ids()
    catalog = seeded.catalog_path
    catalog.write_text(catalog.read_text().replace('doc_type = "nota"', 'doc_type = "studie"', 1))
    report = index.sync()
    assert (report.updated, report.unchanged, report.added) == (1, 1, 0)
    assert index.store.chunk_ids() == ids_before
    record = index.store.document(NOTA_UNDATED)
    assert record.meta.doc_type == "studie" and record.extracted_meta.doc_type != "studie"
    for leg in index.legs:
        got = leg.collection.get(where={"doc_type": "studie"}, include=["metadatas"])
        assert len(got["ids"]) == record.chunks > 0
        assert {m["doc_path"] for m in got["metadatas"]} == {NOTA_UNDATED}
    index.close()


def test_a_leg_switched_on_later_is_filled_in(seeded):
    Index(seeded, embedders=fake_embedders()).sync()
    with_minilm = replace(seeded, sentence_transformer_leg=True)
    embedders = {**fake_embedders(), legs.MINILM: FakeEmbedder("fake-minilm")}
    index = Index(with_minilm, embedders=embedders)
    assert [leg.name for leg in index.legs] == [legs.USE, legs.MINILM, legs.E5]
    report = index.sync()
    assert (report.added, report.unchanged) == (0, 2)  # no re-ingest, only the new leg
    assert index.check().consistent
    assert index.legs[1].ids() == index.store.chunk_ids()
    paths, matrix = index.store.document_vectors(legs.MINILM)
    assert sorted(paths) == [NOTA_UNDATED, NOTA_DATED] and matrix.shape == (2, 64)
    index.close()


def test_check_finds_and_repairs_drift(seeded):
    index = Index(seeded, embedders=fake_embedders())
    index.sync()
    leg = index.legs[0]
    victim = sorted(index.store.chunk_ids())[:3]
    leg.delete(victim)
    leg.collection.add(ids=["orphan-1"], embeddings=[[0.1] * 64], metadatas=[{"doc_path": "x"}])
    report = index.check()
    assert not report.consistent and not report.repaired
    assert report.missing == {legs.USE: 3} and report.orphaned == {legs.USE: 1, legs.E5: 0}
    assert report.pending == {legs.E5: report.chunks}  # not filled yet: pending, not missing
    assert index.check(repair=True).repaired
    after = index.check()
    assert after.consistent and after.missing == {legs.USE: 0}
    assert leg.ids() == index.store.chunk_ids()
    index.close()


def test_fill_stops_between_batches_and_goes_on_where_it_stopped(seeded, monkeypatch):
    import assistant.index.fill as fill_module

    monkeypatch.setattr(fill_module, "FILL_BATCH_CHUNKS", 5)
    index = Index(seeded, embedders=fake_embedders())
    total = index.sync().chunks
    stop = threading.Event()
    calls = []

    def progress(leg, done, todo):
        calls.append((leg, done, todo))
        stop.set()

    assert index.fill(progress=progress, stop=stop) == 5
    assert calls == [(legs.E5, 5, total)] and index.pending_vectors() == total - 5
    assert index.fill() == total - 5 and index.pending_vectors() == 0
    # every document has its E5 vector for the document prior, each built once complete
    paths, matrix = index.store.document_vectors(legs.E5)
    assert sorted(paths) == sorted(d.path for d in index.store.documents())
    assert matrix.shape == (2, 64)
    index.close()


def test_a_deferred_leg_with_orphans_is_repaired(seeded):
    index = Index(seeded, embedders=fake_embedders())
    index.sync()
    index.fill()
    [e5] = index.deferred_legs
    e5.collection.add(ids=["orphan-1"], embeddings=[[0.1] * 64], metadatas=[{"doc_path": "x"}])
    report = index.check()
    assert report.orphaned[legs.E5] == 1 and not report.consistent
    index.sync()  # more vectors than chunks: the sync repairs before it writes
    assert index.check().consistent and "orphan-1" not in e5.ids()
    assert e5.ids() == index.store.chunk_ids()
    index.close()


def test_a_folder_ingested_from_elsewhere_keeps_its_catalog(workspace, tmp_path):
    elsewhere = seed_corpus(tmp_path / "elders")  # the seeds with their catalog.toml
    index = Index(workspace, embedders=fake_embedders())
    report = index.sync([elsewhere])
    assert report.added == 2 and report.failed == []
    titles = {Path(d.path).name: d.title for d in index.store.documents()}
    catalog = tomllib.loads((elsewhere / "catalog.toml").read_text())
    assert titles == {name: entry["title"] for name, entry in catalog.items()}
    (elsewhere / "catalog.toml").write_text("[kapot\n")
    broken = index.sync([elsewhere])
    assert [f.path for f in broken.failed] == [str(elsewhere / "catalog.toml")]


def test_files_are_read_again_once_the_way_of_reading_them_changed(seeded):
    from assistant.index.sync import EXTRACTION

    index = Index(seeded, embedders=fake_embedders())
    first = index.sync()
    index.fill()
    ids = index.store.chunk_ids()
    assert index.sync().unchanged == 2  # read with the current code: skipped
    index.store.set_setting(EXTRACTION, "an older way")
    again = index.sync()
    assert (again.updated, again.unchanged, again.chunks) == (2, 0, first.chunks)
    # the same text gives the same chunks: their slow E5 vectors are kept, and with them
    # each document's E5 vector for the document prior
    assert index.store.chunk_ids() == ids and index.pending_vectors() == 0
    paths, _ = index.store.document_vectors(legs.E5)
    assert sorted(paths) == sorted(d.path for d in index.store.documents())
    assert index.sync().unchanged == 2


def test_a_file_that_fails_does_not_make_every_ingest_read_all_files_again(seeded):
    from assistant.index.sync import EXTRACTION

    (seeded.corpus_dir / "kapot.pdf").write_bytes(b"%PDF-1.7\n garbage")
    index = Index(seeded, embedders=fake_embedders())
    index.sync()
    index.store.set_setting(EXTRACTION, "an older way")
    again = index.sync()
    assert (again.updated, [f.path for f in again.failed]) == (2, ["kapot.pdf"])
    after = index.sync()  # the broken file is tried again; the good ones are not read
    assert (after.unchanged, after.updated, [f.path for f in after.failed]) == (2, 0, ["kapot.pdf"])


def test_the_author_organisation_is_indexed_with_every_passage(seeded):
    """People name a study by its bureau ("het Rathenau-rapport"); a title that does not
    say it gets the author beside it in what BM25 and the dense legs index."""
    catalog = seeded.catalog_path
    entry = f'["{NOTA_UNDATED}"]\n'
    catalog.write_text(
        catalog.read_text().replace(entry, entry + 'author = "Rathenau Instituut"\n', 1)
    )
    index = Index(seeded, embedders=fake_embedders())
    index.sync()
    terms = index.store.analyzer("Rathenau")
    found = {index.store.chunk_documents([cid])[cid] for cid, _ in
             index.store.lexical.search(terms, 50, Filters())}  # fmt: skip
    assert found == {NOTA_UNDATED}
    record = index.store.document(NOTA_UNDATED)
    assert record.meta.author == "Rathenau Instituut"
    assert record.meta.indexed_title.endswith("(Rathenau Instituut)")
    index.close()
