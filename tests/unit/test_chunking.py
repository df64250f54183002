from assistant.ingest.chunking import MAX_CHUNK_CHARS, chunk_document
from assistant.models import Block, Document, DocumentMeta, Page
from assistant.text.sentences import split_sentences


def _sentences(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_dutch_abbreviations_and_enumerators_do_not_split():
    text = (
        "Dit gaat m.b.t. de studie o.a. over Berenschot. Het kost ca. 5 mln. euro per jaar. "
        "Dit zijn: 1. Langetermijnvraag; 2. Dialoog. J. de Vries tekende."
    )
    assert _sentences(text) == [
        "Dit gaat m.b.t. de studie o.a. over Berenschot.",
        "Het kost ca. 5 mln. euro per jaar.",
        "Dit zijn: 1. Langetermijnvraag; 2. Dialoog.",
        "J. de Vries tekende.",
    ]


def _document(blocks, sha="abc"):
    return Document(
        path="d.txt",
        sha256=sha,
        meta=DocumentMeta(title="T"),
        pages=[Page(3, tuple(blocks))],
        file_type="pdf",
    )


def test_chunks_are_verbatim_follow_headings_and_keep_lists_together():
    long_para = " ".join(
        f"Zin nummer {i} beschrijft een eigen feit over de industrie." for i in range(12)
    )
    doc = _document(
        [
            Block("heading", "Kernpunten"),
            Block("item", "• Er zijn vier actielijnen. Dit zijn:"),
            Block("item", "1. Langetermijnvraag;"),
            Block("item", "2. Dialoog."),
            Block("heading", "Toelichting"),
            Block("paragraph", long_para),
            Block("paragraph", "Kort"),
        ]
    )
    chunks = chunk_document(doc)
    page_text = doc.pages[0].text
    for c in chunks:
        assert page_text[c.start : c.end] == c.text
        assert c.page == 3
    assert chunks[0].section == "Kernpunten"
    assert (
        chunks[0].text
        == "• Er zijn vier actielijnen. Dit zijn:\n1. Langetermijnvraag;\n2. Dialoog."
    )
    windows = [c for c in chunks if c.section == "Toelichting"]
    assert len(windows) >= 6 and all(len(c.text) <= MAX_CHUNK_CHARS for c in windows)
    assert all(c.text != "Kort" for c in chunks)  # label-sized blocks are not chunks


def test_chunk_ids_are_deterministic_and_depend_on_content():
    blocks = [Block("paragraph", "Het onderzoeksbureau Berenschot heeft de opdracht uitgevoerd.")]
    first = [c.id for c in chunk_document(_document(blocks))]
    assert first == [c.id for c in chunk_document(_document(blocks))]
    assert first != [c.id for c in chunk_document(_document(blocks, sha="other"))]
