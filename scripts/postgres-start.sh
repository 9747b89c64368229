#!/usr/bin/env bash
# Start the machine's PostgreSQL cluster and make sure the `corridor` role can create test databases.
set -euo pipefail

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  pg_createcluster "$version" main
fi
pg_ctlcluster "$version" main start 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432
su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'corridor') THEN
    CREATE ROLE corridor LOGIN PASSWORD 'corridor' CREATEDB;
  END IF;
END
$$;
SQL
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='corridor'\"" | grep -q 1 \
  || su postgres -c "createdb -O corridor corridor"
su postgres -c "psql -q -d template1 -c 'CREATE EXTENSION IF NOT EXISTS unaccent'" || true
