"""A question's premise against the passage that corrects it: the contradictions read in
plain text, and the answer that says so instead of quoting the correction as an answer."""

import pytest
from fakes import fake_answerability

from assistant import messages
from assistant.answer.answerability import AnswerabilityJudge
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.premise import Conflict, premise_conflict, presupposed_event, states
from assistant.models import Chunk, DocumentMeta, Evidence, Query

AREAS = "Ambities op de 5 NLD gebieden zijn begin 2025 door de ministeries opgesteld."
SECFUND = (
    "Een voorbeeld hiervan is het SecFund, een fonds – ondergebracht bij de Brabantse "
    "Ontwikkelingsmaatschappij - dat is ingericht om financieringsknelpunten te verminderen."
)
EKV = "Het kabinet overweegt niet om de exportkredietverzekeringen in te trekken voor de projecten."


def test_a_figure_attached_to_the_counted_thing():
    question = "Kunt u toelichten waarom de D-SII zich op zeven NLD gebieden richt?"
    assert premise_conflict(question, AREAS) == Conflict("zeven NLD gebieden", "5 NLD gebieden")
    assert premise_conflict("Waarom richt de D-SII zich op vijf NLD gebieden?", AREAS) is None
    # a passage naming the asked figure too does not contradict it
    both = AREAS + " Eerder waren het zeven NLD gebieden."
    assert premise_conflict(question, both) is None
    # an amount is no count of the next word, and a year no figure (years are the judge's)
    assert premise_conflict("Waarom kost het 3 miljoen euro?", "Het kost 4 miljoen euro.") is None
    nota = "De nota uit 2023 noemt drie ambities."
    assert premise_conflict("Waarom noemt de nota uit 2024 drie ambities?", nota) is None


def test_the_part_of_the_year():
    agenda = "Begin 2026 wordt de STRAIIK-D 2026 gepubliceerd met de terugblik op 2025."
    question = "Kunt u toelichten waarom de STRAIIK-D 2026 pas eind 2026 wordt gepubliceerd?"
    assert premise_conflict(question, agenda) == Conflict("eind 2026", "Begin 2026")
    assert premise_conflict(question.replace("eind", "begin"), agenda) is None
    # another year, or a passage naming both parts, is no contradiction
    assert premise_conflict(question.replace("2026 wordt", "2027 wordt"), agenda) is None
    both = agenda + " Eind 2026 volgt de evaluatie."
    assert premise_conflict(question, both) is None


def test_dates_and_measures_are_not_counts():
    # read on the answered Kamervragen: another date or distance is no contradiction
    assert (
        premise_conflict("Is de intocht op 25 november afgelast?", "AD, 17 november 2023.") is None
    )
    distance = "Binnen de aanbevolen veiligheidsafstand van 400 meter wonen honderden mensen."
    assert premise_conflict("Mag opslag op acht meter afstand staan?", distance) is None


def test_a_name_in_the_same_role():
    question = "Waarom is het beheer van het SecFund ondergebracht bij Invest-NL?"
    conflict = premise_conflict(question, SECFUND)
    assert conflict == Conflict(
        "ondergebracht bij Invest-NL", "ondergebracht bij Brabantse Ontwikkelingsmaatschappij"
    )
    assert premise_conflict(question.replace("Invest-NL", "het NLR"), SECFUND) is not None
    named = "Het SecFund is ondergebracht bij de Brabantse Ontwikkelingsmaatschappij."
    assert premise_conflict("Waarom is het ondergebracht bij de Brabantse?", named) is None
    # an acronym or the initials of the passage's name, and run-together words, are the same
    ezk = "Tweejaarlijks laat het ministerie van Economische Zaken en Klimaat (EZK) onderzoek doen."
    assert premise_conflict("Waarom laat het ministerie van EZK dit onderzoek doen?", ezk) is None
    run = "De eerste regelgeving van U-spacevan kracht geworden."
    assert premise_conflict("Waarom kwam de regelgeving van U-space pas in 2023?", run) is None
    drc = "Dit betekent vertraging van DRC. Er zijn meer oorzaken."
    assert (
        premise_conflict("Waarom loopt de vertraging van de Delta Rhine Corridor op?", drc) is None
    )
    # partners add up, a figure or an adjective of nationality is no name
    partners = "Defensie zoekt samenwerking met TNO."
    assert premise_conflict("Waarom zoekt Defensie samenwerking met VDL Nedcar?", partners) is None
    turnover = "De omzet van 7 bedrijven en de omzet van Europese defensiebedrijven groeit."
    assert premise_conflict("Waarom groeit de omzet van NLDTIB-bedrijven?", turnover) is None


def test_a_name_is_a_premise_only_where_the_question_takes_it_for_granted():
    minister = "De minister van Defensie besluit over de aanschaf."
    assert premise_conflict("Waarom besluit de minister van EZK over de aanschaf?", minister)
    assert premise_conflict("Klopt het dat de minister van EZK besluit?", minister)
    # asked what someone does, a passage on someone else is about someone else
    assert premise_conflict("Wat vraagt de Kamer aan de minister van EZK?", minister) is None


def test_the_main_verb_denied():
    question = "Waarom heeft het kabinet besloten de exportkredietverzekeringen in te trekken?"
    conflict = premise_conflict(question, EKV)
    assert conflict is not None and conflict.stated.startswith("niet om")
    assert conflict.stated.endswith("trekken")
    # a question that denies itself, or an English one, is not read this way
    assert premise_conflict("Waarom wil het kabinet ze niet in te trekken?", EKV) is None
    assert premise_conflict(question, EKV, english=True) is None
    # "geen" denies a noun, and a question ending on a noun has no verb to deny
    assert premise_conflict("Waarom wil het kabinet de stroomtekorten voorkomen?",
                            "Er is geen aanleiding voor ingrijpen.") is None  # fmt: skip
    quantum = "Sommige systemen kunnen niet migreren naar quantumveilige cryptografie."
    assert premise_conflict("Welke risico's ziet u op het gebied van quantum?", quantum) is None
    # the source named at the end is not the verb
    sourced = "Waarom besloot het kabinet tot intrekken, volgens de beantwoording?"
    assert premise_conflict(sourced, "Het kabinet heeft de beantwoording niet verstuurd.") is None


def _evidence(quote: str) -> Evidence:
    chunk = Chunk("id", "doc.txt", 0, quote, 1, "Kernpunten", 0, len(quote))
    return Evidence(chunk, quote, 1.0, DocumentMeta(title="D-SII", date="2025-01-01"))


def test_the_correction_is_not_quoted_as_the_answer():
    answerer = ExtractiveAnswerer(AnswerabilityJudge(lambda t: True, model=fake_answerability()))
    question = "Kunt u toelichten waarom de D-SII zich op zeven NLD gebieden richt?"
    answer = answerer(Query(question, question, "nl"), [_evidence(AREAS)])
    correction = messages.contradicted("zeven NLD gebieden", "5 NLD gebieden", 1)
    assert answer.abstained and answer.answer == correction
    assert answer.notes == [messages.REASON_CONTRADICTED] and answer.corrects
    assert answer.citations[0].quote == AREAS  # the correcting passage stays listed
    # the same passage answers the question that has its figure right
    right = "Kunt u toelichten waarom de D-SII zich op 5 NLD gebieden richt?"
    assert not answerer(Query(right, right, "nl"), [_evidence(AREAS)]).abstained


def test_klopt_het_dat_is_answered_by_the_passage_that_says_otherwise():
    answerer = ExtractiveAnswerer(AnswerabilityJudge(lambda t: True, model=fake_answerability()))
    question = "Klopt het dat de D-SII zich op zeven NLD gebieden richt?"
    answer = answerer(Query(question, question, "nl"), [_evidence(AREAS)])
    opening = messages.contradicted("zeven NLD gebieden", "5 NLD gebieden", 1)
    assert not answer.abstained and answer.answer == f"{opening} “{AREAS}” [1]"
    assert answer.notes == [messages.REASON_CONTRADICTED] and answer.corrects
    english = "Is it true that the D-SII focuses on seven NLD areas?"
    areas = "Ambitions for the 5 NLD areas were drawn up in early 2025."
    answer = answerer(Query(english, english, "en"), [_evidence(areas)])
    opening = messages.contradicted("seven NLD areas", "5 NLD areas", 1, english=True)
    assert not answer.abstained and answer.answer == f"{opening} “{areas}” [1]"


def test_the_event_a_why_takes_for_granted():
    assert presupposed_event("Waarom is de Drone Council Nederland in 2021 opgeheven?") == (
        "opgeheven"
    )
    assert presupposed_event("Kunt u toelichten waarom de Taskforce is ingesteld?") == "ingesteld"
    assert presupposed_event("Waarom heeft Defensie de samenwerking beëindigd?") == "beëindigd"
    # no completed event: a present tense, a denied event, a light verb whose event is elsewhere
    assert presupposed_event("Waarom investeert Defensie in drones?") is None
    assert presupposed_event("Waarom is het fonds niet gestopt?") is None
    assert presupposed_event("Waarom werd de markt beperkt interessant gevonden?") is None
    # asked "when", only an ending is taken for granted: other events are dated in other words
    assert presupposed_event("Wanneer wordt het SecFund opgeheven?") == "opgeheven"
    assert presupposed_event("In welk jaar is de samenwerking beëindigd?") == "beëindigd"
    assert presupposed_event("Wanneer is de Sectoragenda gepubliceerd?") is None
    assert presupposed_event("Wanneer gaat de financieringstafel van start?") is None
    # a decision takes the ending it decides on for granted, unless it is denied
    decided = "Waarom heeft het kabinet besloten de verzekering voor het project in te trekken?"
    assert presupposed_event(decided) == "in te trekken"
    assert presupposed_event("Waarom is besloten om het SecFund te stoppen?") == "te stoppen"
    assert presupposed_event("Waarom is besloten de verzekering niet in te trekken?") is None
    assert presupposed_event("Waarom heeft het kabinet besloten te investeren?") is None
    assert states("in te trekken", "De verzekering is in 2024 ingetrokken.")
    assert not states("te stoppen", "Het SecFund gaat in 2025 van start.")
    # the verb without its prefix and ge- counts ("kondigde … aan"), another verb does not
    assert states("aangekondigd", "ASR kondigde in december 2024 aan dat het zou investeren.")
    assert states("gestopt", "Het fonds stopte in 2023 met nieuwe investeringen.")
    assert states("beëindigd", "De beëindiging van de samenwerking volgt in 2026.")
    assert not states("opgeheven", "De Drone Council brengt partijen bij elkaar.")
    # a strong or separable verb's ending stated by its infinitive (apart or not) or its noun
    assert states("ingetrokken", "Het kabinet besluit de verzekering in te trekken.")
    assert states("opgeheven", "Na de opheffing van het fonds gaan de taken naar het NLR.")
    assert not states("ingetrokken", "Het kabinet besluit de verzekering te verlengen.")


def test_the_ending_an_english_question_takes_for_granted():
    assert presupposed_event("Why did the Netherlands withdraw from DIANA in 2025?", True) == (
        "withdraw"
    )
    assert presupposed_event("Why was the drone programme abolished in 2022?", True) == (
        "abolished"
    )
    assert presupposed_event("When will the SecFund be discontinued?", True) == "discontinued"
    # only an ending, not denied; "end" as a noun is no event
    assert presupposed_event("Why did the cabinet set up the SecFund?", True) is None
    assert presupposed_event("Why didn't ASR stop investing?", True) is None
    assert presupposed_event("Why was the fund set up at the end of 2023?", True) is None
    # Dutch rules are not read in English and English ones not in Dutch
    assert presupposed_event("Why was the fund opgeheven?", True) is None
    assert presupposed_event("Waarom is het fonds abolished?") is None
    # stated in English, or by the Dutch participle of the same ending
    assert states("withdraw", "The Netherlands withdrew from the accelerator.")
    assert states("abolished", "Het programma is in 2022 afgeschaft.")
    assert states("stop", "ASR stopte in 2024 met investeren.")
    assert states("withdrawn", "De staat kan een verzekering intrekken als de voorwaarden …")
    assert not states("withdraw", "Nederland neemt deel aan DIANA.")


@pytest.mark.parametrize(
    ("question", "other", "stated"),
    [
        ("Waarom is de Drone Council Nederland in 2021 opgeheven?",
         "De Drone Council Nederland is in 2021 opgericht en brengt partijen bij elkaar.",
         "De Drone Council Nederland is in 2021 opgeheven omdat de taken naar het NLR gingen."),
        # asked when, an ending is taken for granted too
        ("Wanneer wordt het SecFund opgeheven?",
         "Het SecFund start in 2025 met een fondsvermogen van 25 miljoen euro.",
         "Het SecFund wordt in 2030 opgeheven, zodra de laatste investering is afgerond."),
        # asked in English of a Dutch passage
        ("Why was the Drone Council Nederland abolished in 2021?",
         "De Drone Council Nederland is in 2021 opgericht en brengt partijen bij elkaar.",
         "De Drone Council Nederland is in 2021 opgeheven omdat de taken naar het NLR gingen."),
        # the event stated of another body confirms nothing about this one
        ("Waarom is de Drone Council Nederland in 2021 opgeheven?",
         "Het Space Office is in 2021 opgeheven.",
         "De Drone Council Nederland is in 2021 opgeheven omdat de taken naar het NLR gingen."),
    ],
)  # fmt: skip
def test_an_event_no_passage_states_is_not_answered(question, other, stated):
    # every term in one chunk, so the question's rarest term is its first subject term
    judge = AnswerabilityJudge(lambda t: True, document_frequency=lambda term: 1,
                               model=fake_answerability())  # fmt: skip
    answerer = ExtractiveAnswerer(judge)
    lang = "en" if question.startswith("Why") else "nl"
    event = "abolished" if lang == "en" else "opgeheven"
    answer = answerer(Query(question, question, lang), [_evidence(other)])
    assert answer.abstained and answer.answer == messages.unconfirmed(event, lang == "en")
    assert answer.notes == [messages.REASON_UNCONFIRMED] and not answer.corrects
    assert answer.citations[0].quote == other  # still listed as possibly relevant
    # the passage that states the event answers
    answer = answerer(Query(question, question, lang), [_evidence(other), _evidence(stated)])
    assert not answer.abstained and answer.answer.count("[") == 1 and "[2]" in answer.answer
