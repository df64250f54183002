from pathlib import Path

import pytest

from assistant import messages
from assistant.config import ANSWER_MODES, Settings, load_settings
from assistant.index import legs


def test_file_then_environment_then_overrides(tmp_path: Path, monkeypatch):
    file = tmp_path / "assistant.toml"
    file.write_text('[assistant]\ntop_k = 7\nweight_st = 0.0\nindex_dir = "/data/idx"\n')
    monkeypatch.setenv("NLDTIB_TOP_K", "9")
    monkeypatch.setenv("NLDTIB_USE_MULTILINGUAL_LEG", "false")
    settings = load_settings(file, corpus_dir=tmp_path)
    assert settings.top_k == 9 and settings.weight_st == 0.0
    assert settings.index_dir == Path("/data/idx") and settings.corpus_dir == tmp_path
    assert settings.use_multilingual_leg is False


def _refused(make, message: str) -> None:
    """`make()` raises a ValueError whose text is exactly the Dutch `message`."""
    with pytest.raises(ValueError) as raised:
        make()
    assert str(raised.value) == message


def test_invalid_settings_are_refused_in_dutch(tmp_path: Path):
    file = tmp_path / "assistant.toml"
    file.write_text("[assistant]\ntop_kk = 3\n")
    _refused(lambda: load_settings(file), "Onbekende instelling(en): top_kk.")
    _refused(
        lambda: Settings(answer_mode="creative"),
        messages.setting_choice("answer_mode", ANSWER_MODES),
    )
    _refused(lambda: Settings(top_k=0), "Instelling top_k moet minstens 1 zijn.")
    _refused(
        lambda: Settings(question_term_weight=0),
        messages.setting_at_least("question_term_weight", 1),
    )
    _refused(lambda: Settings(weight_e5=-1), messages.negative_settings(["weight_e5"]))
    _refused(lambda: Settings(rerank_depth=-1), messages.negative_settings(["rerank_depth"]))
    _refused(lambda: Settings(chroma_port=0), messages.port_out_of_range(0))
    bad_number = tmp_path / "bad.toml"
    bad_number.write_text('[assistant]\ntop_k = "veel"\n')
    with pytest.raises(ValueError, match=r"^Ongeldige waarde in de instellingen: "):
        load_settings(bad_number)
    # settings in which no leg counts are refused where the legs are weighed
    nothing = Settings(weight_lexical=0, use_multilingual_leg=False, e5_leg=False)
    _refused(lambda: legs.weights(nothing), messages.NO_RETRIEVAL_LEG)


def test_leg_weights_count_only_for_legs_switched_on():
    settings = Settings()
    assert [leg.name for leg in legs.dense_legs(settings)] == [legs.USE, legs.E5]
    weights = legs.weights(settings)
    assert weights[legs.MINILM] == 0.0 and weights[legs.USE] == settings.weight_use > 0
    with_minilm = Settings(sentence_transformer_leg=True)
    assert [leg.name for leg in legs.dense_legs(with_minilm)] == [legs.USE, legs.MINILM, legs.E5]
    assert legs.weights(with_minilm)[legs.MINILM] == with_minilm.weight_st > 0
    assert legs.weights(Settings(e5_leg=False))[legs.E5] == 0.0
