"""Write a large HXL CSV of flow observations for the import benchmark, streaming to disk.

    python bench/import/generate.py --rows 10000000 -o var/bench/observations-10m.csv

Every row is a distinct observation (place × day × metric × nationality) at a country place of the case
study, so the file imports cleanly into a database where `corridor casestudy load` has run. Values are
pseudo-random but fixed by `--seed`, so two runs write the same file.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COUNTRIES = ROOT / "corridor" / "casestudy" / "data" / "countries" / "countries.yaml"
HEADER = "place,date,metric,value,nationality,source_organisation,owner\n"
TAGS = ("#loc+code", "#date", "#indicator+code", "#affected+num", "#country+code+nationality")
HASHTAGS = ",".join((*TAGS, "#org+code+source", "#org+code+owner")) + "\n"
METRICS = ("arrivals", "departures", "transits", "present", "registered")
FIRST_DAY = date(2010, 1, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    codes = [entry["code"] for entry in yaml.safe_load(COUNTRIES.read_text(encoding="utf-8"))]
    places = [code.lower() for code in codes[:40]]
    nationalities = codes[:25]
    per_day = len(places) * len(METRICS) * len(nationalities)
    days = -(-args.rows // per_day)
    random_values = random.Random(args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with args.output.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        out.write(HASHTAGS)
        for offset in range(days):
            day = (FIRST_DAY + timedelta(days=offset)).isoformat()
            lines = []
            for place in places:
                for metric in METRICS:
                    for nationality in nationalities:
                        if written == args.rows:
                            break
                        value = random_values.randrange(0, 20_000)
                        lines.append(
                            f"{place},{day},{metric},{value},{nationality},unhcr,osce-secretariat-cpc\n"
                        )
                        written += 1
            out.write("".join(lines))
    print(f"wrote {written:,} rows ({days} days) to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
