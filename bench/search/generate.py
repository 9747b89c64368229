"""Synthetic documents and queries for the search benchmark: migration prose about Balkan places.

Framework-free and deterministic (`seed`). Place names keep their diacritics (Preševo, Horgoš, Đevđelija,
Šid, Brčko); queries type them without (presevo, horgos), as people do. Words are drawn with Zipf-like
weights from a topic vocabulary and a long tail of generated words, so that the index has a realistic
spread of common and rare terms.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

PLACES = (
    "Preševo",
    "Tabanovce",
    "Gevgelija",
    "Đevđelija",
    "Horgoš",
    "Röszke",
    "Šid",
    "Tovarnik",
    "Opatovac",
    "Slavonski Brod",
    "Brčko",
    "Bihać",
    "Velika Kladuša",
    "Kumanovo",
    "Miratovac",
    "Subotica",
    "Kanjiža",
    "Bujanovac",
    "Vranje",
    "Niš",
    "Beograd",
    "Zaječar",
    "Dimitrovgrad",
    "Idomeni",
    "Spielfeld",
    "Dobova",
    "Šentilj",
    "Bregana",
    "Bajakovo",
    "Batrovci",
    "Kelebija",
    "Čakovec",
    "Međimurje",
    "Zagreb",
    "Skopje",
    "Priština",
    "Podgorica",
    "Tirana",
    "Kakavija",
    "Sarajevo",
    "Banja Luka",
    "Trebinje",
    "Ključ",
    "Žepče",
)
TOPICS = (
    "migrants",
    "refugees",
    "asylum",
    "border",
    "police",
    "registration",
    "transit",
    "centre",
    "camp",
    "smuggling",
    "trafficking",
    "victims",
    "unaccompanied",
    "minors",
    "children",
    "women",
    "families",
    "monitoring",
    "visit",
    "training",
    "workshop",
    "prosecutors",
    "judges",
    "social",
    "workers",
    "NGO",
    "humanitarian",
    "shelter",
    "food",
    "medical",
    "winter",
    "arrivals",
    "departures",
    "crossing",
    "fence",
    "identification",
    "documents",
    "interpreters",
    "rights",
    "discrimination",
    "xenophobia",
    "integration",
    "returns",
    "readmission",
    "labour",
    "employment",
    "remittances",
    "ombudsperson",
    "detention",
    "corridor",
    "train",
    "buses",
    "route",
    "closure",
    "quota",
    "relocation",
    "resettlement",
    "violence",
    "protection",
)
TEMPLATES = (
    "{Topic} at {place}: the mission reports {topic} and {topic} among {topic}.",
    "{Place} {topic} {topic} report",
    "Monitoring visit to {place} on {topic} and {topic}",
    "{Topic} of {topic} near {place} and {place}",
)
SENTENCES = (
    "The team observed {topic} and {topic} at the {place} {topic} {word}.",
    "Authorities in {place} reported {word} {topic} and asked for {topic} {word}.",
    "{Topic} remained a concern; {word} {word} {topic} were seen near {place}.",
    "Partners discussed {topic}, {topic} and the {word} of {topic} in {place}.",
    "According to {word} figures, {topic} at {place} rose while {topic} fell.",
    "The {word} {topic} programme in {place} trained {word} {topic} staff.",
)
QUERY_KINDS = {
    "place (typed without diacritics)": 40,
    "two topic words": 15,
    "place and topic": 15,
    "phrase": 10,
    "prefix": 5,
    "either of two places": 10,
    "one very common word": 5,
}


@dataclass(frozen=True)
class SyntheticDocument:
    title: str
    body: str
    day: date | None
    classification: str
    owner_index: int


def _ascii(text: str) -> str:
    table = str.maketrans("šŠčČćĆžŽđĐöÖëË", "sSccCCzZdDoOeE")
    return text.translate(table)


def _tail(rng: random.Random, size: int) -> list[str]:
    syllables = ["ka", "lo", "vi", "sta", "re", "no", "mir", "ga", "dra", "ze", "po", "li", "tu", "ban", "še"]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _zipf(items: tuple[str, ...] | list[str]) -> list[float]:
    return [1.0 / (rank + 1) for rank in range(len(items))]


def documents(count: int, *, seed: int = 2016, owners: int = 6) -> Iterator[SyntheticDocument]:
    """`count` documents; 60 % public, 30 % internal, 10 % restricted; 85 % dated between 2014 and 2017."""
    rng = random.Random(seed)
    tail = _tail(rng, 3000)
    place_weights, topic_weights, tail_weights = _zipf(PLACES), _zipf(TOPICS), _zipf(tail)

    def fill(template: str) -> str:
        def pick(kind: str) -> str:
            if kind == "place":
                return rng.choices(PLACES, place_weights)[0]
            if kind == "topic":
                return rng.choices(TOPICS, topic_weights)[0]
            return rng.choices(tail, tail_weights)[0]

        out = template
        for marker, kind in (
            ("{place}", "place"),
            ("{Place}", "place"),
            ("{topic}", "topic"),
            ("{Topic}", "topic"),
            ("{word}", "word"),
        ):
            while marker in out:
                value = pick(kind)
                out = out.replace(
                    marker, value.capitalize() if marker[1].isupper() and kind == "topic" else value, 1
                )
        return out

    start = date(2014, 1, 1)
    for _ in range(count):
        title = fill(rng.choice(TEMPLATES))
        body = " ".join(fill(rng.choice(SENTENCES)) for _ in range(rng.randint(3, 7)))
        level = rng.choices(("public", "internal", "restricted"), (60, 30, 10))[0]
        day = start + timedelta(days=rng.randrange(4 * 365)) if rng.random() < 0.85 else None
        yield SyntheticDocument(title, body, day, level, rng.randrange(owners))


def queries(count: int, *, seed: int = 1975) -> list[tuple[str, str]]:
    """`count` (kind, query) pairs in the proportions of `QUERY_KINDS`."""
    rng = random.Random(seed)
    kinds = rng.choices(list(QUERY_KINDS), list(QUERY_KINDS.values()), k=count)
    out = []
    for kind in kinds:
        place = _ascii(rng.choice(PLACES)).lower()
        topic, other = rng.sample(TOPICS, 2)
        query = {
            "place (typed without diacritics)": place,
            "two topic words": f"{topic} {other}",
            "place and topic": f"{place} {topic}",
            "phrase": f'"{topic} {other}"',
            "prefix": f"{topic[:5]}*",
            "either of two places": f"{place} OR {_ascii(rng.choice(PLACES)).lower()}",
            "one very common word": rng.choice(TOPICS[:4]),
        }[kind]
        out.append((kind, query))
    return out
