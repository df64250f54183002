from assistant.text.clean import (
    build_blocks,
    clean_lines,
    footnote_numbers,
    join_lines,
    normalize_chars,
    remove_repeated_blocks,
    remove_running_lines,
)


def test_hyphenation_across_lines_is_undone():
    assert (
        join_lines("financiering de-", "fensie-industrie’.") == "financiering defensie-industrie’."
    )


def test_suspended_hyphen_before_conjunction_is_kept():
    assert (
        join_lines("de Nederlandse defensie-", "en veiligheid")
        == "de Nederlandse defensie- en veiligheid"
    )


def test_hyphen_of_acronym_and_vowel_clash_is_spelling():
    assert join_lines("de NAVO-", "landen") == "de NAVO-landen"
    assert join_lines("een zee-", "egel") == "een zee-egel"
    assert join_lines("de defensie-", "industrie groeit") == "de defensie-industrie groeit"
    assert join_lines("in Noord-", "Brabant") == "in Noord-Brabant"


def test_private_use_bullet_becomes_bullet():
    assert normalize_chars("\uf0b7 Beide studies") == "• Beide studies"


def test_glued_footnote_marker_is_removed_only_for_known_footnotes():
    lines = [
        "Uit onderzoek1 in opdracht van EZ",
        "eind Q1 naar de Kamer",
        "1 Nederlandse basis (Berenschot).",
    ]
    cleaned = clean_lines(lines, footnote_numbers(lines))
    assert cleaned[0] == "Uit onderzoek in opdracht van EZ"
    assert cleaned[1] == "eind Q1 naar de Kamer"
    assert cleaned[2].startswith("1 Nederlandse")


def test_running_header_and_page_number_footer_are_removed():
    body = ["Eerste bladzijde met feiten.", "Tweede blad, andere zin.", "Slot van het rapport."]
    pages = [["Monitor NLDTIB", text, f"Pagina {n} van 3"] for n, text in enumerate(body, 1)]
    assert remove_running_lines(pages) == [[text] for text in body]


def test_repeated_letterhead_block_in_text_conversion_is_removed():
    head = ["Directoraat-generaal", "Bedrijfsleven & Innovatie", "Kenmerk", "DGBI-TOP / 1"]
    lines = head + ["Eerste alinea loopt door tot"] + head + ["de volgende pagina."]
    assert remove_repeated_blocks(lines) == head + [
        "Eerste alinea loopt door tot",
        "de volgende pagina.",
    ]


def test_double_spaced_wrapped_lines_join_into_paragraphs_with_headings():
    lines = [
        "Aanleiding",
        "Uit onderzoek blijkt dat een deel van de",
        "",
        "Nederlandse industrie uitdagingen ervaart.",
        "",
        "Kernpunten",
        "• Beide studies dragen bij aan een",
        "",
        "actueel omgevingsbeeld.",
        "",
        "1. Langetermijnvraag & schaalgrootte;",
        "",
        "2. Versterken dialoog.",
    ]
    blocks = build_blocks(lines)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Aanleiding"),
        (
            "paragraph",
            "Uit onderzoek blijkt dat een deel van de Nederlandse industrie uitdagingen ervaart.",
        ),
        ("heading", "Kernpunten"),
        ("item", "• Beide studies dragen bij aan een actueel omgevingsbeeld."),
        ("item", "1. Langetermijnvraag & schaalgrootte;"),
        ("item", "2. Versterken dialoog."),
    ]
