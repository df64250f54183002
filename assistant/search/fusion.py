"""Pure scoring functions for fusing the legs' ranked lists."""

from __future__ import annotations

Ranked = list[tuple[str, float]]  # (key, score) best first


def min_max(scores: Ranked) -> dict[str, float]:
    """Scores scaled to 0..1 within one leg's list (all 1 when they are equal)."""
    if not scores:
        return {}
    values = [s for _, s in scores]
    low, high = min(values), max(values)
    if high - low < 1e-9:
        return {key: 1.0 for key, _ in scores}
    return {key: (s - low) / (high - low) for key, s in scores}


def fuse(per_leg: dict[str, Ranked], weights: dict[str, float]) -> dict[str, float]:
    """Weighted sum of the legs' min-max normalised scores."""
    fused: dict[str, float] = {}
    for leg, scores in per_leg.items():
        for key, norm in min_max(scores).items():
            fused[key] = fused.get(key, 0.0) + weights.get(leg, 0.0) * norm
    return fused


def leg_ranks(per_leg: dict[str, Ranked]) -> dict[str, dict[str, int]]:
    """key → {leg: 1-based rank in that leg's list}."""
    ranks: dict[str, dict[str, int]] = {}
    for leg, scores in per_leg.items():
        for rank, (key, _) in enumerate(scores, start=1):
            ranks.setdefault(key, {})[leg] = rank
    return ranks


def scaled_by_best(scores: Ranked) -> dict[str, float]:
    """Scores divided by the best one. Used for the document prior: in a small corpus
    min-max would turn a slight preference into all-or-nothing."""
    best = max((s for _, s in scores), default=0.0)
    return {key: (s / best if best > 0 else 0.0) for key, s in scores}
