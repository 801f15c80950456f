from __future__ import annotations

import pytest

from newsgraph.analyze import nlp as nlp_module
from newsgraph.analyze.nlp import DEFAULT_MODELS, ENV_VAR, ModelNotFound, load_model, model_names


def test_load_model_twice_returns_the_same_object(nlp):
    assert load_model() is nlp
    assert load_model() is load_model()


def test_naming_the_default_model_shares_the_loaded_object(nlp):
    package = f"{nlp.meta['lang']}_{nlp.meta['name']}"  # en_core_web_sm or its PyPI re-upload
    assert package in DEFAULT_MODELS
    assert load_model(package) is nlp


def test_default_pipeline_keeps_ner_parser_and_tagger_and_switches_off_the_rest(nlp):
    assert {"ner", "parser", "tok2vec", "tagger"} <= set(nlp.pipe_names)
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.disabled)  # loaded, so can be enabled
    doc = nlp("Obama wrote a letter. Khamenei did not reply.")
    assert doc.has_annotation("DEP") and doc.has_annotation("TAG")
    assert len(list(doc.sents)) == 2
    assert "Obama" in [e.text for e in doc.ents]


def test_model_names_precedence(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert model_names() == DEFAULT_MODELS
    monkeypatch.setenv(ENV_VAR, "from_env")
    assert model_names() == ("from_env",)
    assert model_names("from_argument") == ("from_argument",)


def test_bad_name_is_a_clear_error_and_downloads_nothing(monkeypatch):
    import spacy.cli

    def no_download(*args, **kwargs):
        raise AssertionError("load_model tried to download a model")

    monkeypatch.setattr(spacy.cli, "download", no_download)
    with pytest.raises(ModelNotFound) as raised:
        load_model("en_no_such_model_xx")
    message = str(raised.value)
    assert "en_no_such_model_xx" in message and ENV_VAR in message and "pip install" in message
    assert isinstance(raised.value, OSError)


def test_bad_name_from_the_environment(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "en_from_env_missing")
    with pytest.raises(ModelNotFound, match="en_from_env_missing"):
        load_model()


def test_a_failed_load_is_not_cached():
    with pytest.raises(ModelNotFound):
        load_model("en_no_such_model_yy")
    assert not any("en_no_such_model_yy" in names for names, _ in nlp_module._cache)


def test_a_hyphen_after_an_abbreviation_splits(nlp):
    tokens = [t.text for t in nlp("The U.S.-led coalition met at the U.S.-Mexico border; a well-known fact.")]
    assert tokens[1:4] == ["U.S.", "-", "led"]
    assert tokens[8:11] == ["U.S.", "-", "Mexico"]
    assert "well-known" not in tokens and "well" in tokens  # spaCy's own infixes still apply
