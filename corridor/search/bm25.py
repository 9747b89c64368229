"""Okapi BM25 over a small in-memory corpus. Framework-free, no numpy needed.

For a query Q with term weights w_t and a document D:

    score(D, Q) = Σ_{t ∈ Q} w_t · IDF(t) · f(t, D) · (k1 + 1) / (f(t, D) + k1 · (1 − b + b · |D| / avgdl))
    IDF(t)      = ln(1 + (N − n_t + 0.5) / (n_t + 0.5))

f(t, D) is how often t occurs in D, |D| the number of terms of D, avgdl the mean over the corpus, N the
number of documents and n_t how many contain t (this IDF, as in Lucene, is never negative). k1 = 1.2
saturates repeated terms; b = 0.75 discounts long documents. Query weights are saturated the same way
(Robertson's k3): w_t = q_t · (k3 + 1) / (q_t + k3) for a raw weight q_t, so a word said three times
counts more than once but not three times. Reference: Robertson & Zaragoza, "The Probabilistic Relevance
Framework: BM25 and Beyond" (2009).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

K1 = 1.2
B = 0.75
K3 = 1.2


@dataclass(frozen=True)
class Scored:
    """A document's score and the query terms it matched."""

    key: Hashable
    score: float
    matched: frozenset[str]


class Bm25:
    """A corpus of documents (key → terms) ready to score queries."""

    def __init__(self, documents: Mapping[Hashable, Sequence[str]]) -> None:
        self.frequencies = {key: Counter(terms) for key, terms in documents.items()}
        self.lengths = {key: len(terms) for key, terms in documents.items()}
        self.count = len(documents)
        self.average_length = (sum(self.lengths.values()) / self.count) if self.count else 0.0
        self.document_frequency: Counter[str] = Counter()
        for counts in self.frequencies.values():
            self.document_frequency.update(counts.keys())

    def idf(self, term: str) -> float:
        n = self.document_frequency.get(term, 0)
        return math.log(1 + (self.count - n + 0.5) / (n + 0.5))

    def score(self, query: Mapping[str, float], keys: Sequence[Hashable] | None = None) -> list[Scored]:
        """Documents (all, or those of `keys`) with a positive score, best first, ties by key order."""
        weights = {term: raw * (K3 + 1) / (raw + K3) for term, raw in query.items() if raw > 0}
        results = []
        for position, key in enumerate(keys if keys is not None else list(self.frequencies)):
            counts = self.frequencies[key]
            norm = K1 * (1 - B + B * self.lengths[key] / self.average_length) if self.average_length else K1
            total, matched = 0.0, set()
            for term, weight in weights.items():
                frequency = counts.get(term, 0)
                if frequency:
                    total += weight * self.idf(term) * frequency * (K1 + 1) / (frequency + norm)
                    matched.add(term)
            if total > 0:
                results.append((total, position, Scored(key, total, frozenset(matched))))
        results.sort(key=lambda item: (-item[0], item[1]))
        return [scored for _, _, scored in results]
