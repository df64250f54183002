import pytest

from assistant.text.boilerplate import (
    asks_after_standard_line,
    is_boilerplate,
    is_label,
    is_notes_section,
)

BOILERPLATE = [
    "Er zijn bij de brief geen bijzondere juridische overwegingen.",
    "Er zijn bij de brief geen bijzondere financiële overwegingen.",
    "Persoonsgegevens van de steller en ondertekenaar worden gelakt vanwege bescherming van de "
    "persoonlijke levenssfeer.",
    "Er is geen communicatie voorzien rond de verzending van deze brief.",
    "1 Nederlandse defensie- en veiligheid gerelateerde technologische industriële basis "
    "(Berenschot, april 2024).",
    "2 Kamerstuk 31 125, nr. 133.",
    "3 https://www.rijksoverheid.nl/documenten/rapporten/2024/04/01/nldtib",
    "Aan de Minister van Economische Zaken en Klimaat",
    "Directoraat-generaal Bedrijfsleven & Innovatie Directie Topsectoren en Industriebeleid",
    "TER BESLISSING Datum aangemaakt 15 april 2026",
    "Kenmerk DGBI-TOP / 105818908",
    "De Hoofddirecteur Financiën en Control",
    "De Minister van Defensie,",
    "De Staatssecretaris van Defensie, G.P. Tuinman",
    "Hoogachtend,",
    "[Redacted signature lines]",
    "[Afzetmarkt en export](#) (Page 32)",
    "Afzetmarkt en export Uitkomsten van het onderzoek Nederlandse defensie- en veiligheid "
    "gerelateerde technologische industriële basis 32",
    "Externe financiering in afgelopen 3 jaar 80% 75% 70% 60% 50% 40% 30% 20% 13% 10% 7% 7%",
    "01 04 STERKE KRIJGSMACHT EN NLDTIB 9 AFWEGINGSKADER & TOOLBOX INSTRUMENTEN 30",
    "Inleiding .......... 3",
    "25-100 · 100-250 · 250-500 · 500-2500 · >2500",
    "Externe financiering in afgelopen 3 jaar voor defensie gerelateerde bedrijfsactiviteiten "
    "80% 75% 70% 60% 50% 40% 30% 20% 13% 10% 7% 7% 5% 2% 2% 2% 0% Geen financiering nodig "
    "gehad Wel financiering aangetrokken, maar geen problemen ervaren met het aantrekken van "
    "financiering Wel financiering aangetrokken en daarbij problemen ervaren Wel problemen",
    "",
    # endnotes that name sources, alone or run together as a converted page prints them
    "33) Berenschot, Rapport Nederlandse defensie- en veiligheid gerelateerde technologische "
    "industriële basis, April 2024, p. 9.",
    "25) Ministry of the Interior and Kingdom Relations, Kamerbrief over voortgang Rijksbrede "
    "strategie voor de effectieve aanpak van Toezichtjaarverslagen Beveiligingsautoriteit "
    "Defensie, 15 May 2024, Parliamentary Papers II 2023/24, 36410-X-88.",
    "23) Kamerbrief aanpak statelijke dreigingen en dreigingsbeeld statelijke actoren, "
    "Parliamentary Papers II, 2022/23, 30 821, no. 175, 59) Netherlands Court of Audit, "
    "rapport bij Jaarverslag Defensie 2023.",
    "9 Berenschot, Periodiek onderzoek NLDTIB, p. 54–64.",
]
CONTENT = [
    "Het onderzoeksbureau Berenschot heeft de opdracht uitgevoerd.",
    "De minister van Defensie heeft 1 miljard euro vrijgemaakt voor munitie.",
    "De brief wordt aan de minister van Defensie gestuurd.",
    "Deze vernieuwde strategie wordt eind Q1 naar de Kamer verstuurd.",
    "1. Langetermijnvraag & schaalgrootte;",
    "In 2024 is circa de helft van alle opdrachten bij de Nederlandse industrie geplaatst.",
    "Het kabinet ziet geen bijzondere risico's voor de leveringszekerheid van munitie.",
    "De datum van de levering hangt af van de productiecapaciteit bij de toeleveranciers.",
    "Periodiek onderzoek naar de Nederlandse defensie- en veiligheid gerelateerde "
    "technologische industriële basis (NLDTIB)",
    "12 bedrijven leveren onderdelen aan de F-35 (bron: enquête 2024) en groeien sterk.",
    "De omzet steeg van € 4,7 miljard in 2021 naar € 5,7 miljard in 2022 en € 7,7 miljard.",
    "Defensie- en veiligheidssector is zeer internationaal, en exporteert naar de VS",
    "| In 2026 heeft Defensie een programma voor kort-cyclische innovatie. | | In 2026 werkt "
    "Defensie samen met partners aan experimentatie. | | Defensie gebruikt onbemenste toolboxen. |",
    # a study's cover page: who wrote it and for whom
    "BERENSCHOT MVO GEZOND | KLIMAAT | INCLUSIEF | MVO data Berenschot RAPPORT Nederlandse "
    "defensie- en veiligheid gerelateerde technologische industriële basis Eindrapportage in "
    "opdracht van het Ministerie van Economische Zaken en Klimaat Luddo Oh | Nick Hageraats | "
    "Hans Schotel April 2024 2",
    # footnotes that say something, whatever source they end on
    "37 Onderzoek wijst uit dat elke euro die in defensie-innovatie wordt geïnvesteerd, tussen "
    "de €8,10 en €9,40 oplevert; ‘The economic returns on defense R&D’ (2023).",
    "15 Er wordt in 2025 een Defensie Digitale Transformatie Strategie met de Kamer gedeeld.",
    "44 Doctrine, Opleiding, Training, Leiderschap, Middelen, Personeel, Legaliteit, Financiën, "
    "Faciliteiten, Informatie, Interoperabiliteit; TNO, 2022.",
    "24 Kamerstuk 36 410 X, nr. 50 Motie Podt (13-2-2024) m.b.t. verzoek verkenning van "
    "mogelijkheden voor een garantiefonds voor innovatieve bedrijven. Uit analyse is gebleken "
    "dat innovatieve bedrijven behoefte hebben aan extra financiering, om onder andere de "
    "«valley of death» aan het einde van de ontwikkelfase te overbruggen.",
]


@pytest.mark.parametrize("text", BOILERPLATE)
def test_standard_nota_text_footnotes_letterhead_and_signatures_are_boilerplate(text):
    assert is_boilerplate(text)


@pytest.mark.parametrize("text", CONTENT)
def test_content_is_not_boilerplate(text):
    assert not is_boilerplate(text)


def test_the_headings_of_notes_and_sources():
    for heading in ("Endnotes", "Eindnoten", "4. Literatuurlijst", "Bronnen", "References"):
        assert is_notes_section(heading)
    for heading in ("", "Notities bij de begroting", "Bronnen van financiering", "Kerncijfers"):
        assert not is_notes_section(heading)


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        ("Zijn er juridische aandachtspunten bij de brief?", True),
        ("Are there legal issues with the letter?", True),
        # the topic only lets the line be weighed: the judge's features still decide
        ("Welke juridische stappen zet Defensie tegen de bank?", True),
        # a question after something else
        ("Welke financieringsknelpunten ervaren bedrijven?", False),
        ("Wat doet de taskforce?", False),
    ],
)
def test_a_standard_line_answers_a_question_after_what_it_says(question, answers):
    line = "Er zijn bij de brief geen bijzondere juridische overwegingen."
    assert is_boilerplate(line)
    assert asks_after_standard_line(question, line) is answers


def test_only_a_standard_line_is_asked_after():
    content = "Juridisch is het helder."
    assert not asks_after_standard_line("Wat zegt de juridische toelichting?", content)
    # "financiering" is what this field's questions are about, not a consideration
    financial = "Er zijn bij de brief geen bijzondere financiële overwegingen."
    assert asks_after_standard_line("Heeft de brief financiële gevolgen?", financial)
    assert not asks_after_standard_line("Welke financieringsknelpunten zijn er?", financial)


TITLE = "Actieplan – Programma Onbemande Luchtvaart 2023-2025"


@pytest.mark.parametrize(
    ("text", "section", "question", "label"),
    [
        ("Figuur 1. Strategische agenda - Defensie Strategie voor Industrie en Innovatie", "",
         "Welke kennisinstellingen blijven partner?", True),
        ("Tabel 3: omzet per domein in 2023", "", "Wat is de omzet?", True),
        ("| Actieplan – Programma Onbemande Luchtvaart 2023-2025 |", "",
         "Wanneer moest de drone strategie af zijn?", True),
        ("Doelen en ambities", "Doelen en ambities", "Wat zijn de doelen?", True),
        # the title answers a question after what the document is called
        ("Actieplan – Programma Onbemande Luchtvaart 2023-2025", "",
         "Hoe heet het actieplan over drones?", False),
        # a sentence in the title's words says something
        ("Het Programma Onbemande Luchtvaart loopt van 2023 tot en met 2025.", "",
         "Hoe lang loopt het programma?", False),
        # text after a figure's number that reads on is no caption
        ("Figuur 2 laat zien dat de omzet van de bedrijven in de sector tussen 2021 en 2023 "
         "sterk is gestegen, vooral in het maritieme domein, waar de orders van de marine de "
         "groei dragen en de export naar Europese partners toeneemt.", "",
         "Hoe ontwikkelde de omzet zich?", False),
    ],
)  # fmt: skip
def test_a_caption_or_a_line_of_the_title_only_labels(text, section, question, label):
    assert is_label(text, TITLE, section, question) is label
