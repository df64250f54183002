"""What a question asks for and what a passage holds: the rules behind abstention.

A question whose names, years or focus word occur nowhere in the corpus is not answered,
and a question that asks for a number, an amount, a date or a person or organisation is
answered only by evidence that contains one. Passages addressed to an AI system are never
used as an answer.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from assistant.text.analysis import STOPWORDS, fold
from assistant.text.figures import YEAR
from assistant.text.sentences import split_sentences

# a number written as a word, as its figure ("zeven" → "7"); "een" and "one" are left out:
# far more often the article
NUMBER_VALUES = {
    word: str(n)
    for words in (
        "nul _ twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien"
        " vijftien zestien zeventien achttien negentien twintig",
        "zero _ two three four five six seven eight nine ten eleven twelve",
    )
    for n, word in enumerate(words.split())
    if word != "_"
}
# words that state a count without a figure ("een tweetal studies", "honderden bedrijven")
_NUMBER_WORDS = set(NUMBER_VALUES) | set(
    """een dertig veertig vijftig honderd duizend tweetal drietal viertal vijftal beide
    enkele tientallen honderden duizenden one dozens hundreds""".split()
)
_PERIOD_WORDS = set(
    """januari februari maart april mei juni juli augustus september oktober november december
    voorjaar najaar zomer winter kwartaal eind begin medio halverwege""".split()
)
_COUNT = re.compile(r"\b\d[\d.,]*\b")
# an amount: money, a percentage or a share in words ("circa de helft van de omzet", "een
# derde"), in Dutch or English ("24 billion", "forty percent")
_AMOUNT = re.compile(
    r"(€|\beuro\b|\bmiljoen\b|\bmiljard\b|\bmln\b|\bmld\b|\bmrd\b|%|\bprocent\b|"
    r"\b(?:helft|derde|kwart|driekwart|half|third|quarter|billion|million|percent|per cent|"
    r"euros?|eur)\b)",
    re.I,
)
# the number of a list item or paragraph ("6. De ontwikkeling van …"), not a count
_ENUMERATION = re.compile(r"(?:^|(?<=[•\n]))\s*\d{1,2}[.)]\s+(?=[A-Z])")
_PERIOD = re.compile(
    r"\b(Q[1-4]|\d{1,2}\s+\w+\s+\d{4}|(19|20)\d{2}|binnenkort|"
    r"(volgend|komend|vorig|dit|afgelopen)e? (jaar|kwartaal|najaar|voorjaar)|soon|"
    r"(next|this|last|coming) (year|quarter|spring|summer|autumn|winter))\b",
    re.I,
)
_ORG_WORDS = re.compile(
    r"\b(ministerie|minister|staatssecretaris|bureau|onderzoeksbureau|kabinet|kamer|tno|"
    r"defensie|ezk|bedrijf|instituut)\b",
    re.I,
)

# question word → the kind of fact the evidence must contain
_ANSWER_TYPES = [
    (
        "amount",
        re.compile(
            r"\b(wat kost|kosten|hoeveel geld|\w*budget|\w*bedrag|omzet|how much|cost|"
            r"turnover|revenue|procent|percentage|gekost|kostte|\w+vermogen|"
            r"(contract|order|markt)waarde|\w*aandeel|welk deel|\w*marge|what share|"
            r"what percentage|what proportion|what return)\b"
            # "Hoeveel investeert Defensie …?" asks for money, "Welke bedrijven investeren?" not
            r"|\bhoeveel\s+(kost|kostte|investeert|investeren|besteedt|besteden)\b"
            r"|\bhoeveel\s+(heeft|hebben|wordt|worden|is|zijn|gaat|gaan|zal|zullen)\b[^?]*"
            r"\b(geïnvesteerd|investeren|uitgeven|uitgegeven|besteed|besteden|uitgetrokken)\b",
            re.I,
        ),
    ),  # fmt: skip
    (
        "count",
        re.compile(
            # not "hoe lang": a duration is often answered by years ("van 2023 tot 2025"); "het
            # aantal" only where it is asked for, not in "om het aantal bedrijven te bepalen"
            r"\b(hoeveel|how many|hoe (groot|hoog)|how (large|big|high)|welk aantal|"
            r"wat (is|was|wordt|werd) het aantal)\b",
            re.I,
        ),
    ),
    (
        "period",
        re.compile(
            r"\b(wanneer|welk jaar|welke jaren|welke datum|welke maand|welk kwartaal|when|"
            r"what year|which years?|what date|which month)\b",
            re.I,
        ),
    ),
    (
        "agent",
        re.compile(
            r"\b(wie|welk bureau|welke organisatie|who|which (agency|firm|consultancy|"
            r"organi[sz]ation|bureau))\b",
            re.I,
        ),
    ),  # fmt: skip
]


# Text addressed to an AI system rather than to a reader: quoted as a source, never used as
# an answer, never handed to the generative model.
_PLANTED = re.compile(
    r"\b(negeer|vergeet|ignore|disregard)\b.{0,40}\b(instructies|opdrachten|instructions|prompt)\b"
    r"|\b(system prompt|systeemprompt|you are now|je bent nu)\b",
    re.I | re.S,
)


def planted_instruction(text: str) -> bool:
    """Whether a passage reads as an instruction to an AI system."""
    return bool(_PLANTED.search(text))


_VERIFY = re.compile(
    r"^\W*(klopt het|klopt dat|is het (waar|juist|correct)|is it (true|correct|right))\b", re.I
)


def asks_to_verify(question: str) -> bool:
    """Whether a question asks whether something is so ("Klopt het dat …?"): for it, a
    passage that says otherwise is the answer."""
    return bool(_VERIFY.search(question))


# a question after the source of something: "Uit welk rapport komt dat cijfer?", "Waarop is
# dat gebaseerd?", "Which report is that figure from?"
_SOURCE_ASKED = re.compile(
    r"\b(?:welke?|which|what)\s+(?:\w+\s+)?(?:rapport|rapporten|bron|bronnen|studie|studies|"
    r"onderzoek|publicatie|kamerstuk|report|source|sources|study|publication)\b"
    r"|\bwaar(?:op|uit)\b.*\b(?:gebaseerd|baseert|afkomstig|komt)\b"
    r"|\bwhere\b.*\bcomes? from\b|\b(?:which|what)\b.*\bbased on\W*$",
    re.I,
)


def asks_for_source(question: str) -> bool:
    """Whether a question asks where something comes from: a footnote naming a source
    answers it, where it answers no other question."""
    return bool(_SOURCE_ASKED.search(question))


# a question that takes its content for granted and asks why, or asks whether it is so
_PRESUPPOSES = re.compile(
    r"\b(waarom|hoe verklaart|hoe komt het|wat is de reden|why|explain)\b", re.I
)


def presupposes(question: str) -> bool:
    """Whether a question takes what it says for granted ("Waarom is X bij Y
    ondergebracht?") or asks to check it ("Klopt het dat …?"): a passage saying otherwise
    contradicts it, where it would merely be about someone else for "Wat doet Y?"."""
    return asks_to_verify(question) or bool(_PRESUPPOSES.search(question))


def answer_type(question: str) -> str | None:
    """amount, count, period or agent: what kind of fact the question asks for, if any. A
    question after a reason asks for none of them ("Waarom stijgt het aantal drones?")."""
    if _PRESUPPOSES.search(question):
        return None
    for kind, pattern in _ANSWER_TYPES:
        if pattern.search(question):
            return kind
    return None


def contains_answer_type(text: str, kind: str | None) -> bool:
    """Whether a passage holds a fact of the asked kind."""
    if kind is None:
        return True
    words = set(re.findall(r"[^\W\d_]+", fold(text)))
    if kind == "amount":
        return bool(_AMOUNT.search(text))
    if kind == "count":
        text = _ENUMERATION.sub(" ", text)
        numbers = [m.group(0) for m in _COUNT.finditer(text) if not YEAR.fullmatch(m.group(0))]
        return bool(numbers) or bool(words & _NUMBER_WORDS - {"een"})
    if kind == "period":
        return bool(_PERIOD.search(text)) or bool(words & _PERIOD_WORDS)
    if kind == "agent":
        return bool(_ORG_WORDS.search(text)) or any(
            _is_name(w) for w in re.findall(r"\b[A-Z][\w-]{2,}", text)
        )
    return True


_COUNTS_A_THING = re.compile(r"\b(hoeveel|how many|aantal)\b", re.I)


def counts_a_thing(question: str) -> bool:
    """Whether a count question counts its focus ("Hoeveel bedrijven …"), where the figure
    must stand beside it, rather than asking a size ("Hoe groot is de call?": "een omvang van
    € 5 mln")."""
    return bool(_COUNTS_A_THING.search(question))


# A unit a question spells out ("Hoeveel kilo …?") and the symbol documents write after a
# figure ("10.000 kg", "10.000kg").
UNIT_SYMBOLS = {
    "kilo": "kg", "kilogram": "kg", "kilometer": "km", "meter": "m", "liter": "l",
    "megawatt": "mw", "gigawatt": "gw", "megawattuur": "mwh", "terawattuur": "twh",
    "hectare": "ha",
}  # fmt: skip
_FIGURE_WITH_UNIT = re.compile(r"\d(?:[\d.,]*\d)?([a-z]+)$")


def count_near(text: str, focus: str, window: int = 4) -> bool:
    """Whether a number stands within `window` words of the counted thing ("vier
    actielijnen", "een tweetal onafhankelijke studies"), in the same sentence: the figure must
    be about it. A counted unit may stand as its symbol ("10.000 kg" for "kilo")."""
    target = fold(focus)[:6]
    symbol = UNIT_SYMBOLS.get(fold(focus))
    for span in split_sentences(text):
        words = [
            w.strip(".,;:") for w in re.findall(r"[\w.,-]+", fold(text[span.start : span.end]))
        ]
        numbers = [
            i
            for i, w in enumerate(words)
            if w and (w[0].isdigit() and not YEAR.fullmatch(w) or w in _NUMBER_WORDS - {"een"})
        ]
        subjects = [
            i
            for i, w in enumerate(words)
            if w.startswith(target)
            or w == symbol
            or (symbol and (m := _FIGURE_WITH_UNIT.fullmatch(w)) and m.group(1) == symbol)
        ]
        if any(abs(n - s) <= window for n in numbers for s in subjects):
            return True
    return False


def _is_name(word: str) -> bool:
    """A capitalised word that is not an ordinary Dutch word at the start of a sentence."""
    from wordfreq import zipf_frequency

    lower = word.lower()
    return lower not in STOPWORDS and zipf_frequency(lower, "nl") < 4.5


def salient_tokens(question: str, english: bool) -> list[str]:
    """Names, acronyms, numbers and years of the question: things a passage must mention."""
    tokens = re.findall(r"[^\W_][\w-]*", question)

    def is_salient(i: int, token: str) -> bool:
        if any(c.isdigit() for c in token) or (token.isupper() and len(token) >= 2):
            return True
        # a capitalised word inside a Dutch sentence is a name (English capitalises more)
        return not english and i > 0 and token[0].isupper() and fold(token) not in STOPWORDS

    return [t for i, t in enumerate(tokens) if is_salient(i, t)]


# Words that frame a question rather than say what it is about: question words, politeness
# forms ("Kunt u aangeven", "Bent u bekend met"), words every policy text uses and the unit
# of an asked share (documents write "%" where questions say "procent").
FRAME_TERMS = frozenset(
    fold(w)
    for w in """kunt aangeven toelichten bekend bent deelt mening vindt weet zeggen noemen
    noemt staat stond geeft gaf welk welke waarom hoeveel wanneer hoelang hoe wie wiens wat waar
    waarmee waarvoor document documenten brief kamerbrief volgens klopt mogelijk graag
    please tell does say according documents what which when where many much whom whose
    soort soorten manier type typen keer gebeurt wordt worden komt gaat zijn heeft hebben
    vraag vragen antwoord antwoorden procent percent""".split()
)
# ... and, for the subject word alone, the measure asked about ("Hoe hoog is …") and words
# that place it in time or say where it is from
_FOCUS_FRAME = FRAME_TERMS | {"vaak", "hoog", "groot", "aantal", "inmiddels", "vanuit"}
# what follows the finite verb that Dutch puts second in a question ("Hoeveel bedraagt de …")
_AFTER_VERB = frozenset("de het een er u zij ze hij deze dit men we wij".split())
# endings of an adjective before its noun ("de maximale huurtoeslag", "de vorige studie")
_ADJECTIVE = re.compile(
    r"(?:ale|ele|iele|ische|ieve|lijke|ige|bare|loze|ere|ste|se|nde|lde|aire|ante|ente|ieuwe)$"
)


def _words(question: str) -> list[str]:
    """A question's words in lower case, without figures."""
    return re.findall(r"[^\W\d_]+", question.lower())


def content_words(question: str, frame: Collection[str]) -> list[str]:
    """The words of a question that can say what it is about, in order: four letters or
    more, neither a stopword nor (folded) a word of `frame`."""
    return [w for w in _words(question) if _is_content(w, frame)]


def last_content_word(question: str) -> str | None:
    """The last content word of a Dutch question. Dutch puts the main verb or participle at
    the end ("Waarom is de raad in 2021 opgeheven?"): what is said to have happened, which a
    passage must say too for it to answer (and what a false premise gets wrong)."""
    words = content_words(question, FRAME_TERMS)
    return fold(words[-1]) if words else None


def _is_content(word: str, frame: Collection[str], shortest: int = 4) -> bool:
    return len(word) >= shortest and word not in STOPWORDS and fold(word) not in frame


def second_place_verb(question: str) -> str | None:
    """The finite verb a Dutch question puts right after its question word, when the words
    after it show it is one ("Hoe omschrijft de D-SII …", "Wanneer wilde het kabinet …")."""
    words = _words(question)
    if len(words) >= 3 and words[2] in _AFTER_VERB and words[1] not in STOPWORDS:
        return words[1]
    return None


def focus_word(question: str) -> str | None:
    """The subject of a Dutch question: the first content word after the question word
    ("Hoeveel fte werkt er …" → fte), passing over the finite verb Dutch puts second
    ("Hoeveel bedraagt de maximale huurtoeslag …") and an adjective before its noun
    (→ huurtoeslag)."""
    words = _words(question)[1:]
    # three letters only for the counted unit right after the question word ("fte", "ton")
    content = [
        _is_content(w, _FOCUS_FRAME, 3 if i == 0 else 4) and w not in _NUMBER_WORDS
        for i, w in enumerate(words)
    ]
    verb = second_place_verb(question)
    for i, word in enumerate(words):
        if not content[i] or (i == 0 and word == verb):
            continue
        if _ADJECTIVE.search(word) and i + 1 < len(words) and content[i + 1]:
            continue
        return word
    return None
