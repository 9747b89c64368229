"""Words to terms for lexical ranking in Python: fold, split, drop stop words, stem, join compounds.

Framework-free. Used by the mandate-basis ranking (`knowledge.basis`), whose corpus (clauses and
commitments) is small enough to rank in memory, the same way on SQLite and PostgreSQL.

1. **Fold**: lower case; accents removed by Unicode decomposition (š → s, č → c), and the letters that do
   not decompose folded as the database index does (đ → d, ß → ss, …), so "Preševo" and "presevo" agree.
2. **Split** on anything that is not a letter or digit ("one-stop" → one, stop; but "co-operation" is
   one word); numbers and words of one or two letters are dropped.
3. **Stop words**: English function words; the words that name the organisation rather than the work
   ("osce", "mission"); and generic words of project prose ("enhance", "especially", "ensure", "promote")
   that say nothing of what the work is about. In a corpus as small as the commitments such a word is
   rare, so BM25 would otherwise give it the highest weight.
4. **Stem** (a light suffix stripper after Harman's S-stemmer, plus -ing, -ed and a final -e, and a few
   irregular plurals): "refugees" → refuge, "activities" → activity, "trafficking" / "trafficked" →
   traffick, "trains" / "training" → train, "promote" / "promoting" → promot, "children" → child.
5. **Compounds**: fixed expressions become one term, so "social workers" does not match "migrant workers"
   and "human rights" does not match "human beings"; their words are not kept separately. "Trafficking
   in human beings" (and "THB") is simply trafficking, and so is "identification of victims", the term of
   art of anti-trafficking work.

Each term keeps its span in the original text, so a passage can mark exactly the words that matched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from corridor.search.index_spec import FOLDED_LETTERS

_WORD = re.compile(r"[^\W_]+")
_WORD_OR_CO = re.compile(r"\b(?:[Cc]o-)?[^\W_]+")
_FOLD = str.maketrans({letter.lower(): plain.lower() for letter, plain in FOLDED_LETTERS})

_FUNCTION_WORDS = """
    a about above after again against all also am among an and any are as at be because been before
    below between both but by can could did do does doing down during each either etc few for from further
    had has have having he her here hers him his how i if in into is it its itself just may me might more
    most must my no nor not now of off on once only or other our ours out over own per same shall she
    should so some such than that the their theirs them then there these they this those through thus to
    too under until up upon very via was we were what when where which while who whom why will with
    within without would you your e g eg ie including inter alia well toward towards given among
"""
_ORGANISATION_WORDS = "osce mission missions presence operation operations participating state states"
_GENERIC_WORDS = """
    enhance enhancing especially particular particularly ensure ensuring promote promoting provide
    providing support supporting facilitate facilitating encourage encouraging develop developing
    relevant related various further new total target project projects programme activity activities
    work working offer area areas order way level part aspect issue issues matter kind number year years
    month months time country countries group groups need needs increase increasing general specific
"""
STOP_WORDS = frozenset((_FUNCTION_WORDS + _ORGANISATION_WORDS + _GENERIC_WORDS).split())
IRREGULAR = {
    "children": "child",
    "women": "woman",
    "men": "man",
    "people": "person",
    "persons": "person",
    "thb": "traffick",
}

COMPOUND_PHRASES: dict[str, str] = {
    "trafficking in human beings": "traffick",
    "identification of victims": "traffick",
    "victim identification": "traffick",
    "identify victims": "traffick",
    "human beings": "human_being",
    "human rights": "human_right",
    "social workers": "social_worker",
    "frontline social workers": "social_worker",
    "frontline workers": "frontline_worker",
    "migrant workers": "migrant_worker",
    "labour migrants": "labour_migrant",
    "labour migration": "labour_migration",
    "asylum seekers": "asylum_seeker",
    "law enforcement": "law_enforcement",
    "border police": "border_police",
    "civil society": "civil_society",
    "unaccompanied minors": "unaccompanied_minor",
    "transit centres": "transit_centre",
    "transit centers": "transit_centre",
    "transit stations": "transit_centre",
    "internally displaced": "idp",
    "displaced persons": "displaced_person",
    "international humanitarian law": "ihl",
    "violent extremism": "violent_extremism",
    "illegal migration": "irregular_migration",
    "irregular migration": "irregular_migration",
    "entry points": "entry_point",
    "high risk": "high_risk",
    "capacity building": "capacity_building",
    "green border": "green_border",
}
"""Fixed expressions (written plainly; matched after folding, stop words and stemming) → one term."""


_VOWEL = re.compile(r"[aeiouy]")


@dataclass(frozen=True)
class Term:
    """A term and where its words are in the original text."""

    text: str
    start: int
    end: int


def fold(word: str) -> str:
    """Lower case without accents; the letters Unicode does not decompose folded as the index does."""
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word: str) -> str:
    """A light English stem: plurals, -ing and -ed removed; short words kept whole."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 4 and _VOWEL.search(base):
            if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return base
    if word.endswith("e") and len(word) > 4:
        return word[:-1]
    return word


_STOP_STEMS = frozenset(stem(word) for word in STOP_WORDS)


def _compound_keys() -> dict[tuple[str, ...], str]:
    keys = {}
    for phrase, term in COMPOUND_PHRASES.items():
        words = [fold(word) for word in _WORD.findall(phrase)]
        key = tuple(stem(word) for word in words if word not in STOP_WORDS)
        if len(key) < 2:
            raise ValueError(f"compound {phrase!r} has fewer than two words once stop words are dropped")
        keys[key] = term
    return keys


def _words(text: str) -> list[Term]:
    words = []
    for match in _WORD_OR_CO.finditer(text):
        folded = fold(match.group()).replace("-", "")
        if len(folded) <= 2 or folded.isdigit() or folded in STOP_WORDS:
            continue
        stemmed = stem(folded)
        if stemmed in _STOP_STEMS:
            continue
        words.append(Term(stemmed, match.start(), match.end()))
    return words


COMPOUNDS = _compound_keys()
_LONGEST_COMPOUND = max(len(words) for words in COMPOUNDS)


def terms(text: str) -> list[Term]:
    """The terms of `text`, in order, compounds joined (longest first)."""
    words = _words(text)
    out: list[Term] = []
    index = 0
    while index < len(words):
        for size in range(min(_LONGEST_COMPOUND, len(words) - index), 1, -1):
            key = tuple(word.text for word in words[index : index + size])
            if key in COMPOUNDS:
                out.append(Term(COMPOUNDS[key], words[index].start, words[index + size - 1].end))
                index += size
                break
        else:
            out.append(words[index])
            index += 1
    return out
