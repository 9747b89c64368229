#!/usr/bin/env bash
# Install Corridor the way docs/deploy.md says, on this machine's PostgreSQL, and check it from outside:
# migrate, collectstatic, first admin by command, gunicorn with production settings, the job worker, sign
# in, an API write with a token, a job run by the worker, /healthz and /readyz; then stop both with SIGTERM
# and require each to end within seconds. No runserver, no DEBUG. Everything it makes lives under
# var/production-check/ and in the database corridor_production_check, which it drops first.
set -euo pipefail
cd "$(dirname "$0")/.."

work=var/production-check
rm -rf "$work" && mkdir -p "$work"
database=${PRODUCTION_CHECK_DATABASE:-corridor_production_check}
export PGPASSWORD=corridor
dropdb --if-exists -h 127.0.0.1 -U corridor "$database"
createdb -h 127.0.0.1 -U corridor -O corridor "$database"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# docs/deploy.md, "Configure": the environment file.
secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
cat > "$work/corridor.env" <<ENV
DJANGO_SETTINGS_MODULE=config.settings.production
SECRET_KEY=$secret
DATABASE_URL=postgres://corridor:corridor@127.0.0.1:5432/$database
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=https://127.0.0.1,https://localhost
STATIC_ROOT=$PWD/$work/static
UPLOAD_DIR=$PWD/$work/uploads
ENV
set -a; . "$work/corridor.env"; set +a
[ "$DJANGO_SETTINGS_MODULE" = config.settings.production ]

# docs/deploy.md, "Install": the schema, the static files, the deployment checks.
echo "production install [${SECONDS} s]: migrate, collectstatic, check --deploy"
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py collectstatic --no-input -v 0
.venv/bin/python manage.py check --deploy --fail-level WARNING
echo "production install [${SECONDS} s]: load the reference data (the case study)"
.venv/bin/corridor casestudy load
echo "production install [${SECONDS} s]: first admin, token, start gunicorn and the job worker"

# docs/deploy.md, "The first administrator": a password of the operator's, never a published one.
admin_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
printf '%s\n' "$admin_password" > "$work/admin-password"
DJANGO_SUPERUSER_PASSWORD=$admin_password .venv/bin/python manage.py createsuperuser --no-input \
  --username admin --email admin@example.org
.venv/bin/corridor token create --user admin --name "production check" | tail -n 1 > "$work/token"

# docs/deploy.md, "Run": the app under gunicorn and the job worker, as the systemd units start them.
.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:$port" --workers 2 --timeout 120 \
  --graceful-timeout 20 --forwarded-allow-ips 127.0.0.1 --access-logfile - > "$work/gunicorn.log" 2>&1 &
app=$!
.venv/bin/corridor jobs worker > "$work/worker.log" 2>&1 &
worker=$!

stop_all() {
  kill -TERM "$app" "$worker" 2>/dev/null || true
  wait "$app" "$worker" 2>/dev/null || true
}
report_failure() {
  echo "--- gunicorn log (tail)" >&2; tail -n 40 "$work/gunicorn.log" >&2 || true
  echo "--- worker log (tail)" >&2; tail -n 40 "$work/worker.log" >&2 || true
  stop_all
}
trap report_failure ERR

for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break
  sleep 1
done

.venv/bin/python scripts/production_check.py --url "http://127.0.0.1:$port" --user admin \
  --password-file "$work/admin-password" --token-file "$work/token"

# Stopping: SIGTERM ends the app and the worker (and its processes) within seconds.
kill -TERM "$worker" "$app"
started=$SECONDS
for pid in "$worker" "$app"; do
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "production check FAILED: process $pid did not end within 20 s of SIGTERM" >&2
    kill -KILL "$pid"; exit 1
  fi
done
worker_status=0
wait "$worker" || worker_status=$?
wait "$app" || true
trap - ERR
if [ "$worker_status" -ne 0 ]; then
  echo "production check FAILED: the job worker ended with status $worker_status after SIGTERM" >&2
  exit 1
fi
alive=$(psql -h 127.0.0.1 -U corridor -d "$database" -tAc "select count(*) from jobs_worker where stopped_at is null")
if [ "$alive" -ne 0 ]; then
  echo "production check FAILED: $alive worker(s) still marked alive after SIGTERM" >&2
  exit 1
fi
echo "production check: the app and the job worker stopped within $((SECONDS - started)) s of SIGTERM"
dropdb -h 127.0.0.1 -U corridor "$database"
echo "production install check passed"
