"""Deterministic generator of Dutch policy-like distractor documents.

Other topics, and near-miss topics (other defence studies, other bureaus, other years and
figures), so that ranking over the real corpus is not trivially easy. The same seed always
writes the same files.
"""

from __future__ import annotations

import random
from pathlib import Path

TOPICS = [
    "woningbouw",
    "stikstofreductie",
    "energietransitie",
    "netcongestie",
    "jeugdzorg",
    "lerarentekort",
    "digitale overheid",
    "cyberweerbaarheid",
    "scheepsbouw",
    "ruimtevaart",
    "luchtvaart",
    "halfgeleiders",
    "waterstof",
    "kringlooplandbouw",
    "arbeidsmigratie",
    "drinkwater",
    "spoorwegen",
    "mkb-financiering",
    "exportcontrole",
    "grondstoffen",
    "munitieproductie",
    "drone-industrie",
    "maritieme maakindustrie",
    "kennisveiligheid",
]
BUREAUS = [
    "Ecorys",
    "Panteia",
    "Dialogic",
    "Decisio",
    "KWINK groep",
    "Rebel",
    "SEO",
    "TNO",
    "Significant",
    "Andersson Elffers Felix",
    "CE Delft",
    "Technopolis",
]
MINISTRIES = [
    "Infrastructuur en Waterstaat",
    "Binnenlandse Zaken",
    "Volksgezondheid",
    "Onderwijs, Cultuur en Wetenschap",
    "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "Sociale Zaken en Werkgelegenheid",
    "Financiën",
    "Justitie en Veiligheid",
]
HEADINGS = [
    "Aanleiding",
    "Kernpunten",
    "Toelichting",
    "Financiële overwegingen",
    "Juridische overwegingen",
    "Communicatie",
    "Samenvatting",
    "Conclusies",
    "Aanbevelingen",
    "Werkwijze",
]
SENTENCES = [
    "Het onderzoeksbureau {bureau} heeft in {year} een studie naar de {topic} uitgevoerd.",
    "Uit de monitor blijkt dat de sector {topic} in {year} ongeveer {n} bedrijven telde.",
    "De gezamenlijke omzet in de {topic} bedroeg in {year} circa {m} miljard euro.",
    "Het ministerie van {ministry} stuurt de strategie voor de {topic} in Q{q} {year2} naar de Kamer.",
    "Bedrijven in de {topic} noemen het tekort aan technisch personeel als grootste knelpunt.",
    "De studie van {bureau} bevat {k} aanbevelingen voor de {topic} in de periode {year}-{year2}.",
    "Vanwege de gedeelde verantwoordelijkheid wordt de brief mede namens de minister van {ministry} verstuurd.",
    "Er zijn bij deze brief over de {topic} geen bijzondere juridische overwegingen.",
    "Het kabinet trekt {m} miljoen euro uit voor de versterking van de {topic}.",
    "De enquête onder {n} respondenten geeft inzicht in de kerncijfers voor {year} en {year2}.",
    "Het aantal voltijdbanen in de {topic} groeide in {year} tot {n}.",
    "U wordt geadviseerd akkoord te gaan met de Kamerbrief over de {topic}.",
    "De Tweede Kamer heeft met een motie gevraagd om een periodieke rapportage over de {topic}.",
    "Toeleveranciers in de {topic} ervaren problemen bij de toegang tot financiering.",
    "De resultaten worden gebruikt bij de uitwerking van de {topic}agenda {year2}.",
    "Er is geen communicatie voorzien rond de verzending van deze nota over de {topic}.",
]


def _paragraph(rng: random.Random, topic: str) -> str:
    year = rng.randint(2015, 2030)
    values = {
        "bureau": rng.choice(BUREAUS),
        "topic": topic,
        "ministry": rng.choice(MINISTRIES),
        "year": year,
        "year2": year + rng.randint(1, 4),
        "n": f"{rng.randint(120, 48000):,}".replace(",", "."),
        "m": f"{rng.randint(1, 40)},{rng.randint(0, 9)}",
        "k": rng.randint(3, 15),
        "q": rng.randint(1, 4),
    }
    picked = rng.sample(SENTENCES, k=rng.randint(2, 3))
    return " ".join(s.format(**values) for s in picked)


def write_distractors(folder: Path, documents: int = 260, seed: int = 2026) -> list[Path]:
    """Write `documents` text files of about 20 chunks each into `folder`; returns them."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(documents):
        topic = rng.choice(TOPICS)
        year = rng.randint(2016, 2030)
        lines = [
            f"Nota aan de minister over de {topic}",
            "",
            f"Kenmerk: DIS-{number:04d} / {rng.randint(10**8, 10**9 - 1)}",
            f"Datum: {rng.randint(1, 28)} {rng.choice(['maart', 'juni', 'oktober'])} {year}",
            "",
        ]
        for heading in rng.sample(HEADINGS, k=5):
            lines += [heading, ""]
            for _ in range(4):
                lines += [_paragraph(rng, topic), ""]
        path = folder / f"distractor-{number:04d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths
