"""Index sync against a real chromadb in a temporary folder and the real embedding models."""

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.index import Index, IndexMismatchError


def test_incremental_sync_adds_skips_updates_and_removes(seeded, study_pdf: Path):
    index = Index(seeded)
    first = index.sync()
    assert (first.added, first.failed) == (3, [])
    assert first.chunks == index.store.chunk_count() > 20
    for leg in index.fast_legs:
        assert leg.ids() == index.store.chunk_ids()
    [e5] = index.deferred_legs  # searchable without it; `fill` adds its vectors
    assert e5.ids() == set() and index.pending_vectors() == first.chunks
    assert index.check().pending == {"e5": first.chunks} and index.check().consistent
    assert index.fill() == first.chunks and e5.ids() == index.store.chunk_ids()
    assert index.pending_vectors() == 0 and index.check().pending == {"e5": 0}

    second = index.sync()
    assert (second.added, second.unchanged, second.chunks) == (0, 3, first.chunks)

    note = seeded.corpus_dir / "000_88b5e2bd4c0d9035.txt"
    note.write_text(note.read_text() + "\nNieuwe alinea over munitieproductie in Nederland.\n")
    third = index.sync()
    assert (third.updated, third.unchanged) == (1, 2)

    assert index.pending_vectors() > 0  # the changed note's new chunks
    index.fill()
    study_pdf.unlink()
    fourth = index.sync()
    assert fourth.removed == 1 and fourth.documents == 2
    assert not [
        c
        for c in index.store.chunk_ids()
        if c in {x.id for x in index.store.chunks_of(study_pdf.name)}
    ]
    for leg in index.legs:
        assert leg.ids() == index.store.chunk_ids()


def test_catalog_edit_updates_metadata_without_new_chunks(seeded):
    index = Index(seeded)
    index.sync()
    ids_before = index.store.chunk_ids()
    catalog = seeded.catalog_path
    catalog.write_text(catalog.read_text().replace('doc_type = "nota"', 'doc_type = "studie"', 1))
    report = index.sync()
    assert report.updated == 1 and index.store.chunk_ids() == ids_before
    row = index.store.document("000_88b5e2bd4c0d9035.txt")
    assert row["doc_type"] == "studie"
    leg = index.legs[0]
    got = leg.collection.get(where={"doc_type": "studie"}, include=["metadatas"])
    assert len(got["ids"]) == row["chunks"]


def test_same_content_under_another_name_is_not_indexed_twice(seeded):
    shutil.copy(seeded.corpus_dir / "002_20a449703ecf9cc4.txt", seeded.corpus_dir / "kopie.txt")
    report = Index(seeded).sync()
    assert report.documents == 2
    assert [f.path for f in report.failed] == ["kopie.txt"]
    assert "zelfde inhoud" in report.failed[0].error


def test_one_bad_file_does_not_stop_the_others(seeded):
    (seeded.corpus_dir / "kapot.pdf").write_bytes(b"%PDF-1.7\n garbage")
    (seeded.corpus_dir / "leeg.txt").write_bytes(b"")
    report = Index(seeded).sync()
    assert report.added == 2
    assert sorted(f.path for f in report.failed) == ["kapot.pdf", "leeg.txt"]


def test_a_leg_switched_on_later_is_filled_in(seeded):
    Index(seeded).sync()
    with_minilm = replace(seeded, sentence_transformer_leg=True)
    index = Index(with_minilm)
    assert [leg.name for leg in index.legs] == ["use", "st", "e5"]
    report = index.sync()
    assert report.added == 0 and report.unchanged == 2  # no re-ingest, only the new leg
    assert index.check().consistent
    paths, matrix = index.store.document_vectors("st")
    assert len(paths) == 2 and matrix.shape == (2, 384)  # the document prior has its vectors


def test_another_embedding_model_is_never_mixed_in(seeded, tmp_path):
    with_minilm = replace(seeded, sentence_transformer_leg=True)
    Index(with_minilm).sync()
    # a real second sentence-transformers model: the packaged MiniLM copied to a local path
    from assistant.embed import resolve_model_path

    other = tmp_path / "other-model"
    shutil.copytree(resolve_model_path("all-MiniLM-L6-v2"), other)
    index = Index(replace(with_minilm, embed_model=str(other)))
    st_leg = index.legs[1]
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        st_leg.collection  # noqa: B018
    report = index.sync()  # ingest rebuilds with the new model
    assert report.added == 2
    assert st_leg.collection.metadata["embed_model"] == str(other)
    assert st_leg.ids() == index.store.chunk_ids() == index.legs[0].ids()
    assert index.legs[2].deferred and index.pending_vectors() == report.chunks


def test_check_finds_and_repairs_drift(seeded):
    index = Index(seeded)
    index.sync()
    leg = index.legs[0]
    victim = sorted(index.store.chunk_ids())[:3]
    leg.delete(victim)
    leg.collection.add(ids=["orphan-1"], embeddings=[[0.1] * 512], metadatas=[{"doc_path": "x"}])
    report = index.check()
    assert not report.consistent
    assert report.missing[leg.name] == 3 and report.orphaned[leg.name] == 1
    index.check(repair=True)
    assert index.check().consistent


def test_fill_stops_between_batches_and_goes_on_where_it_stopped(seeded, monkeypatch):
    import threading

    import assistant.index as index_module

    monkeypatch.setattr(index_module, "FILL_BATCH_CHUNKS", 5)
    index = Index(seeded)
    total = index.sync().chunks
    stop = threading.Event()
    first = index.fill(progress=lambda leg, done, todo: stop.set(), stop=stop)
    assert first == 5 and index.pending_vectors() == total - 5
    assert index.fill() == total - 5 and index.pending_vectors() == 0
    # every document has its E5 vector for the document prior, each built once complete
    paths, matrix = index.store.document_vectors("e5")
    assert sorted(paths) == sorted(d["path"] for d in index.store.documents())
    assert matrix.shape == (2, 384)


def test_a_deferred_leg_with_orphans_is_repaired(seeded):
    index = Index(seeded)
    index.sync()
    index.fill()
    [e5] = index.deferred_legs
    e5.collection.add(ids=["orphan-1"], embeddings=[[0.1] * 384], metadatas=[{"doc_path": "x"}])
    assert index.check().orphaned["e5"] == 1 and not index.check().consistent
    index.sync()  # more vectors than chunks: the sync repairs before it writes
    assert index.check().consistent and "orphan-1" not in e5.ids()
