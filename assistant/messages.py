"""Every text a user reads, in Dutch, in one place: answers' fixed phrases, errors, labels.

Code identifiers stay English; the CLI, the workspace, the exports and every error a user
can meet take their words from here.
"""

from __future__ import annotations

from collections.abc import Iterable

# --- answers ------------------------------------------------------------------------------

NOT_FOUND = "Hierover staat niets in de geïndexeerde documenten."
NOT_FOUND_EN = "The indexed documents say nothing about this."
NO_MATCHING_DOCUMENTS = "Geen documenten voldoen aan de filters."
ACCORDING_TO = "Volgens de documenten:"
ACCORDING_TO_EN = "According to the documents:"
SOURCES = "Bronnen"
MAYBE_RELEVANT = "Mogelijk relevante passages"
NO_PASSAGES = "Geen passages gevonden."
QUESTION = "Vraag"
ANSWER = "Antwoord"
LOOK_OUT = "Let op"
DATE_UNKNOWN = "datum onbekend"

# Why an answer was withheld (Answer.notes; shown beneath the answer).
REASON_NO_PASSAGE = "geen passage gevonden"
REASON_NO_DOCUMENTS = "geen document voldoet aan de filters"
REASON_NOT_ANSWERED = "geen gevonden passage beantwoordt de vraag"
REASON_CONTRADICTED = "de best passende passage spreekt de vraag tegen"
REASON_UNCONFIRMED = "geen gevonden passage noemt wat de vraag als gebeurd aanneemt"


def not_said(parts: Iterable[str], english: bool = False) -> str:
    """The sentence closing a partial answer: the parts of the question the documents are
    silent on."""
    quoted = "; ".join(f"“{p.rstrip('?').strip()}”" for p in parts)
    if english:
        return f"The indexed documents say nothing about {quoted}."
    return f"Over {quoted} staat niets in de geïndexeerde documenten."


def reason_unknown_terms(terms: Iterable[str]) -> str:
    return f"komt niet voor in de documenten: {', '.join(terms)}"


def contradicted(asked: str, stated: str, n: int, english: bool = False) -> str:
    """The answer when the best passage contradicts the question's premise ("zeven NLD
    gebieden" against passage [1]'s "5 NLD gebieden"): to "Waarom …?" all there is to say,
    to "Klopt het dat …?" the opening before the passage itself."""
    if english:
        return (
            f"The documents do not confirm this: the question says ‘{asked}’, but passage [{n}]"
            f" says ‘{stated}’."
        )
    return (
        f"De documenten bevestigen dit niet: de vraag noemt ‘{asked}’, maar passage [{n}]"
        f" noemt ‘{stated}’."
    )


def unconfirmed(event: str, english: bool = False) -> str:
    """The answer to a "why" whose event no passage states ("Waarom is X opgeheven?")."""
    if english:
        return (
            f"The documents do not confirm what the question takes for granted (‘{event}’):"
            " none of the passages found mentions it."
        )
    return (
        f"De documenten bevestigen niet wat de vraag veronderstelt (‘{event}’): geen van de"
        " gevonden passages noemt het."
    )


_KIND_NL = {
    "amount": "een bedrag of percentage",
    "count": "een aantal",
    "period": "een datum of periode",
    "agent": "een persoon of organisatie",
}


def reason_missing_kind(kind: str | None) -> str:
    return f"geen passage noemt {_KIND_NL.get(kind or '', 'wat gevraagd wordt')}"


# Generative answers
LLM_FAILED = "generatief antwoord mislukt: {error}; extractief antwoord getoond"
LLM_UNSUPPORTED = (
    "het antwoord van het taalmodel steunde niet op de bronnen; extractief antwoord getoond"
)
LLM_NOT_FOUND = "taalmodel: niet gevonden"
LLM_VERIFIED = "generatief antwoord, per zin getoetst aan de geciteerde passage"
LLM_DROPPED = "{n} niet-onderbouwde zin(nen) weggelaten"


def llm_timeout(seconds: float) -> str:
    return f"het taalmodel antwoordde niet binnen {seconds:g} s"


def llm_error(kind: str) -> str:
    return f"het taalmodel gaf een fout ({kind})"


# --- questions and filters ----------------------------------------------------------------

EMPTY_QUESTION = "De vraag is leeg: typ eerst een vraag."
INDEX_OUTDATED = "De index is met een oudere versie gebouwd: voer `python -m assistant ingest` uit."
INDEX_EMPTY = "De index is leeg: voer eerst `python -m assistant ingest` uit."


def index_busy(seconds: float) -> str:
    return (
        f"Een ander proces (een ingest of de werkomgeving) schrijft al {seconds:g} seconden in"
        " deze index. Er is niets gewijzigd en niets verloren: een geüpload bestand staat in"
        " de corpusmap en wordt bij de volgende ingest opgenomen. Probeer het zo opnieuw."
    )


def unknown_doc_types(unknown: Iterable[str], known: Iterable[str]) -> str:
    return f"Onbekend documenttype: {', '.join(unknown)}. Kies uit: {', '.join(known)}."


def bad_date(text: str) -> str:
    return (
        f"Datum niet herkend: '{text}'. Schrijf bijvoorbeeld 2026-04-15, 15-4-2026 of "
        "15 april 2026."
    )


def dates_reversed(date_from: str, date_to: str) -> str:
    return f"De datum vanaf ({date_from}) ligt na de datum t/m ({date_to})."


def index_mismatch(collection: str, built_with: str | None, model: str) -> str:
    return (
        f"De vectoren in {collection} zijn gemaakt met {built_with!r}, niet met {model!r}: "
        "voer `python -m assistant ingest --rebuild` uit."
    )


# --- settings -----------------------------------------------------------------------------

NO_RETRIEVAL_LEG = (
    "Geen zoekmethode aan: zet een dense zoekmethode aan of geef BM25 (weight_lexical) een gewicht."
)
NO_DENSE_LEG = "Geen dense zoekmethode aan in de instellingen."


def setting_at_least(name: str, minimum: int) -> str:
    return f"Instelling {name} moet minstens {minimum} zijn."


def negative_settings(names: Iterable[str]) -> str:
    return f"Instelling(en) {', '.join(names)} mogen niet negatief zijn."


def setting_choice(name: str, choices: Iterable[str]) -> str:
    return f"Instelling {name} moet één zijn van: {', '.join(choices)}."


def port_out_of_range(port: int) -> str:
    return f"Instelling chroma_port buiten bereik: {port}."


def unknown_settings(names: Iterable[str]) -> str:
    return f"Onbekende instelling(en): {', '.join(names)}."


def bad_setting_value(error: Exception) -> str:
    return f"Ongeldige waarde in de instellingen: {error}."


EMBED_MODEL_EMPTY = "Instelling embed_model: geef een modelnaam of een pad."
LLM_BASE_URL = "Instelling llm_base_url moet beginnen met http:// of https://."
LLM_MODEL_MISSING = "Instelling llm_model ontbreekt: die is nodig voor generatieve antwoorden."
LLM_TIMEOUT_POSITIVE = "Instelling llm_timeout_s moet groter dan 0 zijn."
LLM_MAX_TOKENS = "Instelling llm_max_tokens moet minstens 1 zijn."
ANSWERER_SETTINGS = "max_sentences >= 1, 0 < relative_cutoff <= 1 en type_window >= 1 vereist."

# --- ingest -------------------------------------------------------------------------------

FILE_MISSING = "bestand bestaat niet"
FILE_EMPTY = "leeg bestand"
PDF_PASSWORD = "PDF is beveiligd met een wachtwoord; lever hem zonder aan"
PDF_NO_TEXT = "geen tekstlaag: OCR nodig (installeer tesseract-ocr-nld)"
OCR_MARK = "OCR"  # in a reference: the quoted text was read from a scan by OCR


def _pages(numbers: list[int]) -> str:
    return ("p. " if len(numbers) == 1 else "pp. ") + ", ".join(str(n) for n in numbers)


def pages_need_ocr(numbers: list[int]) -> str:
    """A file indexed without some of its pages: scans, and no Tesseract to read them."""
    return f"{_pages(numbers)} niet gelezen: {PDF_NO_TEXT}"


def ocr_failed(numbers: list[int], error: Exception) -> str:
    return f"{_pages(numbers)} niet gelezen: OCR mislukt ({error})"


BINARY_CONTENT = "binaire inhoud: geen tekstbestand"
NO_USABLE_TEXT = "bevat geen bruikbare tekst"
NO_CHUNKS = "bevat te weinig lopende tekst om te doorzoeken"


def unsupported_type(suffix: str, supported: Iterable[str]) -> str:
    return (
        f"bestandstype {suffix or '(geen)'} niet ondersteund (toegestaan: {', '.join(supported)})"
    )


def unknown_encoding(name: str) -> str:
    return f"{name}: geen UTF-8 en geen herkenbare tekstcodering"


def pdf_encryption(error: Exception) -> str:
    return f"PDF-versleuteling niet ondersteund: {error}"


def pdf_unreadable(error: Exception) -> str:
    return f"geen leesbare PDF (beschadigd of afgekapt): {error}"


def pdf_too_long(pages: int, limit: int) -> str:
    return f"PDF heeft {pages} pagina's; de grens is {limit}"


def page_unreadable(number: int, error: Exception) -> str:
    return f"pagina {number} niet leesbaar: {error}"


def docx_unreadable(error: Exception) -> str:
    return f"geen leesbaar Word-bestand: {error}"


def duplicate_of(path: str) -> str:
    return f"zelfde inhoud als {path}: niet dubbel geïndexeerd"


def write_failed(error: Exception) -> str:
    return f"schrijven mislukt: {error!r}"


def unexpected_failure(error: Exception) -> str:
    return f"onverwachte fout: {error!r}"


def catalog_not_toml(path: object, error: Exception) -> str:
    return f"catalogus {path} is geen geldige TOML: {error}"


def catalog_unknown_fields(path: object, key: str, fields: Iterable[str]) -> str:
    return f"catalogus {path}, [{key}]: onbekende velden {', '.join(fields)}"


def catalog_bad_type(path: object, key: str, types: Iterable[str]) -> str:
    return f"catalogus {path}, [{key}]: doc_type moet één zijn van {', '.join(types)}"


# Log lines (stderr during an ingest, the workspace's log).
LOG_FILE_FAILED = "onverwachte fout bij %s"
LOG_BATCH_FAILED = "schrijven van een reeks van %d documenten mislukt"
LOG_REBUILD_OUTDATED = "de index is met een oudere versie gebouwd: hij wordt opnieuw opgebouwd"
LOG_REBUILD_MODEL = "%s De index wordt opnieuw opgebouwd."
LOG_REPAIR_UNFINISHED = "de vorige ingest is niet afgemaakt: de index wordt eerst hersteld"
LOG_WAITING_FOR_WRITER = "een ander proces schrijft in deze index: wachten tot het klaar is"
LOG_REPAIR_OUT_OF_STEP = "een vectorcollectie loopt uit de pas (zoekmethode aangezet?): herstel"
LOG_FILL_FAILED = "het aanvullen van de E5-vectoren is mislukt; de volgende keer gaat het verder"

UPLOAD_NAME_REFUSED = "bestandsnaam geweigerd: die mag niet buiten de corpusmap wijzen"


def upload_too_large(size_mb: int, limit_mb: int) -> str:
    return f"bestand te groot ({size_mb} MB; de grens is {limit_mb} MB)"


# --- documents and metadata ---------------------------------------------------------------


def unknown_document(path: str) -> str:
    return f"Onbekend document: {path}"


def unknown_fields(names: Iterable[str]) -> str:
    return f"Onbekende velden: {', '.join(names)}"


def doc_type_choice(types: Iterable[str]) -> str:
    return f"Het documenttype moet één zijn van: {', '.join(types)}."


DATE_FORMAT = "Datum als jjjj-mm-dd, bijvoorbeeld 2026-04-15."
DOC_TYPE_LABELS = {
    "kamerbrief": "Kamerbrief",
    "kamerstuk": "Kamerstuk",
    "kamervragen": "Kamervragen",
    "nota": "Nota",
    "studie": "Studie of rapport",
    "strategie": "Strategie of actieplan",
    "other": "Overig",
}
CATALOG_HEADER = (
    "# Curator overrides per document, keyed by the file's path relative to corpus/.\n"
    "# Fields: title, doc_type (kamerbrief, kamerstuk, kamervragen, nota, studie, strategie,\n"
    "# other), date (yyyy-mm-dd, or yyyy-mm), kenmerk, author (organisation), source_url.\n"
    "# A value here wins over what is read from the document.\n\n"
)

# --- Kamervragen and briefings ------------------------------------------------------------

NO_QUESTIONS = "Geen genummerde vragen gevonden (verwacht 'Vraag 1', '1.' of '1)')."
# the draft in the ministry's format (present/draft.py): title, headings, the placeholder
DRAFT_ANSWER_TITLE = "Antwoorden op vragen"
DRAFT_PLACEHOLDER = "[Niet gevonden in de documenten — zelf te beantwoorden]"
DRAFT_SOURCES = "Bronnen"
DRAFT_EARLIER_ANSWERS = "Eerdere antwoorden"
DRAFT_OTHER_SOURCES = "Overige bronnen"
DRAFT_SOURCE_NOTE = "[{n}] {reference}: “{quote}”"


def earlier_answer(kenmerk: str | None, numbers: str) -> str:
    """How an answer given before is cited: "Eerder antwoord: Aanhangsel Handelingen II
    2023/24, nr. 2129, antwoord op vraag 8"."""
    several = "," in numbers
    label = (
        f"antwoord op de vragen {_and_list(numbers)}" if several else f"antwoord op vraag {numbers}"
    )
    return f"Eerder antwoord: {kenmerk + ', ' if kenmerk else ''}{label}"


def _and_list(numbers: str) -> str:
    """ "3, 4, 5" -> "3, 4 en 5"."""
    parts = [n.strip() for n in numbers.split(",") if n.strip()]
    return ", ".join(parts[:-1]) + " en " + parts[-1] if len(parts) > 1 else "".join(parts)


def split_summary(vragen) -> str:
    """What the split found, for the writer to check before drafting."""
    numbers = [q.number for q in vragen.questions]
    shared = {q.together for q in vragen.questions if q.together}
    line = f"{len(numbers)} vragen gevonden: {', '.join(numbers)}."
    for together in sorted(shared):
        line += f" Vragen {_and_list(', '.join(together))} zijn samen beantwoord."
    return line + " Controleer de splitsing en pas die zo nodig aan."


def draft_title(asked: str) -> str:
    """ "Antwoorden op vragen van het lid X (Partij) aan de minister … over …"."""
    return f"{DRAFT_ANSWER_TITLE} {asked}" if asked else DRAFT_ANSWER_TITLE


BRIEFING_TITLE = "Briefing: {topic}"
BRIEFING_POINTS = "Kernpunten"
BRIEFING_FIGURES = "Cijfers"
BRIEFING_DIFFERENCES = "Verschillende cijfers"
BRIEFING_SEE_NOTE = "zie Let op"
BRIEFING_NO_DATE = "zonder datum"
EXPORT_AUTHOR = "NLDTIB-assistent"  # the author of every exported Word document


def briefing_left_out(count: int) -> str:
    passages = "passage" if count == 1 else "passages"
    return (
        f"{count} gevonden {passages} weggelaten: standaardteksten (zoals juridische "
        "overwegingen), voetnoten, briefhoofden, inhoudsopgaven en grafieklabels."
    )


def figures_differ(about: str, first: str, a: int, second: str, b: int,
                   order: tuple[int, str | None, int, str | None] | None = None
                   ) -> str:  # fmt: skip
    """Two documents give a different figure for the same thing; `order` is (newer, its
    date, older, its date) when both are dated."""
    text = f"Verschillende cijfers over {about}: {first} [{a}] tegenover {second} [{b}]"
    if order:
        newer, newer_date, older, older_date = order
        text += f"; [{newer}] ({newer_date}) is nieuwer dan [{older}] ({older_date})"
    return text + "."


# --- access -------------------------------------------------------------------------------

EMPTY_PASSWORD = "Een leeg wachtwoord is niet toegestaan."
BAD_USER_NAME = "De gebruikersnaam mag niet leeg zijn of spaties bevatten."
NO_USERS = "Geen gebruikers: niemand zou kunnen inloggen."
PASSWORDS_DIFFER = "De wachtwoorden verschillen."
USERS_FILE_NEEDED = "Geef --users-file of zet users_file in assistant.toml."


def users_file_unreadable(path: object, error: Exception) -> str:
    return f"Gebruikersbestand {path} niet leesbaar: {error}"


def plain_password(name: str, path: object) -> str:
    return f"Gebruiker {name!r} in {path}: alleen wachtwoord-hashes toegestaan."


def users_file_empty(path: object) -> str:
    return f"Gebruikersbestand {path} bevat geen gebruikers."


def expose_without_login(host: str) -> str:
    return (
        f"--host {host} stelt de werkruimte open voor het netwerk: dat kan alleen met "
        "inloggen. Maak gebruikers aan met `python -m assistant user add NAAM` en zet "
        "users_file in assistant.toml (of NLDTIB_USERS_FILE)."
    )


# --- the command line ---------------------------------------------------------------------

CLI_DESCRIPTION = "NLDTIB-beleidsassistent: antwoorden met controleerbare bronnen."
CLI_HELP = {
    "ingest": "documenten indexeren (alleen nieuwe en gewijzigde bestanden)",
    "ask": "een vraag beantwoorden ('-' leest een vraag per regel van stdin)",
    "check": "nagaan of Chroma en de opslag overeenkomen",
    "draft": "conceptantwoorden maken op een set Kamervragen",
    "brief": "kernpunten over een onderwerp uit alle documenten",
    "serve": "de werkruimte (gradio) starten",
    "user": "inloggegevens van een opengestelde werkruimte beheren",
    "user_add": "een gebruiker toevoegen of een nieuw wachtwoord zetten (alleen de hash)",
    "eval": "kwaliteit van zoeken en onthouden meten tegen de basislijnen (vanuit een checkout)",
    "bench": "snelheid van indexeren en vragen, geheugen en indexgrootte (vanuit een checkout)",
    "index_dir": "indexmap (standaard: indexes/)",
    "corpus_dir": "corpusmap (standaard: corpus/)",
    "paths": "bestanden of mappen (standaard: corpus/)",
    "json": "druk één JSON-object af",
    "json_each": "één JSON-object per vraag",
    "rebuild": "alles opnieuw indexeren en embedden",
    "no_fill": "de trage E5-vectoren overlaten aan de werkruimte of de volgende ingest",
    "question": "de vraag, of '-' voor een vraag per regel van stdin",
    "top_k": "aantal bronnen (standaard 5)",
    "doc_type": "alleen documenten van dit type (mag vaker)",
    "date_from": "alleen documenten vanaf deze datum (2026-04-15, 15-4-2026 of 15 april 2026)",
    "date_to": "alleen documenten tot en met deze datum",
    "document": "alleen dit document (pad in het corpus; mag vaker)",
    "mode": "extractive (standaard) of generative (vraagt llm_*-instellingen)",
    "repair": "herstel wat niet overeenkomt",
    "file": ".txt, .md, .docx of .pdf ('-' leest stdin)",
    "out_draft": "schrijf de conceptantwoorden ook naar dit .docx-bestand",
    "topic": "het onderwerp",
    "out_brief": "schrijf de briefing ook naar dit .docx-bestand",
    "host": "adres om op te luisteren (standaard alleen deze computer)",
    "port": "poort (standaard 7860)",
    "user_name": "gebruikersnaam",
    "users_file": "gebruikersbestand (standaard: users_file uit de instellingen)",
    "password_stdin": "lees het wachtwoord van stdin",
    "corpus_only": "sla de meting met afleiders over",
    "no_baselines": "meet alleen de assistent",
    "configs": "vergelijk zoekconfiguraties (op de eigen vragenset)",
    "sets": (
        "welke vragensets: current (eigen set, met afleiders), real (echte documenten, dev en "
        "test), offtopic (Kamervragen tegen de seeds), metadata (titel, type, datum, kenmerk en "
        "auteur van de echte documenten tegen met de hand geschreven waarden); standaard alle"
        " vier; kamervragen (splitsen, eerdere antwoorden vinden, onthouden zonder de eigen set)"
        " alleen op verzoek"
    ),
    "limit": "alleen de eerste N vragen per set of split (rooktest)",
    "chunks": "corpusgroottes in fragmenten (standaard: 1000 10000 100000)",
    "no_reference": "sla de llama-index-referentie over",
    "no_pdf": "sla de meting van PDF-pagina's per seconde over",
}
ASK_STDIN = "Stel een vraag per regel (Ctrl-D stopt)."
FILL_LABEL = "E5-vectoren"
PASSWORD_AGAIN = "Nogmaals: "
HARNESS_MISSING = (
    "eval en bench draaien vanuit een checkout van de repository: start ze in de map met "
    "eval/ (daar staan de vragen en het meetharnas)."
)


def cli_error(error: Exception) -> str:
    return f"fout: {error}"


def page_progress(name: str, page: int, pages: int) -> str:
    return f"  {name}: pagina {page}/{pages}"


def ingest_summary(report) -> str:
    return (
        f"{report.documents} documenten, {report.chunks} fragmenten: {report.added} nieuw, "
        f"{report.updated} bijgewerkt, {report.unchanged} ongewijzigd, "
        f"{report.removed} verwijderd, {len(report.failed)} mislukt"
    )


def ingest_failure(path: str, error: str) -> str:
    return f"  MISLUKT {path}: {error}"


def ingest_warning(path: str, note: str) -> str:
    return f"  LET OP {path}: {note}"


def fill_started(pending: int) -> str:
    return f"E5-vectoren berekenen voor {pending} fragmenten…"


def fill_interrupted(pending: int) -> str:
    return (
        f"\nonderbroken: {pending} fragmenten zonder E5-vector; de volgende ingest of de "
        "werkruimte gaat verder"
    )


def user_saved(name: str, path: object) -> str:
    return f"gebruiker {name} opgeslagen in {path} (alleen de hash)"


def password_prompt(name: str) -> str:
    return f"Wachtwoord voor {name}: "


# argparse's own words (it looks `_` up in its module when it formats a message).
_ARGPARSE = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "expected one argument": "verwacht één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "ambiguous option: %(option)s could match %(matches)s": (
        "dubbelzinnige optie: %(option)s kan %(matches)s zijn"
    ),
}


def dutch_argparse() -> None:
    """Make argparse's usage, help and error lines Dutch."""
    import argparse

    argparse._ = lambda text: _ARGPARSE.get(text, text)


# --- the workspace ------------------------------------------------------------------------

KENMERK = "kenmerk"


def open_document(page: int | None) -> str:
    return f"open document op p. {page}" if page else "open document"


UI_TITLE = "NLDTIB-beleidsassistent"
UI_INTRO = (
    "# NLDTIB-beleidsassistent\n"
    "Stel een vraag over de geïndexeerde studies, nota's en Kamerbrieven. Elk antwoord "
    "verwijst met [n] naar een passage die u kunt controleren en citeren. Staat het er "
    "niet in, dan zegt de assistent dat."
)
UI_ASK_FIRST = "Typ eerst een vraag."
UI_NO_ANSWER_YET = "Stel eerst een vraag."
UI_CHOOSE_FILES = "Kies eerst een of meer bestanden."
UI_CHOOSE_DOCUMENT = "Kies een document."
UI_SPLIT_FIRST = "Splits eerst de vragen."
UI_TOPIC_FIRST = "Geef een onderwerp."
UI_ANSWER_HEADING = "### Antwoord"


def upload_summary(report) -> str:
    return (
        f"**{report.added} toegevoegd, {report.updated} bijgewerkt, "
        f"{report.unchanged} ongewijzigd, {len(report.failed)} mislukt.**"
    )


def upload_failure(path: str, error: str) -> str:
    return f"- ❌ `{path}`: {error}"


def upload_warning(path: str, note: str) -> str:
    return f"- ⚠️ `{path}`: {note}"


def upload_pending(pending: int) -> str:
    return (
        "De documenten zijn doorzoekbaar. Op de achtergrond wordt het zoeken op betekenis"
        f" nog aangevuld ({pending} passages); tot dat klaar is, vindt de assistent in deze"
        " documenten vooral passages met dezelfde woorden als de vraag."
    )


def indexing(name: str) -> str:
    return f"Indexeren: {name}"


def removed(title: str) -> str:
    return f"“{title}” is verwijderd uit de documenten en uit de corpusmap."


def metadata_saved(path: str) -> str:
    return f"Metadata van `{path}` opgeslagen."


UI_LABELS = {
    "question": "Vraag",
    "question_placeholder": (
        "Bijv.: Welk bureau voerde het onderzoek naar de NLDTIB uit? (Enter verstuurt,"
        " Shift+Enter begint een nieuwe regel)"
    ),
    "conversation": "Gesprek",
    "ask": "Vraag stellen",
    "filters": "Filters",
    "doc_type": "Documenttype",
    "date_from": "Datum vanaf (bijv. 15-4-2026, 15 april 2026 of 2026-04-15)",
    "date_to": "Datum t/m",
    "new_conversation": "Nieuw gesprek",
    "documents": "Alleen deze documenten",
    "export_md": "Exporteer als Markdown",
    "export_docx": "Exporteer als Word (.docx)",
    "download": "Download",
    "sources_heading": "Bronnen",
    "viewer_close": "Sluiten",
    "viewer_download": "Download het hele document",
    "confirm_remove": "Ja, verwijderen",
    "cancel": "Annuleren",
    "tab_questions": "Vragen",
    "tab_documents": "Documenten",
    "tab_kamervragen": "Kamervragen",
    "tab_briefing": "Briefing",
    "table_headers": ["Bestand", "Titel", "Type", "Datum", "Kenmerk", "Passages"],
    "indexed_documents": "Geïndexeerde documenten",
    "upload": "Documenten toevoegen (PDF, txt, md, docx)",
    "upload_button": "Toevoegen en indexeren",
    "document": "Document",
    "title": "Titel",
    "type": "Type",
    "date": "Datum (jjjj-mm-dd)",
    "kenmerk": "Kenmerk",
    "save_meta": "Metadata opslaan",
    "remove": "Document verwijderen",
    "kamervragen_intro": (
        "Plak een set schriftelijke vragen of upload het bestand. Controleer de splitsing"
        " (pas tekst aan of leeg een rij), en laat per vraag een conceptantwoord maken."
    ),
    "kamervragen_text": "Kamervragen (tekst)",
    "kamervragen_file": "of een bestand",
    "split": "Splits vragen",
    "header": "Kop (wie vraagt wie waarover)",
    "split_headers": ["Nr", "Vraag", "Hoofdvraag"],
    "split_table": "Gesplitste vragen",
    "draft": "Maak conceptantwoorden",
    "draft_file": "Conceptantwoorden (.docx en .md)",
    "topic": "Onderwerp",
    "topic_placeholder": "Bijv.: financiering defensie-industrie",
    "brief": "Maak briefing",
    "brief_file": "Briefing (.docx)",
}

# The conversation, its sources and the document viewer (workspace).
UI_ERROR_TITLE = "Fout"
# gradio titles its notices with their type in English, whatever the language: replaced by CSS
UI_TOAST_TITLES = {
    "error": "Fout",
    "warning": "Waarschuwing",
    "info": "Melding",
    "success": "Gelukt",
}
UI_UNEXPECTED = (
    "Er ging iets mis bij het uitvoeren van deze opdracht. Probeer het opnieuw; blijft het"
    " misgaan, meld het dan aan de beheerder."
)
UI_FOUND_TOO = "Ook gevonden"
UI_FOUND_TOO_NOTE = "Passages die de assistent vond maar niet in het antwoord gebruikt."
UI_NO_SOURCES = "De bronnen van een antwoord verschijnen hier."
UI_OPEN_AT = "Toon de passage in het document"
UI_DOCUMENT_GONE = "Dit document staat niet meer in de documenten."
UI_QUOTE_NOT_FOUND = "De passage is op deze pagina niet precies terug te vinden."
UI_FILTERS = "Filters"
UI_NO_FILTERS = "geen: alle documenten"
UI_TYPES = "type"
UI_FROM = "vanaf"
UI_TO = "t/m"
UI_DOCUMENTS = "documenten"
UI_NOTHING_MATCHES = "geen enkel document voldoet aan deze filters"
UI_PROGRESS_UNIT = "bestanden"
UI_PROGRESS_QUESTIONS = "vragen"
UI_NO_DOCUMENTS_YET = "Nog geen documenten."


def documents_matching(count: int) -> str:
    return f"{count} document voldoet" if count == 1 else f"{count} documenten voldoen"


def download_file(name: str) -> str:
    return f"Download {name}"


def viewer_title(title: str, page_ref: str | None) -> str:
    return f"### {title}" + (f" — {page_ref}" if page_ref else "")


def confirm_removal(title: str, path: str) -> str:
    return (
        f"**“{title}” verwijderen?** Het bestand `{path}` wordt uit de corpusmap gewist en de"
        " assistent gebruikt het niet meer. Dit is niet ongedaan te maken."
    )


# gradio's own texts that its Dutch translation lacks (keys of gradio's i18n dictionary)
GRADIO_NL = {
    "common.error": "Fout",
    "common.info": "Melding",
    "common.warning": "Waarschuwing",
    "common.loading": "Laden",
    "common.clear": "Wissen",
    "common.download": "Downloaden",
    "common.remove": "Verwijderen",
    "common.settings": "Instellingen",
    "common.built_with_gradio": "Gemaakt met Gradio",
    "common.stop": "Stoppen",
    "errors.use_via_api": "Gebruik via API",
    "upload_text.drop_file": "Sleep een bestand hierheen",
    "upload_text.click_to_upload": "Klik om te kiezen",
    "chatbot.copy_message": "Bericht kopiëren",
}
# gradio's English tooltips and screen-reader labels that no translation covers (an exact
# value, or a prefix ending in ": ")
GRADIO_ATTRIBUTES_NL = {
    "Fullscreen": "Volledig scherm",
    "Exit fullscreen mode": "Volledig scherm sluiten",
    "Copy table data": "Tabel kopiëren",
    "Table actions": "Tabelacties",
    "Open cell menu": "Celmenu openen",
    "Add row": "Rij toevoegen",
    "Empty value": "Leeg",
    "File upload": "Bestand uploaden",
    "Click to upload or drop files": "Klik om bestanden te kiezen of sleep ze hierheen",
    "Gradio footer navigation": "Voettekst",
    "More tabs": "Meer tabbladen",
    "chatbot conversation": "gesprek",
    "Download": "Downloaden",
    "Share": "Delen",
    "Close": "Sluiten",
    "Clear": "Wissen",
    "Copy": "Kopiëren",
    "Copied": "Gekopieerd",
    "bot's message: ": "antwoord: ",
    "user's message: ": "vraag: ",
}
