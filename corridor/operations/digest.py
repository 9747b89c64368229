"""The daily digest: each member is told, by email, of the action points of their organisations that are
overdue or due within a week. Sent by `corridor digest send`, which the job worker runs once a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail

from corridor.accounts.access import member_organisation_ids
from corridor.accounts.models import User
from corridor.operations.models import ActionPoint
from corridor.operations.selectors import action_points_for

DUE_SOON = timedelta(days=7)


@dataclass(frozen=True)
class Digest:
    """What one member is told: the overdue points and those due soon (none of either: no email)."""

    user: User
    overdue: list[ActionPoint]
    due_soon: list[ActionPoint]

    @property
    def empty(self) -> bool:
        return not self.overdue and not self.due_soon


def digest_for(user: User, *, today: date) -> Digest:
    """The action points `user` follows that are overdue, or due from today to a week ahead."""
    points = [
        (point, point.date_end)
        for point in action_points_for(user, member_organisation_ids(user))
        if point.date_end is not None
    ]
    overdue = [point for point, due in points if due < today]
    due_soon = [point for point, due in points if today <= due <= today + DUE_SOON]
    return Digest(user, overdue, due_soon)


def _lines(title: str, points: list[ActionPoint]) -> list[str]:
    if not points:
        return []
    return [
        title,
        *(
            f"  - {point.text} (due {point.span.text() if point.span else '—'}; "
            f"meeting: {point.meeting.title})"
            for point in points
        ),
        "",
    ]


def send_digests(*, today: date | None = None) -> int:
    """Email each active member with an address their digest, when it has something; how many were sent."""
    today = today or date.today()
    sent = 0
    for user in User.objects.filter(is_active=True).exclude(email="").order_by("pk"):
        digest = digest_for(user, today=today)
        if digest.empty:
            continue
        body = "\n".join(
            [
                f"Action points of your organisations on {today:%d %B %Y}:",
                "",
                *_lines("Overdue:", digest.overdue),
                *_lines("Due within a week:", digest.due_soon),
                f"See them all in Corridor: {settings.CORRIDOR_SITE_URL.rstrip('/')}/my/",
            ]
        )
        count = len(digest.overdue) + len(digest.due_soon)
        send_mail(
            f"Corridor: {count} action point{'s' if count != 1 else ''} due",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        sent += 1
    return sent


def keep_daily_schedule() -> None:
    """Have the job workers send the digests each morning at 06:00 (a django-q2 schedule; kept, not
    duplicated, each time the workers start)."""
    from datetime import datetime, time

    from django.utils import timezone
    from django_q.models import Schedule

    tomorrow = timezone.localdate() + timedelta(days=1)
    Schedule.objects.update_or_create(
        name="corridor daily digest",
        defaults={
            "func": "corridor.operations.digest.send_digests",
            "schedule_type": Schedule.DAILY,
            "next_run": timezone.make_aware(datetime.combine(tomorrow, time(6, 0))),
            "repeats": -1,
        },
    )
