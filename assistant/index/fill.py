"""Add the vectors of the legs filled after the ingest (multilingual-e5-small): a document
is searchable through BM25 and the fast legs as soon as it is written, and `fill` adds
these vectors afterwards, in batches.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from assistant.index.index import Index, Progress
    from assistant.index.vectors import VectorLeg

FILL_BATCH_CHUNKS = 64


def fill(index: Index, progress: Progress | None, stop: threading.Event | None) -> int:
    """Embed the chunks the deferred legs do not hold yet; returns how many.

    Batches of FILL_BATCH_CHUNKS, document by document; the embedding runs outside the
    write lock and each batch is written under it, so questions and uploads go on
    meanwhile. A chunk removed in the meantime is not written. `stop` ends the fill
    between batches: the next fill goes on where this one stopped.
    `progress(leg, done, total)` after each batch. The caller holds `index.filling`.
    """
    return sum(_fill_leg(index, leg, progress, stop) for leg in index.deferred_legs)


def _fill_leg(index: Index, leg: VectorLeg, progress, stop) -> int:
    store = index.store
    filled = 0
    with index.writes:
        missing = sorted(store.chunk_ids() - leg.ids())
        doc_of = store.chunk_documents(missing)
    missing.sort(key=lambda cid: (doc_of.get(cid, ""), cid))
    left = Counter(doc_of.get(cid) for cid in missing)
    for start in range(0, len(missing), FILL_BATCH_CHUNKS):
        if stop is not None and stop.is_set():
            return filled
        ids = missing[start : start + FILL_BATCH_CHUNKS]
        found = store.chunks_by_id(ids)
        pairs = [found[i] for i in ids if i in found]
        vectors = leg.embed([c for c, _ in pairs], [m for _, m in pairs]) if pairs else []
        with index.writes:
            current = store.chunks_by_id([c.id for c, _ in pairs])
            keep = [i for i, (c, _) in enumerate(pairs) if c.id in current]
            if keep:
                leg.write(
                    [pairs[i][0] for i in keep],
                    [current[pairs[i][0].id][1] for i in keep],
                    np.asarray(vectors)[keep],
                )
            for cid in ids:
                left[doc_of.get(cid)] -= 1
            done = {doc_of.get(cid) for cid in ids if left[doc_of.get(cid)] == 0}
            index.refresh_centroids(leg, {d for d in done if d})
        filled += len(keep)
        if progress:
            progress(leg.name, min(start + len(ids), len(missing)), len(missing))
    return filled
