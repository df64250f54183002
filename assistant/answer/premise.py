"""Does the passage contradict what the question takes for granted?

A false premise ("Waarom richt de D-SII zich op zeven NLD gebieden?") retrieves the very
passage that corrects it ("Ambities op de 5 NLD gebieden …"): its words match the question
better than any other's. Quoted as the answer, it would look like a sourced "why". Four
contradictions are read here, each as plain text against plain text:

- a figure attached to the counted thing: "zeven NLD gebieden" against "5 NLD gebieden";
- the part of a year: "pas eind 2026" against "Begin 2026 wordt … gepubliceerd";
- a name in a role only one name fills: "ondergebracht bij Invest-NL" against
  "ondergebracht bij de Brabantse Ontwikkelingsmaatschappij", "ministerie van Defensie"
  against "ministerie van Economische Zaken" (initials or an acronym are the same name).
  Read only in a question that takes it for granted ("Waarom …", "Klopt het dat …"): to
  "Wat vraagt men de minister van EZK?" a passage on the minister of Defence is about
  someone else;
- the question's main verb denied: "besloten … in te trekken" against "overweegt niet om
  … in te trekken" (Dutch only: Dutch puts that verb last).

Each fires only when the passage states another value in that place and never the asked
one, so a passage that names both is no contradiction.

A "why" about a completed event ("Waarom is de Drone Council in 2021 opgeheven?") takes the
event for granted; when no passage states it (`presupposed_event`, `states`), the documents
do not confirm it, and a passage about the council is no reason for something it never says.
So does a decision to end something ("besloten de verzekering in te trekken"), and an
English "why" or "when" about an ending ("Why did the Netherlands withdraw from …?"), checked
against the English forms and the Dutch participles of the same ending. The event counts as
stated only in a passage that holds the question's rarest term: another fund's ending
confirms nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answer.answerability import matches
from assistant.answer.rules import NUMBER_VALUES, last_content_word, presupposes
from assistant.text.analysis import STOPWORDS, fold
from assistant.text.figures import YEAR

# words, figures, and the punctuation a name cannot run across (or that brackets an acronym)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_][\w-]*|[.;:!?()]")
_ARTICLES = frozenset("de het een the a an".split())
# words after a figure that make it an amount, a share, a measure or a date, not a count of
# the next word ("acht meter afstand", "1 december": what they measure can differ without
# contradicting; dates and years are the judge's)
_UNITS = frozenset(
    """procent miljoen miljard mln mld euro jaar jaren keer maal per duizend fte meter
    kilometer km kilo kg ton liter uur uren dag dagen week weken maand maanden minuten
    seconden januari februari maart april mei juni juli augustus september oktober november
    december""".split()
)
# a name's role is the content word and preposition before it ("ondergebracht bij",
# "opdracht van"): prepositions of a role only one name fills; "met", "voor" or "en" add
# partners ("samenwerking met VDL Nedcar" beside "samenwerking met TNO")
_PREPOSITIONS = frozenset("van bij door uit onder of by from".split())
# "niet" and "nooit" deny a verb; "geen" denies a noun ("geen aanleiding voor")
_NEGATIONS = frozenset(("niet", "nooit"))
_DENIALS = _NEGATIONS | {"geen"}  # what denies an event a question asks about
# the part of a year a plan names ("eind 2026", "Q4 2023"): a passage that puts the same
# year's event in another part contradicts "Waarom pas eind 2026?" (days and months are
# left out: a footnote's dated source differs without contradicting)
_PART_OF_YEAR = frozenset(
    """begin eind medio halverwege voorjaar najaar zomer winter q1 q2 q3 q4 early late mid
    spring summer autumn""".split()
)
_NEGATION_REACH = 6  # words between "niet" and the verb it denies ("niet om de X in te trekken")
# a source named at the end ("…, volgens het Berenschot-rapport?") is not the main verb
_SOURCE_TAIL = re.compile(r",?\s+volgens\b[^?]*", re.I)


# the auxiliaries of a completed event ("is opgeheven"); a "when" also asks with "zal"
_AUXILIARY = "is|zijn|heeft|hebben|werd|werden|was|waren|wordt|worden|had|hadden"
# "Waarom is/heeft …" (or "waarom … is ingesteld") asks the reason for a completed event
_EVENT_WHY = re.compile(rf"\bwaarom\b(?=.*\b(?:{_AUXILIARY})\b)(?P<clause>[^?]*)", re.I)
# "Wanneer is/wordt …" about an ending takes the ending for granted as a why does: asked
# when a fund that runs on is closed down, the passage that dates its start must not answer.
# Other events asked "when" are often worded otherwise in the passage that dates them, so
# only endings count there.
_EVENT_WHEN = re.compile(
    rf"\b(?:wanneer|in welk jaar)\b(?=.*\b(?:{_AUXILIARY}|zal|zullen)\b)(?P<clause>[^?]*)", re.I
)
# each ending with its infinitive: a passage may state a strong or separable verb's ending
# by the infinitive or its noun ("in te trekken", "intrekking" for "ingetrokken"), which the
# participle's stem does not match
_ENDINGS = dict(
    tuple(fold(w) for w in pair.split(":"))
    for pair in """opgeheven:opheffen gestopt:stoppen stopgezet:stopzetten beëindigd:beëindigen
    afgeschaft:afschaffen ingetrokken:intrekken geschrapt:schrappen opgezegd:opzeggen
    afgeblazen:afblazen geannuleerd:annuleren opgeschort:opschorten
    teruggetrokken:terugtrekken""".split()
)
# Asked in English, only an ending is checked (the passage is mostly Dutch and other verbs
# cannot be matched across languages): the English verb's forms, and the Dutch participles a
# passage states the same ending with. "end" is left out: "at the end of 2024" is no event.
_ENDINGS_EN = {
    "abolish": ("abolish abolished abolishes abolition", "opgeheven afgeschaft"),
    "stop": ("stop stopped stops stopping", "gestopt stopgezet"),
    "discontinue": ("discontinue discontinued discontinues", "stopgezet beëindigd gestopt"),
    "terminate": ("terminate terminated terminates termination", "beëindigd opgezegd"),
    "ended": ("ended", "beëindigd gestopt"),
    "cancel": ("cancel cancelled canceled cancels cancellation", "geannuleerd afgeblazen"),
    "scrap": ("scrap scrapped scraps", "geschrapt"),
    "suspend": ("suspend suspended suspends suspension", "opgeschort"),
    "withdraw": ("withdraw withdrew withdrawn withdraws withdrawal", "teruggetrokken ingetrokken"),
}
_ENDING_EN = {form: verb for verb, (forms, _) in _ENDINGS_EN.items() for form in forms.split()}
_EVENT_EN = re.compile(
    r"\b(?:why|when|in (?:which|what) year)\b\s+(?:was|were|has|have|had|did|is|are|will)\b"
    r"(?P<clause>[^?]*)",
    re.I,
)
# a Dutch participle: ge- (after a separable prefix: "opgeheven", "aangekondigd") or be-,
# ver-, ont-, her- ("beëindigd", "verkocht"), ending in -d, -t or -en
_SEPARABLE = "aan|af|in|op|uit|terug|stop|door|mee|vast|over|toe|weg|bij|om|na|voort|tegen"
_PARTICIPLE = re.compile(
    rf"^(?P<prefix>(?:{_SEPARABLE})?ge|be|ver|ont|her)(?P<core>[a-z]{{3,}}(?:d|t|en))$"
)
_INFINITIVES = {infinitive: participle for participle, infinitive in _ENDINGS.items()}
# "besloten het fonds op te heffen": what was decided is the event taken for granted
_DECIDED = frozenset(("besloten", "gekozen"))
# a separable verb's infinitive written apart ("op te heffen", "in te trekken")
_SPLIT_INFINITIVE = re.compile(rf"\b({_SEPARABLE})\s+te\s+([^\W\d_]+)", re.I)
# participles that carry no event of their own: the event is in the words around them
# ("interessant gevonden", "opdracht gegeven", "besloten … te investeren"; a decision to end
# something is the exception, `_decided_ending`)
_LIGHT_VERBS = frozenset(
    """gevonden gegeven gedaan gemaakt genomen gekregen gehad gezien gelaten gesteld
    gehouden gebracht gestuurd verstuurd gezonden verzonden gekomen gegaan geworden gebleken
    geweest besloten gekozen gevraagd gezegd genoemd gebruikt bedoeld verwacht""".split()
)


def presupposed_event(question: str, english: bool = False) -> str | None:
    """The participle a Dutch "why" about a completed event turns on ("opgeheven" in
    "Waarom is de Drone Council in 2021 opgeheven?"), or a "when" about an ending ("Wanneer
    wordt het SecFund opgeheven?"), or None: the last participle, unless it is a light verb
    whose event lies in other words, or the ending a decision names ("in te trekken" after
    "besloten"). Not for a denied event ("Waarom is X niet …"): what did not happen is rarely
    stated. In English, the ending a "why" or "when" takes for granted ("withdraw" in "Why
    did the Netherlands withdraw from DIANA?")."""
    if english:
        return _english_ending(question)
    match = _EVENT_WHY.search(question)
    endings_only = match is None
    match = match or _EVENT_WHEN.search(question)
    if not match:
        return None
    written = re.findall(r"[^\W\d_]+", match.group("clause"))
    words = [fold(w.lower()) for w in written]
    last = max((i for i, w in enumerate(words) if _PARTICIPLE.match(w)), default=None)
    if last is not None and words[last] in _DECIDED:
        return _decided_ending(written, words, last)
    if last is None or words[last] in _LIGHT_VERBS:
        return None
    if endings_only and words[last] not in _ENDINGS:
        return None
    if _DENIALS & set(words[:last]):
        return None
    return written[last]


def _decided_ending(written: list[str], words: list[str], decided: int) -> str | None:
    """The ending a decision takes for granted ("in te trekken" in "Waarom heeft het kabinet
    besloten de verzekering in te trekken?"), as written, unless it is denied."""
    for i in range(decided + 2, len(words)):
        if words[i - 1] != "te":
            continue
        apart = i >= decided + 3 and f"{words[i - 2]}{words[i]}" in _INFINITIVES
        if (apart or words[i] in _INFINITIVES) and not _DENIALS & set(words[:i]):
            return " ".join(written[i - 2 if apart else i - 1 : i + 1])
    return None


def _english_ending(question: str) -> str | None:
    """The first ending verb of an English "why" or "when", as written, unless denied."""
    match = _EVENT_EN.search(question)
    if not match:
        return None
    # a contracted denial ("Why didn't …") is never read: `_EVENT_EN` wants the auxiliary whole
    written = re.findall(r"[^\W\d_]+", match.group("clause"))
    words = [w.lower() for w in written]
    endings = [i for i, w in enumerate(words) if w in _ENDING_EN]
    if not endings or {"not", "never", "no"} & set(words[: endings[0]]):
        return None
    return written[endings[0]]


def states(event: str, passage: str) -> bool:
    """Whether a passage names the event: the participle or its verb without prefix and ge-
    ("kondigde … aan" for "aangekondigd", "stoppen" for "gestopt"); an English ending in
    English or as the Dutch participles that state it."""
    terms = {fold(w.lower()) for w in re.findall(r"[^\W\d_]+", passage)}
    terms |= {fold(f"{a}{b}".lower()) for a, b in _SPLIT_INFINITIVE.findall(passage)}
    verb = _ENDING_EN.get(event.lower())
    if verb:
        forms, dutch = _ENDINGS_EN[verb]
        return bool(terms & set(forms.split())) or any(_names(w, terms) for w in dutch.split())
    return _names(event, terms)


def _names(event: str, terms: set[str]) -> bool:
    """Whether a passage's terms name a Dutch event (`states`)."""
    event = fold(event.lower())
    # a decided ending as the question wrote it ("in te trekken") stands for its participle
    event = _INFINITIVES.get(re.sub(r"\s+te\s+|^te\s+", "", event), event)
    match = _PARTICIPLE.match(event)
    core = match.group("core") if match and match.group("prefix").endswith("ge") else event
    infinitive = _ENDINGS.get(event)
    return (
        matches(event, terms)
        or matches(core, terms)
        or bool(infinitive and matches(infinitive, terms))
    )


@dataclass(frozen=True)
class Conflict:
    """What the question takes for granted and what the passage says in its place."""

    asked: str
    stated: str


def premise_conflict(question: str, passage: str, english: bool = False) -> Conflict | None:
    """The first contradiction between the question's premise and the passage, if any."""
    return (
        _count_conflict(question, passage)
        or _period_conflict(question, passage)
        or (_name_conflict(question, passage) if presupposes(question) else None)
        or (None if english else _denial(question, passage))
    )


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _words(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if t[0].isalnum()]


def _figure(token: str) -> str | None:
    """A token's value as a figure ("zeven" → "7"), or None; years are not figures."""
    if token.lower() in NUMBER_VALUES:
        return NUMBER_VALUES[token.lower()]
    if token[0].isdigit() and not YEAR.fullmatch(token):
        return token.replace(",", ".")
    return None


def _counts(text: str) -> list[tuple[str, str, str]]:
    """(figure, counted word, as written) for every figure followed, within two words, by
    the thing it counts ("acht Defensie-basisgebieden", "5 NLD gebieden")."""
    tokens = _words(text)
    found = []
    for i, token in enumerate(tokens):
        value = _figure(token)
        if value is None:
            continue
        for j in range(i + 1, min(i + 3, len(tokens))):
            word = tokens[j].lower()
            if word in _UNITS:
                break
            if len(word) >= 4 and word not in STOPWORDS and _figure(tokens[j]) is None:
                found.append((value, fold(word), " ".join(tokens[i : j + 1])))
                break
    return found


def _same_word(a: str, b: str) -> bool:
    """One word, or an inflection of it ("gebied", "gebieden"): all of `a` but its last two
    letters (at least four) begins `b`."""
    stem = min(len(a), max(4, len(a) - 2))
    return len(b) >= stem and a[:stem] == b[:stem]


def _differs(asked: list[tuple[str, str, str]], stated: list[tuple[str, str, str]],
             same_place: Callable[[str, str], bool]) -> Conflict | None:  # fmt: skip
    """The first (value, place, as written) of the question whose place the passage fills
    only with other values ("zeven" gebieden against "5" gebieden)."""
    for value, place, written in asked:
        others = [s for s in stated if same_place(place, s[1])]
        if others and all(s[0] != value for s in others):
            return Conflict(written, others[0][2])
    return None


def _count_conflict(question: str, passage: str) -> Conflict | None:
    return _differs(_counts(question), _counts(passage), _same_word)


def _periods(text: str) -> list[tuple[str, str, str]]:
    """(part of the year, year, as written): "eind 2026", "voorjaar van 2025", "Q4 2023"."""
    tokens = _words(text)
    found = []
    for i, token in enumerate(tokens):
        if token.lower() not in _PART_OF_YEAR:
            continue
        for j in range(i + 1, min(i + 3, len(tokens))):
            if YEAR.fullmatch(tokens[j]):
                found.append((token.lower(), tokens[j], " ".join(tokens[i : j + 1])))
                break
    return found


def _period_conflict(question: str, passage: str) -> Conflict | None:
    return _differs(_periods(question), _periods(passage), str.__eq__)


def _name_at(tokens: list[str], k: int) -> list[str]:
    """The capitalised words (or figures) from k on: one name ("Economische Zaken en
    Klimaat", "and" between capitals included). Empty when it starts with a figure, or is
    an adjective of nationality before a noun ("Europese defensiebedrijven")."""
    if k >= len(tokens) or not tokens[k][0].isupper():
        return []
    if tokens[k].endswith("se") and k + 1 < len(tokens) and tokens[k + 1][0].islower():
        return []
    name = []
    while k < len(tokens):
        joins = tokens[k] in ("en", "and") and name and k + 1 < len(tokens)
        if not (tokens[k][0].isupper() or tokens[k][0].isdigit() or joins):
            break
        if joins and not tokens[k + 1][0].isupper():
            break
        name.append(tokens[k])
        k += 1
    return name


def _roles(tokens: list[str]) -> list[tuple[tuple[str, str], int]]:
    """(role, where its name starts): every name after a content word and a preposition,
    articles skipped ("ministerie van" Defensie, "ondergebracht bij" de Brabantse …)."""
    found = []
    for i, token in enumerate(tokens):
        if i < 2 or not token[0].isupper() or tokens[i - 1][0].isupper():
            continue
        if fold(token.lower()) in STOPWORDS:
            continue
        j = i - 1
        while j > 0 and tokens[j].lower() in _ARTICLES:
            j -= 1
        role = (tokens[j - 1].lower(), tokens[j].lower())
        if role[1] in _PREPOSITIONS and len(role[0]) >= 4 and role[0] not in STOPWORDS:
            found.append((role, i))
    return found


def _initials(name: list[str]) -> str:
    return "".join(w[0] for w in name if w[0].isupper())


def _same_name(asked: list[str], stated: list[str], after: list[str]) -> bool:
    """Whether two names are one: a shared word (run-together text included: "U-spacevan"),
    or one is the other's initials ("DRC", "Delta Rhine Corridor") or bracketed acronym
    ("Economische Zaken en Klimaat (EZK)")."""
    a = [fold(w.lower()) for w in asked]
    s = [fold(w.lower()) for w in stated]
    if any(x.startswith(y) or y.startswith(x) for x in a for y in s):
        return True
    bracketed = after[1] if len(after) >= 2 and after[0] == "(" else ""
    return any(w in (_initials(stated), bracketed) for w in asked) or any(
        w == _initials(asked) for w in stated
    )


def _name_conflict(question: str, passage: str) -> Conflict | None:
    asked_tokens = _tokens(question)
    tokens = _tokens(passage)
    lower = [t.lower() for t in tokens]
    for role, start in _roles(asked_tokens):
        asked = _name_at(asked_tokens, start)
        stated = []
        for i in range(len(tokens) - 2):
            if (lower[i], lower[i + 1]) != role:
                continue
            k = i + 2
            while k < len(tokens) and lower[k] in _ARTICLES:
                k += 1
            name = _name_at(tokens, k)
            if name:
                stated.append(name)
        if stated and not any(_same_name(asked, s, _after(tokens, s)) for s in stated):
            return Conflict(f"{role[0]} {role[1]} {' '.join(asked)}",
                            f"{role[0]} {role[1]} {' '.join(stated[0])}")  # fmt: skip
    return None


def _after(tokens: list[str], name: list[str]) -> list[str]:
    """The tokens after a name in the passage, brackets included."""
    for i in range(len(tokens) - len(name) + 1):
        if tokens[i : i + len(name)] == name:
            return tokens[i + len(name) : i + len(name) + 3]
    return []


def _final_verb(question: str) -> str | None:
    """The word a Dutch question ends on when it reads as a verb: an infinitive ("in te
    trekken") or a participle ("opgeheven", "beëindigd"). Without a tagger, a question
    ending on a noun ("… op het gebied van quantum?") has none."""
    question = _SOURCE_TAIL.sub("", question)
    word = last_content_word(question)
    tail = re.findall(r"[^\W\d_]+", question.lower())
    if word is None or not tail or fold(tail[-1]) != word:
        return None
    participle = word.startswith(("ge", "be", "ver", "ont", "her")) and word.endswith(("d", "t"))
    return word if word.endswith("en") or participle else None


def _denial(question: str, passage: str) -> Conflict | None:
    """The verb the question ends on, denied in the passage."""
    asked = [t.lower() for t in _words(question)]
    if _NEGATIONS & set(asked) or "geen" in asked:
        return None
    verb = _final_verb(question)
    if verb is None:
        return None
    tokens = _words(passage)
    folded = [fold(t.lower()) for t in tokens]
    for i, word in enumerate(folded):
        before = folded[max(0, i - _NEGATION_REACH) : i]
        if len(word) >= 4 and _same_word(verb, word) and _NEGATIONS & set(before):
            start = i - len(before) + next(n for n, w in enumerate(before) if w in _NEGATIONS)
            return Conflict(verb, " ".join(tokens[start : i + 1]))
    return None
