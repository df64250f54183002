"""Writes eval/questions.jsonl: the question set, kept in code so each row is reviewable.

Questions are phrased as staff ask them (paraphrases, English, typos, compound variants)
and, as in a real corpus of hundreds of nota's, name their subject: "the legal
considerations of the letter" is ambiguous when every nota has that paragraph.
each answerable one names its gold document and a gold evidence string that a correct
quote must contain. Unanswerable ones have neither.
"""

import json
from pathlib import Path

D = "000_88b5e2bd4c0d9035.txt"  # Defensie nota: studies over financiering defensie-industrie
E = "002_20a449703ecf9cc4.txt"  # EZK nota: periodiek onderzoek NLDTIB (Berenschot)

ANSWERABLE = [
    # (kind, question, doc, evidence)
    (
        "paraphrase",
        "Welk bureau voerde het onderzoek naar de NLDTIB uit?",
        E,
        "Berenschot heeft de opdracht uitgevoerd",
    ),
    (
        "paraphrase",
        "Hoe vaak laat EZK de defensie-industrie in kaart brengen?",
        E,
        "Tweejaarlijks laat het ministerie",
    ),
    (
        "paraphrase",
        "Aan wie rapporteert het ministerie over de uitkomsten van het periodieke onderzoek?",
        E,
        "rapporteert zij hierover aan de Kamer",
    ),
    (
        "paraphrase",
        "Waarom is het NLDTIB-onderzoek juist nu zo belangrijk?",
        E,
        "is dit onderzoek essentieel om meer inzicht te krijgen",
    ),
    (
        "paraphrase",
        "Namens welke bewindspersonen gaat de brief over de NLDTIB naar de Kamer?",
        E,
        "mede namens de minister van Defensie en de staatsecretaris",
    ),
    (
        "paraphrase",
        "Wat wordt de minister van EZK gevraagd te besluiten over de brief met het Berenschot-onderzoek?",
        E,
        "U wordt gevraagd akkoord te gaan met de Kamerbrief",
    ),
    (
        "paraphrase",
        "Op welke soorten organisaties richt de NLDTIB-studie zich?",
        E,
        "bedrijven, toeleveranciers en kennisinstituten",
    ),
    (
        "paraphrase",
        "Welke krijgsmachtdelen of domeinen vallen onder het onderzochte materieel?",
        E,
        "(Marine, Landmacht, Lucht- en Ruimtevaart)",
    ),
    (
        "paraphrase",
        "Waarvoor worden de aanbevelingen uit het Berenschot-rapport gebruikt?",
        E,
        "zullen worden gebruikt bij de uitwerking van voorstellen",
    ),
    (
        "paraphrase",
        "Welke motie wordt genoemd in verband met de defensiestrategie voor industrie en innovatie?",
        E,
        "de motie van Van Lanschot (CDA)",
    ),
    (
        "paraphrase",
        "Welke taskforce wordt genoemd bij de voorstellen die naar de Kamer gaan?",
        E,
        "Ministeriele Taskforce Toekomstige Welvaart en Vestigingsklimaat",
    ),
    (
        "paraphrase",
        "Komt er ook een economische analyse van de defensiesector?",
        E,
        "Economische Beleidsanalyse defensie-industrie",
    ),
    (
        "paraphrase",
        "Hoe is het onderzoek naar de NLDTIB methodisch opgezet?",
        E,
        "kleinschalige marktanalyse via een enquête",
    ),
    (
        "paraphrase",
        "Op welk strategisch document sluit de afbakening van de NLDTIB aan?",
        E,
        "Defensie Strategie voor Industrie en Innovatie 2025-2029 (DSII)",
    ),
    (
        "paraphrase",
        "Over welke jaren geeft de NLDTIB-studie cijfers?",
        E,
        "kerncijfers voor de jaren 2023, 2024 en 2025",
    ),
    (
        "paraphrase",
        "Kan ik de uitkomsten van het NLDTIB-onderzoek gebruiken bij het beantwoorden van Kamervragen?",
        E,
        "bij het beantwoorden van mondeling en schriftelijke vragen",
    ),
    (
        "paraphrase",
        "Gaat het onderzoek ook over producten die zowel civiel als militair toepasbaar zijn?",
        E,
        "dual-use toepassingen",
    ),
    (
        "paraphrase",
        "Welke geopolitieke ontwikkelingen maken het onderzoek naar de defensie-industrie relevant?",
        E,
        "het opschalen van de productie, het beschermen van waardeketens",
    ),
    (
        "paraphrase",
        "Wat onderzoekt EZK elke twee jaar aan de defensie-industrie?",
        E,
        "de omvang, structuur en kennis van de Nederlandse",
    ),
    (
        "paraphrase",
        "Waarom gaat de Kamerbrief mede namens Defensie?",
        E,
        "Vanwege uw gedeelde verantwoordelijkheid",
    ),
    (
        "paraphrase",
        "Welke trends wil men met de kerncijfers over de NLDTIB kunnen zien?",
        E,
        "om zo eventuele trends te kunnen identificeren",
    ),
    (
        "paraphrase",
        "Wat blijkt uit onderzoek over de financiering van defensiebedrijven?",
        D,
        "uitdagingen in de mogelijkheden voor financiering ervaart",
    ),
    (
        "paraphrase",
        "Hoeveel onafhankelijke studies heeft Defensie laten doen?",
        D,
        "Defensie heeft een tweetal onafhankelijke studies laten uitvoeren",
    ),
    (
        "paraphrase",
        "Wat gebeurt er met de studies over financiering: gaan ze naar het parlement?",
        D,
        "ter informatie aan de Tweede Kamer aangeboden",
    ),
    (
        "paraphrase",
        "Hoe heet de Kamerbrief over de financieringsstudies?",
        D,
        "Studies over de financiering defensie-industrie",
    ),
    (
        "paraphrase",
        "Waarvoor is de nieuwe defensiestrategie over kennis, innovatie en industrie nodig?",
        D,
        "de juiste capaciteiten te verkrijgen voor de Nederlandse",
    ),
    (
        "paraphrase",
        "Wanneer stuurt Defensie de vernieuwde strategie naar de Kamer?",
        D,
        "Deze vernieuwde strategie wordt eind Q1 naar de Kamer verstuurd.",
    ),
    (
        "paraphrase",
        "Gaat de strategie ook in op de knelpunten bij financiering?",
        D,
        "dieper in op de knelpunten en aanbevelingen m.b.t. financiering",
    ),
    (
        "paraphrase",
        "Wat doen Defensie en EZ in afwachting van de nieuwe defensie-industriestrategie?",
        D,
        "Intussen zitten Defensie en EZ niet stil.",
    ),
    (
        "paraphrase",
        "Langs hoeveel actielijnen worden oplossingen voor de financiering van de defensie-industrie uitgewerkt?",
        D,
        "aan de hand van vier actielijnen worden aangelopen",
    ),
    (
        "paraphrase",
        "Is er een actielijn over privaat kapitaal voor defensiebedrijven?",
        D,
        "Mobiliseren private financiering",
    ),
    (
        "paraphrase",
        "Welke actielijn gaat over het weghalen van praktische obstakels?",
        D,
        "Optimaliseren processen & wegnemen praktische belemmeringen",
    ),
    (
        "paraphrase",
        "Is er bij de financiering van de defensie-industrie aandacht voor bewustwording en gesprek met de sector?",
        D,
        "Versterken dialoog & bewustzijn",
    ),
    (
        "paraphrase",
        "Welke actielijn gaat over langdurige vraag en schaal?",
        D,
        "Langetermijnvraag & schaalgrootte",
    ),
    (
        "paraphrase",
        "Heeft de brief over de financieringsstudies budgettaire gevolgen?",
        D,
        "geen bijzondere financiële overwegingen",
    ),
    (
        "paraphrase",
        "Zijn er juridische aandachtspunten bij de brief over financiering van de defensie-industrie?",
        D,
        "geen bijzondere juridische overwegingen",
    ),
    (
        "paraphrase",
        "Komt er een persbericht bij verzending van de brief over de defensiefinancieringsstudies?",
        D,
        "Er is geen communicatie voorzien",
    ),
    (
        "paraphrase",
        "Welke informatie wordt niet openbaar gemaakt en waarom?",
        D,
        "Persoonsgegevens van de steller en ondertekenaar worden gelakt",
    ),
    (
        "paraphrase",
        "Uit welk jaar is het Berenschot-rapport waar de Defensie-nota naar verwijst?",
        D,
        "(Berenschot, april 2024)",
    ),
    (
        "paraphrase",
        "Draagt de strategie bij aan de hulp voor Oekraïne?",
        D,
        "steun aan Oekraïne te continueren",
    ),
    (
        "paraphrase",
        "Waaraan dragen de twee inventariserende studies bij?",
        D,
        "actueel omgevingsbeeld",
    ),
    (
        "paraphrase",
        "In wiens opdracht werd het onderzoek naar financieringsproblemen gedaan?",
        D,
        "Uit onderzoek in opdracht van het ministerie van Economische Zaken",
    ),
    (
        "paraphrase",
        "Wat adviseert de hoofddirecteur de minister te doen met de brief over financiering?",
        D,
        "U wordt geadviseerd akkoord te gaan",
    ),
    (
        "paraphrase",
        "Waarom hebben we de onafhankelijke studies laten uitvoeren?",
        D,
        "meer inzicht te krijgen in deze knelpunten en oplossingsrichtingen",
    ),
    (
        "paraphrase",
        "Wat moet de strategie betekenen voor de NAVO?",
        D,
        "onze bijdrage te leveren aan het NAVO bondgenootschap",
    ),
    # compound variants and typos
    (
        "typo",
        "welk onderzoeksburo deed de studie naar de defensie industrie?",
        E,
        "Berenschot heeft de opdracht uitgevoerd",
    ),
    (
        "typo",
        "Wanneer gaat de vernieuwde stratgie naar de kamer?",
        D,
        "eind Q1 naar de Kamer verstuurd",
    ),
    (
        "typo",
        "welke actielijnen zijn er voor financiering defensieindustrie",
        D,
        "vier actielijnen",
    ),
    (
        "typo",
        "kerncijfers defensie industrie welke jaren",
        E,
        "kerncijfers voor de jaren 2023, 2024 en 2025",
    ),
    (
        "typo",
        "financierings problemen defensie bedrijven onderzoek",
        D,
        "uitdagingen in de mogelijkheden voor financiering ervaart",
    ),
    ("typo", "motie van lanschot defensie strategie", E, "de motie van Van Lanschot (CDA)"),
    (
        "typo",
        "word de kamerbrief ook namens de staatssecretaris verstuurd?",
        E,
        "mede namens de minister en staatssecretaris van Defensie",
    ),
    (
        "typo",
        "juridiesche overwegingen brief financiering defensie industrie",
        D,
        "geen bijzondere juridische overwegingen",
    ),
    ("typo", "dual use toepassingen defensiematerieel", E, "dual-use toepassingen"),
    (
        "typo",
        "enquete onder bedrijven opbouw NLDTIB",
        E,
        "kleinschalige marktanalyse via een enquête",
    ),
    (
        "typo",
        "persoonsgegevens gelakt waarom",
        D,
        "Persoonsgegevens van de steller en ondertekenaar worden gelakt",
    ),
    ("typo", "oekraine steun strategie defensie", D, "steun aan Oekraïne te continueren"),
    # English questions about the Dutch documents
    (
        "english",
        "Which consultancy carried out the study of the Dutch defence industrial base?",
        E,
        "Berenschot heeft de opdracht uitgevoerd",
    ),
    (
        "english",
        "How often does the Ministry of Economic Affairs commission research into the NLDTIB?",
        E,
        "Tweejaarlijks laat het ministerie",
    ),
    (
        "english",
        "Which years do the key figures of the NLDTIB study cover?",
        E,
        "kerncijfers voor de jaren 2023, 2024 en 2025",
    ),
    (
        "english",
        "What kind of organisations does the survey of the Dutch defence industry target?",
        E,
        "bedrijven, toeleveranciers en kennisinstituten",
    ),
    (
        "english",
        "What research method was used for the study of the Dutch defence industrial base?",
        E,
        "kleinschalige marktanalyse via een enquête",
    ),
    (
        "english",
        "Which parliamentary motion is mentioned regarding the defence strategy?",
        E,
        "de motie van Van Lanschot (CDA)",
    ),
    (
        "english",
        "Can the results of the NLDTIB study be used to answer parliamentary questions?",
        E,
        "bij het beantwoorden van mondeling en schriftelijke vragen",
    ),
    (
        "english",
        "When will the renewed defence strategy be sent to parliament?",
        D,
        "eind Q1 naar de Kamer verstuurd",
    ),
    (
        "english",
        "How many independent studies on financing did Defence commission?",
        D,
        "Defensie heeft een tweetal onafhankelijke studies laten uitvoeren",
    ),
    (
        "english",
        "What are the four lines of action for financing the defence industry?",
        D,
        "vier actielijnen",
    ),
    (
        "english",
        "Are there any legal considerations attached to the letter on defence industry financing?",
        D,
        "geen bijzondere juridische overwegingen",
    ),
    (
        "english",
        "Is any press communication planned around the letter on financing the defence industry?",
        D,
        "Er is geen communicatie voorzien",
    ),
    (
        "english",
        "Why are personal details redacted in the memo?",
        D,
        "Persoonsgegevens van de steller en ondertekenaar worden gelakt",
    ),
    (
        "english",
        "Does the strategy address continued support for Ukraine?",
        D,
        "steun aan Oekraïne te continueren",
    ),
    (
        "english",
        "What difficulties do defence companies face according to the research?",
        D,
        "uitdagingen in de mogelijkheden voor financiering ervaart",
    ),
    (
        "english",
        "Which domains of military equipment does the study cover?",
        E,
        "(Marine, Landmacht, Lucht- en Ruimtevaart)",
    ),
]

UNANSWERABLE = [
    "Hoeveel bedrijven telt de NLDTIB volgens Berenschot?",
    "Wat is de totale omzet van de Nederlandse defensie-industrie in 2024?",
    "Hoeveel banen zijn er in de defensie-industrie?",
    "Hoeveel geld trekt het kabinet uit voor de actielijnen?",
    "Wie is de auteur van de nota over het Berenschot-onderzoek?",
    "Welke banken weigeren leningen aan defensiebedrijven?",
    "Wat kost het onderzoek van Berenschot?",
    "Wanneer verschijnt het volgende onderzoek naar de NLDTIB in 2028?",
    "Hoeveel munitie produceert Nederland per jaar?",
    "Wat is het standpunt van de minister over de F-35 onderhoudshub in Woensdrecht?",
    "Welke rol speelt het Europees Defensiefonds in de financiering?",
    "Hoeveel procent van het bbp geeft Nederland uit aan defensie?",
    "How many companies are part of the Dutch defence industrial base?",
    "What is the annual budget of the Dutch defence ministry?",
    "Which banks have excluded defence companies from financing?",
    "What did the 2022 TNO study on drone production conclude?",
    "Welke exportvergunningen zijn in 2025 geweigerd?",
]


def main() -> None:
    rows = []
    for i, (kind, question, doc, evidence) in enumerate(ANSWERABLE, start=1):
        lang = "en" if kind == "english" else "nl"
        rows.append(
            dict(
                id=f"a{i:03d}", question=question, kind=kind, lang=lang, doc=doc, evidence=evidence
            )
        )
    for i, question in enumerate(UNANSWERABLE, start=1):
        lang = "en" if question.split()[0] in {"How", "What", "Which"} else "nl"
        rows.append(
            dict(
                id=f"u{i:03d}",
                question=question,
                kind="unanswerable",
                lang=lang,
                doc=None,
                evidence=None,
            )
        )
    out = Path(__file__).with_name("questions.jsonl")
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    print(f"{len(rows)} questions -> {out}")


if __name__ == "__main__":
    main()
