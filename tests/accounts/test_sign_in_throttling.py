"""Sign-in throttling: after a few wrong passwords a user name is refused, even with the right password,
for a while; the page says so plainly and the same for every user name; failures are recorded for the
platform's administrators; API tokens are not affected."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.db.models import F
from django.test import Client

from corridor.accounts.models import User
from corridor.accounts.services import create_token

PASSWORD = "the-right-password-42"


@pytest.fixture
def admin_user(db: None) -> User:
    return User.objects.create_superuser(username="admin", password=PASSWORD, email="")


def sign_in(client: Client, username: str, password: str, **headers: str) -> object:
    return client.post("/login/", {"username": username, "password": password}, **headers)


def fail_often(client: Client, username: str) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username, f"wrong-{attempt}")


def without_csrf_token(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_is_refused_after_too_many_wrong_ones(client: Client, admin_user: User) -> None:
    # Given as many wrong passwords for admin as the limit allows
    fail_often(client, "admin")

    # When the right one comes next
    response = sign_in(client, "admin", PASSWORD)

    # Then the sign-in is refused with a plain page, and nobody is signed in
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many failed sign-ins with this user name" in text
    assert "15 minutes" in text
    assert "Traceback" not in text
    assert not signed_in(client)


def test_sixty_fast_guesses_then_the_right_password_do_not_sign_in(client: Client, admin_user: User) -> None:
    for attempt in range(60):
        sign_in(client, "admin", f"guess-{attempt}")

    response = sign_in(client, "admin", PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)


def test_a_lockout_holds_from_another_address_too(client: Client, admin_user: User) -> None:
    fail_often(client, "admin")

    response = sign_in(Client(REMOTE_ADDR="203.0.113.9"), "admin", PASSWORD)

    assert response.status_code == 429


def test_a_forged_forwarded_address_does_not_reset_the_count(client: Client, admin_user: User) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "admin", f"wrong-{attempt}", HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}")

    assert sign_in(client, "admin", PASSWORD).status_code == 429
    assert AccessAttempt.objects.filter(ip_address="127.0.0.1", username="admin").exists()


def test_an_unknown_user_name_is_locked_out_with_the_same_words(client: Client, admin_user: User) -> None:
    fail_often(client, "admin")
    fail_often(client, "nobody-by-this-name")

    known = sign_in(client, "admin", PASSWORD)
    unknown = sign_in(client, "nobody-by-this-name", PASSWORD)

    assert known.status_code == unknown.status_code == 429
    assert without_csrf_token(known.content) == without_csrf_token(unknown.content)


def test_the_lockout_ends_after_its_cool_off(client: Client, admin_user: User) -> None:
    # Given a locked-out user name
    fail_often(client, "admin")
    assert sign_in(client, "admin", PASSWORD).status_code == 429

    # When the cool-off has passed (the recorded attempts are moved back in time)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(1))

    # Then the right password signs in
    response = sign_in(client, "admin", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(
    client: Client, admin_user: User
) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "admin", f"wrong-{attempt}")

    assert sign_in(client, "admin", PASSWORD).status_code == 302


def test_failed_sign_ins_are_listed_for_platform_administrators(client: Client, admin_user: User) -> None:
    # Given failed sign-ins for a user name
    fail_often(Client(), "skopje.focal")
    assert AccessFailureLog.objects.filter(username="skopje.focal").count() == settings.AXES_FAILURE_LIMIT

    # When a platform administrator opens the administration site's lists
    client.force_login(admin_user)
    failures = client.get("/admin/axes/accessfailurelog/")
    attempts = client.get("/admin/axes/accessattempt/")

    # Then each lists them, and neither password is stored
    assert failures.status_code == attempts.status_code == 200
    assert "skopje.focal" in failures.content.decode()
    assert "skopje.focal" in attempts.content.decode()
    assert "wrong-0" not in str(list(AccessAttempt.objects.values_list("post_data", flat=True)))


def test_members_who_are_not_administrators_cannot_see_the_failures(client: Client, db: None) -> None:
    member = User.objects.create_user(username="serbia.editor", password=PASSWORD)
    fail_often(Client(), "admin")
    client.force_login(member)

    response = client.get("/admin/axes/accessfailurelog/")

    assert response.status_code == 302  # to the administration site's sign-in


def test_api_tokens_still_work_for_a_locked_out_user_name_and_wrong_ones_still_fail(
    client: Client, admin_user: User
) -> None:
    fail_often(client, "admin")
    token = create_token(user=admin_user, name="sync").secret

    good = Client().get("/api/v1/events?limit=1", HTTP_AUTHORIZATION=f"Bearer {token}")
    bad = Client().get("/api/v1/events?limit=1", HTTP_AUTHORIZATION="Bearer crd_not-a-token")

    assert good.status_code == 200
    assert bad.status_code == 401
