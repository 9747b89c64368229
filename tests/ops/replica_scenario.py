"""Run by tests/ops/test_replicas.py inside `manage.py shell` (Django set up, a primary and a replica
configured): one step of the scenario (REPLICA_SCENARIO_STEP), printing what it saw as JSON."""

import json
import os
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from django.db import connections
from django.test import Client

from corridor.accounts.models import User
from corridor.accounts.services import create_token
from corridor.actors.choices import OrganisationKind
from corridor.actors.models import Organisation
from corridor.ops.routing import PrimaryReplicaRouter
from corridor.timeline.models import Event

STEP = os.environ["REPLICA_SCENARIO_STEP"]
TOKEN_FILE = Path(os.environ["UPLOAD_DIR"]) / "replica-token"


def counted(call):
    queries = Counter()

    def wrapper(alias):
        def count(execute, sql, params, many, context):
            queries[alias] += 1
            return execute(sql, params, many, context)

        return count

    with ExitStack() as stack:
        for alias in ("default", "replica1"):
            stack.enter_context(connections[alias].execute_wrapper(wrapper(alias)))
        response = call()
    return response, {
        "status": response.status_code,
        "primary": ">0" if queries["default"] else 0,
        "replica": ">0" if queries["replica1"] else 0,
    }


seen = {}
if STEP == "prepare":
    Organisation.objects.create(
        slug="replica-mission", name="Replica mission", kind=OrganisationKind.OSCE_FIELD_OPERATION
    )
    admin = User.objects.create_superuser("replica-admin", "replica-admin@example.org", "never-used-3c8e1f7a")
    TOKEN_FILE.parent.mkdir(parents=True, exist_ok=True)
    TOKEN_FILE.write_text(create_token(user=admin, name="replica test").secret)
elif STEP == "routing":
    with connections["replica1"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        seen["replica_is_in_recovery"] = cursor.fetchone()[0]
    token = TOKEN_FILE.read_text().strip()
    _, seen["anonymous_list"] = counted(lambda: Client().get("/api/v1/events"))
    writer = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    body = {
        "owner": "replica-mission",
        "kind": "border_policy_change",
        "title": "Written on the primary",
        "date": "2015-11-18",
        "classification": "internal",
    }
    response, seen["write"] = counted(
        lambda: writer.post("/api/v1/events", json.dumps(body), content_type="application/json")
    )
    seen["write"]["pinned_cookie"] = "corridor_primary_until" in response.cookies
    slug = response.json()["slug"]
    _, seen["read_after_write"] = counted(lambda: writer.get(f"/api/v1/events/{slug}"))
    _, seen["other_reader"] = counted(lambda: Client().get("/api/v1/events"))
    seen["command_reads"] = PrimaryReplicaRouter().db_for_read(Event)
elif STEP == "replica_down":
    _, seen["anonymous_list"] = counted(lambda: Client().get("/api/v1/events"))
print(json.dumps(seen))
