"""Retrieval configurations compared by `python -m assistant eval --configs`: the default
and one change to it per row (settings overrides). Dense legs are shared between rows; a
lexical variant only re-analyses the BM25 tables. The figures of each round, including
configurations since retired, are in eval/README.md.
"""

from __future__ import annotations

_ALONE = dict(weight_lexical=0, weight_use=0, weight_st=0, weight_e5=0, weight_document=0)

CONFIGS: dict[str, dict] = {
    "BM25 only": {**_ALONE, "weight_lexical": 1},
    "USE only": {**_ALONE, "weight_use": 1},
    "E5 only": {**_ALONE, "weight_e5": 1},
    "MiniLM only": {**_ALONE, "weight_st": 1, "sentence_transformer_leg": True},
    "BM25+E5 0.5/0.5, prior 0.5, question terms 3x (default)": {},
    "  + question terms 1x (as much as their expansions)": {"question_term_weight": 1},
    "  + question terms 2x their expansions": {"question_term_weight": 2},
    "  + question terms 4x their expansions": {"question_term_weight": 4},
    "  + USE 0.25 beside E5": {"e5_replaces_use": False, "weight_use": 0.25},
    "  + MiniLM 0.25": {"sentence_transformer_leg": True},
    "  + English questions not routed to the dense legs": {"english_to_use": False},
    "  + no query expansion": {"expansion_min_similarity": 1.0},
    "  + no document prior": {"weight_document": 0},
    "  + document prior 1.0": {"weight_document": 1.0},
    "  + no in-document pass": {"prior_documents": 0},
    "  + BM25 with Snowball stemming": {"lexical_stemming": True},
    "  + hyphenated compounds not joined": {"lexical_compounds": False},
    "  + closed compounds also split": {"lexical_split_closed_compounds": True},
    "  + BM25 weight 0.4": {"weight_lexical": 0.4},
    "  + BM25 weight 0.6": {"weight_lexical": 0.6},
}
