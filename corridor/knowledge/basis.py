"""Which mandate clauses and commitments support a piece of work: lexical ranking with BM25.

The study found missions justifying each activity by their own mandate without knowing the OSCE's
commitments. Given an activity's words (title and description), this ranks the clauses of its operation's
mandate and the OSCE commitments by how well they match, and shows each with the matching words marked,
for a person to confirm or reject (`corridor.basis.services`).

Method:
1. Analyse every text with `search.analysis.terms`: folded, stop words dropped, stemmed, fixed
   expressions joined ("trafficking in human beings" → `thb`).
2. Weigh the query: each term of the activity counts 1 per occurrence; a term related to one of them in
   the migration vocabulary (`search.thesaurus`) and not itself said counts `EXPANSION_WEIGHT` times the
   count of the term it is related to, so "victims" (said three times) reaches "trafficking in human
   beings" without outweighing the words the texts share.
3. Score with Okapi BM25 (`search.bm25`, formula there):
   clauses against the corpus of every mandate clause the reader may see (one mandate has too few
   clauses for useful document frequencies), keeping only the operation's own; clause text and topics are
   the document. Commitments against all commitments the reader may see.
4. Return those with a positive score, best first, each with its text escaped and the matched words in
   `<mark>`.

Lexical ranking finds what is said in shared words; it cannot know what a mandate implies. The ranking is
a suggestion for a reader's judgement, never a link by itself.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from corridor.knowledge.models import Commitment, MandateClause
from corridor.knowledge.selectors import clauses_visible_to, commitments_visible_to
from corridor.search.analysis import terms
from corridor.search.bm25 import Bm25
from corridor.search.thesaurus import related

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.actors.models import Organisation

EXPANSION_WEIGHT = 0.5


@dataclass(frozen=True)
class Suggestion:
    """A clause or commitment proposed as the basis of some work, with why (the marked passage)."""

    kind: str
    record: MandateClause | Commitment
    key: str
    score: float
    passage: str
    matched: tuple[str, ...]


@dataclass(frozen=True)
class BasisSuggestions:
    clauses: list[Suggestion]
    commitments: list[Suggestion]


def query_weights(text: str) -> dict[str, float]:
    """Raw query weights: 1 per occurrence of a term; a related term not said itself gets
    `EXPANSION_WEIGHT` × the count of the most frequent term it is related to (not the sum, so a concept
    several words point at does not outweigh the words themselves)."""
    counts = Counter(term.text for term in terms(text))
    expanded: dict[str, float] = {}
    for term, count in counts.items():
        for other in related(term):
            if other not in counts:
                expanded[other] = max(expanded.get(other, 0.0), EXPANSION_WEIGHT * count)
    return {**{term: float(count) for term, count in counts.items()}, **expanded}


def marked_passage(text: str, matched: Collection[str]) -> str:
    """`text` HTML-escaped, with the words whose terms are in `matched` wrapped in <mark>."""
    out, position = [], 0
    for term in terms(text):
        if term.text in matched:
            out.append(html.escape(text[position : term.start]))
            out.append(f"<mark>{html.escape(text[term.start : term.end])}</mark>")
            position = term.end
    out.append(html.escape(text[position:]))
    return "".join(out)


def _clause_text(clause: MandateClause) -> str:
    return " ".join([clause.text, *[str(topic).replace("-", " ") for topic in clause.topics or []]])


def _ranked(
    index: Bm25, weights: dict[str, float], records: dict[int, Any], keys: list[int], kind: str, limit: int
) -> list[Suggestion]:
    suggestions = []
    for scored in index.score(weights, keys)[:limit]:
        record = records[int(str(scored.key))]
        is_clause = isinstance(record, MandateClause)
        suggestions.append(
            Suggestion(
                kind=kind,
                record=record,
                key=f"{record.mandate.operation.slug}:{record.ref}" if is_clause else record.slug,
                score=round(scored.score, 4),
                passage=marked_passage(record.text, scored.matched),
                matched=tuple(sorted(scored.matched)),
            )
        )
    return suggestions


def suggest_basis(
    user: Reader,
    *,
    operation: Organisation,
    text: str,
    exclude_clauses: Collection[int] = (),
    exclude_commitments: Collection[int] = (),
    limit: int = 10,
) -> BasisSuggestions:
    """Clauses of `operation`'s mandate and commitments that `text` speaks to, best first, for `user`."""
    weights = query_weights(text)
    clauses = {clause.pk: clause for clause in clauses_visible_to(user)}
    clause_index = Bm25({pk: [t.text for t in terms(_clause_text(clause))] for pk, clause in clauses.items()})
    own = [
        pk
        for pk, clause in clauses.items()
        if clause.mandate.operation_id == operation.pk and pk not in exclude_clauses
    ]
    commitments = {commitment.pk: commitment for commitment in commitments_visible_to(user).order_by("slug")}
    commitment_index = Bm25({pk: [t.text for t in terms(c.text)] for pk, c in commitments.items()})
    wanted = [pk for pk in commitments if pk not in exclude_commitments]
    return BasisSuggestions(
        clauses=_ranked(clause_index, weights, clauses, own, "mandate_clause", limit),
        commitments=_ranked(commitment_index, weights, commitments, wanted, "commitment", limit),
    )
