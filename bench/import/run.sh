#!/usr/bin/env bash
# The import benchmark: generate ROWS observations as HXL CSV (once), load them into a fresh database
# through `import_file`, and (PostgreSQL) COPY the same file into a plain table as the baseline.
#
#   bench/import/run.sh 10000000 postgres     # PG_BENCH_URL, default the local corridor_exchange_bench
#   bench/import/run.sh 10000000 sqlite       # var/bench/import.sqlite3
#
# Each step prints one JSON line; /usr/bin/time -v adds the import's peak resident memory.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-10000000}
ENGINE=${2:-postgres}
PY=.venv/bin/python
FILE=var/bench/observations-$ROWS.csv
[ -f "$FILE" ] || $PY bench/import/generate.py --rows "$ROWS" -o "$FILE"

if [ "$ENGINE" = postgres ]; then
  URL=${PG_BENCH_URL:-postgres://corridor:corridor@127.0.0.1:5432/corridor_exchange_bench}
  ADMIN_URL=${URL%/*}/postgres
  NAME=${URL##*/}
  psql "$ADMIN_URL" -q -c "DROP DATABASE IF EXISTS $NAME" -c "CREATE DATABASE $NAME"
else
  URL=sqlite:///var/bench/import.sqlite3
  rm -f var/bench/import.sqlite3
fi
export DATABASE_URL=$URL
$PY manage.py migrate --no-input -v 0
.venv/bin/corridor casestudy load
if [ "$ENGINE" = postgres ]; then
  $PY bench/import/copy_baseline.py "$FILE"
fi
/usr/bin/time -v $PY bench/import/run_import.py "$FILE" 2> var/bench/import-$ENGINE-$ROWS.time
grep -E "Maximum resident|Elapsed" var/bench/import-$ENGINE-$ROWS.time
