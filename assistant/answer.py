"""Stage 5, answer: turn ranked evidence into a cited answer, or say the documents are silent.

Entry point: `ExtractiveAnswerer(known)(question, evidence)`. The default answer needs no
LLM: it is made of the evidence sentences themselves, each followed by its [n]. Whether to
answer is decided here, not by a similarity threshold (which did not separate answerable
from unanswerable questions): a question whose names, years or focus word occur nowhere in
the corpus is not answered, and a question that asks for a number, an amount, a date or a
person or organisation is answered only by evidence that contains one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.analysis import STOPWORDS, Analyzer, fold
from assistant.chunk import split_sentences
from assistant.llm import LLMConfig, LLMError, build_messages, complete, verify
from assistant.models import Answer, Citation, Evidence
from assistant.retrieve import detect_language

NOT_FOUND_NL = "Hierover staat niets in de geïndexeerde documenten."
NOT_FOUND_EN = "The indexed documents say nothing about this."

_NUMBER_WORDS = set(
    """een twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig veertig
    vijftig honderd duizend tweetal drietal viertal vijftal beide enkele tientallen
    honderden duizenden one two three four five six seven eight nine ten dozen hundreds""".split()
)
_PERIOD_WORDS = set(
    """januari februari maart april mei juni juli augustus september oktober november december
    voorjaar najaar zomer winter kwartaal eind begin medio halverwege""".split()
)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_COUNT = re.compile(r"\b\d[\d.,]*\b")
_AMOUNT = re.compile(
    r"(€|\beuro\b|\bmiljoen\b|\bmiljard\b|\bmln\b|\bmld\b|\bmrd\b|%|\bprocent\b)", re.I
)
_PERIOD = re.compile(r"\b(Q[1-4]|\d{1,2}\s+\w+\s+\d{4}|(19|20)\d{2})\b")
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
            r"\b(wat kost|kosten|hoeveel geld|budget|bedrag|omzet|how much|cost|"
            r"turnover|revenue|procent|percentage)\b",
            re.I,
        ),
    ),  # fmt: skip
    ("count", re.compile(r"\b(hoeveel|how many|aantal)\b", re.I)),
    (
        "period",
        re.compile(r"\b(wanneer|welk jaar|welke jaren|when|what year|which years?)\b", re.I),
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


def answer_type(question: str) -> str | None:
    """amount, count, period or agent: what kind of fact the question asks for, if any."""
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
        numbers = [m.group(0) for m in _COUNT.finditer(text) if not _YEAR.fullmatch(m.group(0))]
        return bool(numbers) or bool(words & _NUMBER_WORDS - {"een"})
    if kind == "period":
        return bool(_PERIOD.search(text)) or bool(words & _PERIOD_WORDS)
    if kind == "agent":
        return bool(_ORG_WORDS.search(text)) or any(
            _is_name(w) for w in re.findall(r"\b[A-Z][\w-]{2,}", text)
        )
    return True


def count_near(text: str, focus: str, window: int = 4) -> bool:
    """Whether a number stands within `window` words of the counted thing ("vier
    actielijnen", "een tweetal onafhankelijke studies"), in the same sentence: the figure must
    be about it."""
    target = fold(focus)[:6]
    for span in split_sentences(text):
        words = [
            w.strip(".,;:") for w in re.findall(r"[\w.,-]+", fold(text[span.start : span.end]))
        ]
        numbers = [
            i
            for i, w in enumerate(words)
            if w and (w[0].isdigit() and not _YEAR.fullmatch(w) or w in _NUMBER_WORDS - {"een"})
        ]
        subjects = [i for i, w in enumerate(words) if w.startswith(target)]
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


# Question-frame words that say how, not what, a question asks.
_FRAME_WORDS = set(
    """hoeveel vaak soort soorten manier type typen keer gebeurt staat wordt worden komt
    gaat zijn heeft hebben""".split()
)


def focus_word(question: str) -> str | None:
    """The first content word after the question word of a Dutch question: its subject."""
    words = re.findall(r"[^\W\d_]+", question.lower())
    for word in words[1:]:
        if word not in STOPWORDS and len(word) >= 4 and word not in _FRAME_WORDS:
            return word
    return None


def to_citations(evidence: list[Evidence]) -> list[Citation]:
    """Number the evidence as citations [1], [2], ... in rank order."""
    return [
        Citation(
            n=i,
            document=e.chunk.doc_path,
            title=e.meta.title,
            doc_type=e.meta.doc_type,
            date=e.meta.date,
            kenmerk=e.meta.kenmerk,
            page=e.chunk.page,
            section=e.chunk.section,
            quote=e.quote,
            score=round(e.score, 4),
        )
        for i, e in enumerate(evidence, start=1)
    ]


@dataclass(frozen=True)
class Decision:
    answer: bool
    reason: str
    usable: tuple[int, ...] = ()  # indexes of the evidence that may be used in the answer


class ExtractiveAnswerer:
    """Answers with the best evidence sentences verbatim, each marked with its source.

    `known` tells whether a word or name occurs in the corpus (directly or through the
    expansion vocabulary); the index provides it.
    """

    def __init__(
        self,
        known: Callable[[str], bool],
        max_sentences: int = 2,
        relative_cutoff: float = 0.8,
        type_window: int = 3,
    ) -> None:
        if max_sentences < 1 or not 0 < relative_cutoff <= 1 or type_window < 1:
            raise ValueError("max_sentences >= 1, 0 < relative_cutoff <= 1, type_window >= 1")
        self.known = known
        self.max_sentences = max_sentences
        self.relative_cutoff = relative_cutoff
        self.type_window = type_window

    def decide(self, question: str, evidence: list[Evidence]) -> Decision:
        """Whether the evidence supports an answer, and which evidence may carry it."""
        if not evidence:
            return Decision(False, "no passage found")
        english = detect_language(question) == "en"
        missing = [t for t in salient_tokens(question, english) if not self.known(t)]
        if missing:
            return Decision(False, f"not in the corpus: {', '.join(missing)}")
        # English words reach the Dutch corpus only through USE neighbours, too unsure to
        # refuse on; for Dutch, a subject the corpus never mentions means no answer.
        focus = None if english else focus_word(question)
        if focus and not self.known(focus):
            return Decision(False, f"not in the corpus: {focus}")
        kind = answer_type(question)
        window = evidence[: self.type_window]
        counted = focus if kind == "count" else None  # English words can't be matched
        usable = tuple(
            i
            for i, e in enumerate(window)
            if contains_answer_type(e.quote, kind)
            and not planted_instruction(e.quote)
            and (counted is None or count_near(e.quote, counted))
        )
        if not usable:
            return Decision(False, f"no passage holds the {kind} asked for")
        return Decision(True, "supported", usable)

    def __call__(self, question: str, evidence: list[Evidence]) -> Answer:
        english = detect_language(question) == "en"
        citations = to_citations(evidence)
        decision = self.decide(question, evidence)
        if not decision.answer:
            return Answer(
                question,
                NOT_FOUND_EN if english else NOT_FOUND_NL,
                True,
                citations,
                notes=[decision.reason],
            )
        top = citations[decision.usable[0]].score
        used = [
            citations[i]
            for i in decision.usable
            if citations[i].score >= self.relative_cutoff * top
        ][: self.max_sentences]
        intro = "According to the documents:" if english else "Volgens de documenten:"
        body = " ".join(f"“{c.quote}” [{c.n}]" for c in used)
        return Answer(question, f"{intro} {body}", False, citations)


class GenerativeAnswerer:
    """An LLM writes the answer from the numbered evidence; only verified sentences stay.

    The extractive answer decides first whether to answer at all, and it is what the user
    gets, with a note saying so, when the model fails, times out or cannot be verified.
    """

    def __init__(self, config: LLMConfig, extractive: ExtractiveAnswerer, analyzer: Analyzer):
        self.config = config
        self.extractive = extractive
        self.analyzer = analyzer

    def __call__(self, question: str, evidence: list[Evidence]) -> Answer:
        base = self.extractive(question, evidence)
        if base.abstained:
            return base
        passages = [c for c in base.citations if not planted_instruction(c.quote)]
        try:
            text = complete(self.config, build_messages(question, passages))
        except LLMError as exc:
            base.notes.append(f"generatief antwoord mislukt: {exc}; extractief antwoord getoond")
            return base
        if NOT_FOUND_NL in text or NOT_FOUND_EN in text:
            return Answer(
                question, text.strip(), True, base.citations, notes=["taalmodel: niet gevonden"]
            )
        verified = verify(text, passages, self.analyzer)
        if not verified.sentences:
            base.notes.append(
                "het antwoord van het taalmodel steunde niet op de bronnen;"
                " extractief antwoord getoond"
            )
            return base
        notes = ["generatief antwoord, per zin getoetst aan de geciteerde passage"]
        if verified.dropped:
            notes.append(f"{len(verified.dropped)} niet-onderbouwde zin(nen) weggelaten")
        return Answer(question, " ".join(verified.sentences), False, base.citations, notes=notes)
