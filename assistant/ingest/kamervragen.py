"""A set of schriftelijke Kamervragen, split: `split_questions(text)` gives its header and
numbered questions ("Vraag 1", "1.", "1)", sub-questions "a." / "b)"); the `Assistant`
answers each.

Text labelled "Vraag N" / "Antwoord N" (the Aanhangsel van de Handelingen, as a PDF's text or
pasted) is split on those labels, wherever they stand in a line: the PDF text runs a question,
its footnote marker and "Antwoord 1 Ja." together. Page footers and footnotes are dropped, a
question running over a page break is joined and de-hyphenated, "Vraag 3, 4 en 5" gives
questions 3, 4 and 5 that share one answer, and a "Vraag N" or "Antwoord N" label lost in
the extraction is recovered from the numbering. Other text is split on numbered lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NUMBERED = re.compile(r"^\s*(?:vraag\s+)?(\d{1,2})\s*(?:[.):]\s*|\s+(?=[A-ZÀ-Ý])|$)(.*)$", re.I)
_SUB = re.compile(r"(?:^|(?<=\s))\(?([a-h])[.)]\s+")
# "Vraag 1", "Antwoord 3, 4 en 5", "Vraag 7, 8, 9 10 en 11"; "Mededeling" ends the questions
_LABEL = re.compile(
    r"\b(Vraag|Antwoord)\s+(\d{1,2}(?:(?:\s*,\s*|\s+en\s+)\d{1,2}|\s+\d{1,2}(?=\s*(?:,|en\b)))*)\b"
    r"|^(Mededeling)\s*$",
    re.M,
)
_FIRST = re.compile(r"\bVraag\s+1\b")
_FOOTER = re.compile(
    r"(?:^|\s)(?:ah-tk-\d{8}-\d+\b.*|(?:Tweede Kamer, vergaderjaar|Aanhangsel Handelingen(?: II)?)"
    r"\s+\d{4}\s*[–/-]\s*\d{2,4}\b[\w .,/–-]{0,30}?)\s*$"
)
_FOOTNOTE = re.compile(r"^(\d{1,2})\s+(?:https?:|www\.|[^\sa-z])")
_MARKER = re.compile(
    r"([?!»”)]|\.(?=\s?\d{1,2}\s+(?:Vraag|Antwoord)\b))(?:\s?\d{1,2}(?=[\s?.,;:]|$))+"  # "zijn? 2"
    r"|((?<=[a-zà-ÿ]{3})|(?<=[a-z]\.))\d{1,2}(?=[.,;:]?(?:\s|$))"  # "afgewogen1;", "c.s.2,"
)
# A wrapped footnote's next line is a line of print; a longer line is a paragraph of a PDF's
# page text (a block per line) that follows the footnotes, on the next page.
_NOTE_LINE = 200
_BREAK = re.compile(r"(?<=[?!.])\s+(?=[A-ZÀ-Ý«\"“‘(])")
_ASKS = re.compile(r"\?[»”\"')]*$")
_ASKED = re.compile(
    r"\bVragen\s+(van\s+(?:het\s+lid|de\s+leden)\b.*?\bover\b.*?)\s*(?:\(ingezonden\b|$)",
    re.S | re.I,
)
_FOLLOW_UP = re.compile(r"^(?:Zo (?:ja|nee|neen|niet)\b|Indien|En |Of |Graag|Waarom (?:niet|wel))")


@dataclass
class KamerVraag:
    """One question to answer: its number ("2", "2b"), its text, and its stem for context; where
    the text holds the government's answer, that answer, shared by the questions `together`."""

    number: str
    text: str
    stem: str = ""  # the main question's text, for a sub-question
    answer: str = ""
    together: tuple[str, ...] = ()  # the numbers answered together with this one ("3", "4", "5")

    @property
    def query(self) -> str:
        return f"{self.stem} {self.text}".strip()


@dataclass
class KamerVragen:
    header: str
    questions: list[KamerVraag] = field(default_factory=list)

    @property
    def asked(self) -> str:
        """Who asked about what, from the header's "Vragen van het lid X (Partij) aan de
        minister … over … (ingezonden …)": "van het lid X (Partij) over …"; "" when the
        header does not say."""
        match = _ASKED.search(self.header)
        if not match:
            return ""
        asked = " ".join(match.group(1).split()).rstrip(" .*_")
        return re.sub(r"\s+aan\s+(?:de|het)\s+.*?\s+(?=over\b)", " ", asked, count=1)


@dataclass
class _Block:
    """One "Vraag" heading's numbers, its text and (once found) its answer."""

    numbers: list[int]
    question: str = ""
    answer: str | None = None
    shared: list[int] = field(default_factory=list)  # the numbers answered together


def split_questions(text: str) -> KamerVragen:
    """The header (who asks whom about what) and the numbered questions, in order."""
    first = _FIRST.search(text)
    if first is None:
        return _split_numbered(text)
    header = " ".join(text[: first.start()].split())
    return KamerVragen(header=header, questions=_questions(_blocks(_body(text[first.start() :]))))


def _split_numbered(text: str) -> KamerVragen:
    """Questions numbered "1." / "1)" / "Vraag 1" at the start of a line."""
    header: list[str] = []
    mains: list[tuple[str, str]] = []
    for line in _lines(text):
        match = _NUMBERED.match(line)
        # "Vraag 1" may stand alone with its text on the next line; a bare number may not
        labelled = line.lower().startswith("vraag") or match and match.group(2).strip()
        if match and int(match.group(1)) == len(mains) + 1 and labelled:
            mains.append((match.group(1), match.group(2).strip()))
        elif mains:
            mains[-1] = (mains[-1][0], _join(mains[-1][1], line))
        else:
            header.append(line)
    questions = [q for number, main in mains for q in _with_subs(number, main)]
    return KamerVragen(header=" ".join(header), questions=questions)


def _lines(text: str) -> list[str]:
    """The non-empty lines without page footers."""
    lines = (_FOOTER.sub("", raw).strip() for raw in text.splitlines())
    return [line for line in lines if line]


def _body(text: str) -> str:
    """The questions' text without page footers and footnotes, lines de-hyphenated."""
    kept: list[str] = []
    next_note, in_note = 1, False
    for raw in text.splitlines():
        line = _FOOTER.sub("", raw).strip()
        if not line or line != raw.strip():  # a blank line or a page footer ends a footnote
            in_note = False
            if not line:
                continue
        note = _FOOTNOTE.match(line)
        if note and int(note.group(1)) >= next_note:  # footnotes count up
            next_note, in_note = int(note.group(1)) + 1, _continues(line)
        elif in_note and not _LABEL.match(line) and len(line) <= _NOTE_LINE:
            in_note = _continues(line)  # a footnote wrapped over several lines
        else:
            in_note = False
            if kept and kept[-1].endswith("-") and not kept[-1].endswith(" -"):
                kept[-1] = _join(kept[-1], line)
            else:
                kept.append(line)
    return _MARKER.sub(lambda m: m.group(1) or "", "\n".join(kept))


def _continues(line: str) -> bool:
    """Whether a footnote line runs on (it was wrapped) rather than ending here."""
    if line.endswith(("-", ",", "|")):
        return True
    if re.search(r"(?:https?://|www\.)\S*$", line):
        return False
    return len(line) >= 60 and not re.search(r"[.)»”\"?!]$", line)


def _join(text: str, line: str) -> str:
    """Text and its next line: "regen-" + "boogprovincie" is one word; "defensie-" + "en" is not."""
    lower = re.search(r"[a-zà-ÿ]-$", text) and re.match(r"[a-zà-ÿ]", line)
    if lower and not re.match(r"(?:en|of|tot)\b", line):
        return text[:-1] + line
    if re.search(r"\w-$", text) and re.match(r"\w", line):
        return text + line
    return f"{text} {line}".strip()


def _numbers(label: str) -> list[int]:
    """ "3, 4 en 5" -> [3, 4, 5]; only a consecutive run counts."""
    numbers = [int(n) for n in re.findall(r"\d+", label)]
    run = numbers[:1]
    for n in numbers[1:]:
        if n != run[-1] + 1:
            break
        run.append(n)
    return run


def _blocks(body: str) -> list[_Block]:
    """Each "Vraag" heading with its text and answer, in order."""
    blocks: list[_Block] = []
    target: list[_Block] = []
    answering = False
    start = 0

    def flush(chunk: str) -> None:
        for block in target:
            if answering:
                block.answer = chunk.strip()
            else:
                block.question += chunk

    for match in _LABEL.finditer(body):
        chunk, expected = body[start : match.start()], blocks[-1].numbers[-1] + 1 if blocks else 1
        if match.group(3):  # "Mededeling": the answer is postponed, the questions end here
            flush(chunk)
            return blocks
        numbers = _numbers(match.group(2))
        is_answer = match.group(1) == "Antwoord"
        unanswered = [b for b in blocks if b.answer is None and set(numbers) & set(b.numbers)]
        if is_answer and unanswered:
            flush(chunk)
            target = unanswered
            for block in unanswered:  # "Antwoord 5 en 6" after "Vraag 5" and "Vraag 6"
                block.shared = [n for b in unanswered for n in b.numbers]
        elif numbers[0] == expected:
            if is_answer:  # its "Vraag" label was lost: the question ends the text before
                chunk, question = _cut(chunk, from_end=True)
                flush(chunk)
                blocks.append(_Block(numbers, question))
            else:
                flush(chunk)
                blocks.append(_Block(numbers))
            target = [blocks[-1]]
        else:
            continue
        answering, start = is_answer, match.end()
    flush(body[start:])
    if any(b.answer is not None for b in blocks):  # an "Antwoord" label was lost
        for block in blocks:
            if block.answer is None:
                block.question, block.answer = _cut(block.question, from_end=False)
    return blocks


def _sentences(text: str) -> list[str]:
    starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    return [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _cut(text: str, from_end: bool) -> tuple[str, str]:
    """Split text where a question and the text beside it meet, for a lost label: from_end,
    (text, the question sentences at its end); else (the question at its start, the rest)."""
    sentences = _sentences(text)
    if from_end:
        n = len(sentences)
        while n and _ASKS.search(sentences[n - 1]):
            n -= 1
        return " ".join(sentences[:n]), " ".join(sentences[n:])
    for i in range(1, len(sentences)):
        asked, sentence = _ASKS.search(sentences[i - 1]), sentences[i]
        if asked and not _ASKS.search(sentence) and not _FOLLOW_UP.match(sentence):
            return " ".join(sentences[:i]), " ".join(sentences[i:])
    return text, ""


def _units(text: str) -> list[str]:
    """The separate questions in a text: a new one after each "?", except "Zo ja, …"."""
    units: list[str] = []
    for sentence in _sentences(text):
        if units and not (_ASKS.search(units[-1]) and not _FOLLOW_UP.match(sentence)):
            units[-1] = f"{units[-1]} {sentence}"
        else:
            units.append(sentence)
    return units


def _questions(blocks: list[_Block]) -> list[KamerVraag]:
    questions: list[KamerVraag] = []
    for block in blocks:
        text = " ".join(block.question.split())
        answer = "\n".join(" ".join(line.split()) for line in (block.answer or "").splitlines())
        answer = answer.strip()
        shared = block.shared or block.numbers
        together = tuple(str(n) for n in shared) if len(shared) > 1 else ()
        if len(block.numbers) == 1:
            for question in _with_subs(str(block.numbers[0]), text):
                question.answer, question.together = answer, together
                questions.append(question)
            continue
        k, units = len(block.numbers), _units(text)
        if len(units) < k:
            units = _sentences(text)
        texts = units[: k - 1] + [" ".join(units[k - 1 :])] if len(units) >= k else units
        texts += [text] * (k - len(texts))  # fewer questions than numbers: each gets them all
        for number, part in zip(block.numbers, texts, strict=True):
            questions.append(KamerVraag(str(number), part, answer=answer, together=together))
    return questions


def _with_subs(number: str, text: str) -> list[KamerVraag]:
    """A question, or its sub-questions "a." / "b)" with the text before them as their stem."""
    marks: list[re.Match[str]] = []
    for match in _SUB.finditer(text):
        if match.group(1) == chr(ord("a") + len(marks)):
            marks.append(match)
    if len(marks) < 2:
        return [KamerVraag(number, text)]
    stem = text[: marks[0].start()].strip()
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [
        KamerVraag(f"{number}{m.group(1)}", text[m.end() : end].strip(), stem)
        for m, end in zip(marks, ends, strict=True)
    ]
