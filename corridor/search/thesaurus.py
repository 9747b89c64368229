"""The migration vocabulary the basis ranking knows: groups of words that speak of the same thing.

A query term expands to the other members of its groups with a lower weight (`EXPANSION_WEIGHT` in
`knowledge.basis`), so an activity about "identification of victims" at "transit centres" reaches a clause
on "trafficking in human beings" and the "humanitarian situation" although no word is shared. The groups
follow the usage of the OSCE and the 2016 study: "identification of victims" is the language of
anti-trafficking work; unaccompanied minors and children are the vulnerable groups its recommendations
name. Words are written plainly and analysed like any text (`analysis.terms`), so they follow the stemmer.
Add a group here, with the reason, rather than tuning weights for one case.
"""

from __future__ import annotations

from functools import cache

from corridor.search.analysis import terms

CONCEPT_WORDS: dict[str, tuple[str, ...]] = {
    # The victims a frontline worker is trained to identify are, in the study's usage, victims of trafficking.
    "trafficking": ("trafficking", "traffickers", "victims", "exploitation"),
    "smuggling": ("smuggling", "smugglers"),
    "asylum and refugees": (
        "refugees",
        "asylum",
        "asylum seekers",
        "displaced persons",
        "internally displaced",
    ),
    "vulnerable groups": ("vulnerable", "unaccompanied minors", "children", "minors", "high risk", "women"),
    "borders": ("borders", "border police", "frontier", "entry points", "crossing", "green border"),
    "humanitarian situation": ("humanitarian", "transit centres", "reception", "camp", "shelter"),
    "human rights": ("human rights", "discrimination", "xenophobia", "dignity", "dignified"),
    "law enforcement": (
        "police",
        "policing",
        "law enforcement",
        "border police",
        "prosecutors",
        "judges",
        "judiciary",
    ),
    "training and capacity": ("training", "course", "capacity building", "workshop", "advice"),
    "civil society": ("civil society", "NGO", "activists", "social workers"),
    "labour migration": ("labour", "labour migration", "labour migrants", "migrant workers", "employment"),
    "violent extremism": (
        "violent extremism",
        "CVE",
        "extremism",
        "radicalisation",
        "radicalization",
        "terrorism",
    ),
    "return": ("return", "returnees", "reintegration"),
}


def _term(phrase: str) -> str:
    found = terms(phrase)
    if len(found) != 1:
        raise ValueError(
            f"thesaurus: {phrase!r} is {len(found)} terms, not one (add it to analysis.COMPOUND_PHRASES)"
        )
    return found[0].text


@cache
def concepts() -> dict[str, frozenset[str]]:
    """Each group as the set of terms its words analyse to."""
    return {name: frozenset(_term(phrase) for phrase in words) for name, words in CONCEPT_WORDS.items()}


def related(term: str) -> frozenset[str]:
    """The other terms that share a group with `term` (empty when it is in none)."""
    found: set[str] = set()
    for members in concepts().values():
        if term in members:
            found |= members
    found.discard(term)
    return frozenset(found)
