"""The search syntax people type, parsed once and written for each engine.

    refugees border          both words (any order, any form: "refugee", "Refugees")
    "one-stop centre"        the words next to each other, in this order
    presevo OR tabanovce     either word (OR binds tighter than the spaces: `a b OR c` is a and (b or c))
    -smuggling               without this word (a query of only exclusions finds nothing)
    traffick*                words starting with "traffick"
    focal point 2012         a year, month (2015-11) or day (2016-05-05) among the words: records dated
                             within it (`split_dates`); where none is, the date is read as a word

Case and diacritics never matter ("presevo" finds "Preševo"); English words match their other forms
("trainings" finds "training"). Punctuation other than the operators is ignored, so nothing a user types
can break the engine's own query language: every word reaches FTS5 as a quoted string and PostgreSQL as
a quoted lexeme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corridor.core.dates import DateSpan, DateSpanError
from corridor.search.index_spec import FOLDED_LETTERS

_TOKEN = re.compile(r'(-?)"([^"]*)"(\*?)|(\S+)')
_WORD = re.compile(r"[^\W_]+")
_FOLD = str.maketrans({letter: plain for letter, plain in FOLDED_LETTERS})


@dataclass(frozen=True)
class Term:
    """Words that must appear next to each other (one word is a phrase of one); `prefix` on the last."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    """All groups must match (each group: any of its terms), and no excluded term may."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def any_term(self) -> Query:
        """The same terms with any one of them enough (exclusions kept): what a results page offers when
        nothing has them all."""
        return Query((tuple(term for group in self.groups for term in group),), self.excluded)

    @property
    def has_phrase(self) -> bool:
        """Whether some term the query needs is several words that must stand together."""
        return any(len(term.words) > 1 for group in self.groups for term in group)


_DATE = re.compile(r"^(1[89]\d\d|2\d\d\d)(-\d\d(-\d\d)?)?$")


def split_dates(text: str) -> tuple[str, DateSpan | None]:
    """The query's words without its bare dates (a year, a month such as 2015-11, a day), and the span
    from the first date's start to the last date's end (None when it has none, or only dates)."""
    kept: list[str] = []
    spans: list[DateSpan] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if match.group(4) is not None and _DATE.match(token):
            try:
                spans.append(DateSpan.parse(token))
                continue
            except DateSpanError:
                pass
        kept.append(token)
    words = " ".join(kept)
    if not spans or not parse(words).groups:
        return text, None
    start, end = min(span.start for span in spans), max(span.end for span in spans)
    return words, DateSpan(start, end, "range") if (start, end) != (spans[0].start, spans[0].end) else spans[
        0
    ]


def _term(text: str, prefix: bool) -> Term | None:
    words = tuple(_WORD.findall(text.translate(_FOLD)))
    return Term(words, prefix) if words else None


def parse(text: str) -> Query:
    """Read the search syntax; anything unreadable is treated as plain words."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for match in _TOKEN.finditer(text):
        negated, phrase, phrase_star, bare = match.groups()
        if bare is not None:
            if bare == "OR":
                join_next = bool(groups)
                continue
            negated = "-" if bare.startswith("-") and len(bare) > 1 else ""
            body = bare[1:] if negated else bare
            term = _term(body.rstrip("*"), prefix=body.endswith("*"))
        else:
            term = _term(phrase, prefix=bool(phrase_star))
        if term is None:
            continue
        if negated:
            excluded.append(term)
            join_next = False
        elif join_next:
            groups[-1].append(term)
            join_next = False
        else:
            groups.append([term])
    return Query(tuple(tuple(group) for group in groups), tuple(excluded))


def _fts5_term(term: Term) -> str:
    quoted = '"' + " ".join(term.words) + '"'
    return quoted + ("*" if term.prefix else "")


def to_fts5(query: Query) -> str:
    """The query as an FTS5 MATCH expression (words double-quoted, so never read as operators)."""
    groups = ["(" + " OR ".join(_fts5_term(term) for term in group) + ")" for group in query.groups]
    expression = " AND ".join(groups)
    for term in query.excluded:
        expression = f"({expression}) NOT {_fts5_term(term)}"
    return expression


def _tsquery_term(term: Term) -> str:
    lexemes = [f"'{word}'" for word in term.words]
    if term.prefix:
        lexemes[-1] += ":*"
    return "(" + " <-> ".join(lexemes) + ")"


def to_tsquery(query: Query) -> str:
    """The query as `to_tsquery` input (each word a quoted lexeme; words hold only letters and digits)."""
    groups = ["(" + " | ".join(_tsquery_term(term) for term in group) + ")" for group in query.groups]
    groups += [f"!{_tsquery_term(term)}" for term in query.excluded]
    return " & ".join(groups)
