"""Compare the store with every Chroma collection and, with repair, make them agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.index.sync import SYNC_FLAG

if TYPE_CHECKING:
    from assistant.index.index import Index


@dataclass
class CheckReport:
    """Differences between the store and each Chroma collection."""

    chunks: int = 0
    missing: dict[str, int] = field(default_factory=dict)  # in the store, not in chroma
    orphaned: dict[str, int] = field(default_factory=dict)  # in chroma, not in the store
    # in the store, not yet embedded by a deferred leg: `fill` (run by ingest) adds them
    pending: dict[str, int] = field(default_factory=dict)
    lexical_rows: int = 0  # BM25 rows; must equal the number of chunks
    repaired: bool = False

    @property
    def consistent(self) -> bool:
        return (
            not any(self.missing.values())
            and not any(self.orphaned.values())
            and self.lexical_rows == self.chunks
        )

    def to_dict(self) -> dict:
        return {
            "consistent": self.consistent,
            "chunks": self.chunks,
            "missing": self.missing,
            "orphaned": self.orphaned,
            "pending": self.pending,
            "lexical_rows": self.lexical_rows,
            "repaired": self.repaired,
        }


def check(index: Index, repair: bool = False) -> CheckReport:
    """Compare the store with every Chroma collection; with repair, make them agree."""
    store_ids = index.store.chunk_ids()
    report = CheckReport(chunks=len(store_ids), lexical_rows=index.store.lexical_rows())
    if repair and report.lexical_rows != report.chunks:
        index.store.reanalyze()
    for leg in index.legs:
        chroma_ids = leg.ids()
        missing = sorted(store_ids - chroma_ids)
        orphaned = sorted(chroma_ids - store_ids)
        report.orphaned[leg.name] = len(orphaned)
        (report.pending if leg.deferred else report.missing)[leg.name] = len(missing)
        if not repair:
            continue
        leg.delete(orphaned)
        if leg.deferred:
            continue  # `fill` adds what a deferred leg lacks
        found = index.store.chunks_by_id(missing)
        pairs = [found[i] for i in missing if i in found]
        for start in range(0, len(pairs), 256):
            batch = pairs[start : start + 256]
            leg.add([c for c, _ in batch], [m for _, m in batch])
        index.refresh_centroids(leg, {c.doc_path for c, _ in pairs})
    if repair:
        report.repaired = True
        index.store.set_setting(SYNC_FLAG, None)
    return report
