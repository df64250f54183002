from pathlib import Path

import pytest

from assistant.config import Settings, load_settings


def test_file_then_environment_then_overrides(tmp_path: Path, monkeypatch):
    file = tmp_path / "assistant.toml"
    file.write_text('[assistant]\ntop_k = 7\nweight_st = 0.0\nindex_dir = "/data/idx"\n')
    monkeypatch.setenv("NLDTIB_TOP_K", "9")
    monkeypatch.setenv("NLDTIB_USE_MULTILINGUAL_LEG", "false")
    settings = load_settings(file, corpus_dir=tmp_path)
    assert settings.top_k == 9 and settings.weight_st == 0.0
    assert settings.index_dir == Path("/data/idx") and settings.corpus_dir == tmp_path
    assert settings.use_multilingual_leg is False


def test_invalid_settings_are_refused(tmp_path: Path):
    file = tmp_path / "assistant.toml"
    file.write_text("[assistant]\ntop_kk = 3\n")
    with pytest.raises(ValueError, match="unknown setting"):
        load_settings(file)
    with pytest.raises(ValueError, match="answer_mode"):
        Settings(answer_mode="creative")
    with pytest.raises(ValueError, match="top_k"):
        Settings(top_k=0)
    with pytest.raises(ValueError, match="question_term_weight"):
        Settings(question_term_weight=0)
    with pytest.raises(ValueError, match="no retrieval leg"):
        Settings(weight_lexical=0, use_multilingual_leg=False, e5_leg=False)


def test_leg_weights_count_only_for_legs_switched_on():
    settings = Settings()
    assert settings.dense_legs == ("use", "e5")
    assert settings.leg_weight("st") == 0.0 and settings.leg_weight("use") > 0
    with_minilm = Settings(sentence_transformer_leg=True)
    assert with_minilm.dense_legs == ("use", "st", "e5") and with_minilm.leg_weight("st") > 0
    assert Settings(e5_leg=False).leg_weight("e5") == 0.0
