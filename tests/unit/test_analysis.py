from assistant.text.analysis import Analyzer, fold, split_compound, stem

PLAIN = Analyzer(stemming=False, compounds=True, split_closed=False)  # the default analyser


def test_the_three_spellings_of_a_compound_meet_in_the_index():
    indexed = set(PLAIN("De Nederlandse defensie-industrie groeit."))
    assert {"defensie", "industrie", "defensieindustrie"} <= indexed
    for typed in ("defensie industrie", "defensieindustrie", "Defensie-Industrie"):
        assert set(PLAIN(typed)) & indexed, typed
    assert "defensieindustrie" not in Analyzer(compounds=False)("defensie-industrie")


def test_accents_are_folded_and_stop_words_dropped():
    assert fold("Financiële enquête") == "financiele enquete"
    assert PLAIN("Er zijn bij de brief geen financiële overwegingen") == [
        "brief",
        "financiele",
        "overwegingen",
    ]
    assert PLAIN("Which bureau did the study?") == ["bureau", "study"]


def test_stemming_leaves_the_words_snowball_mangles():
    assert stem("gegevens") != stem("geven")
    assert stem("onderzoeken") == stem("onderzoek")


def test_closed_compounds_split_only_into_common_words_and_names_stay_whole():
    assert split_compound("defensiematerieel") == ("defensie", "materieel")
    assert split_compound("onderzoeksbureau") == ("onderzoek", "bureau")
    assert split_compound("industrie") == ()
    splitting = Analyzer(stemming=False, split_closed=True)
    assert splitting("onderzoeksbureau") == ["onderzoeksbureau", "onderzoek", "bureau"]
    assert splitting("Berenschot") == ["berenschot"]
