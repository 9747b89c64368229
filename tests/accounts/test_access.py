"""The visibility funnel, for every role × organisation × classification."""

from __future__ import annotations

import pytest

from corridor.accounts.access import can_approve, can_edit, get_visible, restrict
from corridor.accounts.choices import Role
from corridor.actors.models import Organisation
from corridor.core.choices import Classification
from corridor.core.exceptions import NotFound
from corridor.operations.models import ActionPoint, Meeting
from corridor.operations.selectors import action_points_visible_to
from corridor.timeline.models import Event
from corridor.timeline.selectors import events_visible_to, get_event_for_user

PUBLIC, INTERNAL, RESTRICTED = Classification.PUBLIC, Classification.INTERNAL, Classification.RESTRICTED
ALL_ROLES = [Role.VIEWER, Role.EDITOR, Role.FOCAL_POINT, Role.ADMIN]

# (who: organisation of the reader relative to the Skopje record, role, clearance) → levels they read.
MATRIX = [
    *[(("own", role, PUBLIC), {PUBLIC, INTERNAL, RESTRICTED}) for role in ALL_ROLES],
    *[(("other-operation", role, PUBLIC), {PUBLIC, INTERNAL}) for role in ALL_ROLES],
    *[(("partner", role, PUBLIC), {PUBLIC}) for role in ALL_ROLES],
    *[(("delegation", role, PUBLIC), {PUBLIC}) for role in ALL_ROLES],
    (("secretariat", Role.ANALYST, PUBLIC), {PUBLIC, INTERNAL}),
    (("secretariat", Role.ANALYST, INTERNAL), {PUBLIC, INTERNAL}),
    (("secretariat", Role.ANALYST, RESTRICTED), {PUBLIC, INTERNAL, RESTRICTED}),
    (("partner", Role.ANALYST, INTERNAL), {PUBLIC, INTERNAL}),
    (("none", None, PUBLIC), {PUBLIC}),
]


@pytest.fixture
def skopje_records(skopje: Organisation, make_event) -> dict[str, Event]:  # type: ignore[no-untyped-def]
    return {
        level: make_event(skopje, level, title=f"Skopje {level} incident")
        for level in (PUBLIC, INTERNAL, RESTRICTED)
    }


def _reader(
    where: str, role: str | None, clearance: str, *, make_user, skopje, serbia, cpc, unhcr, delegation
):  # type: ignore[no-untyped-def]
    organisation = {
        "own": skopje,
        "other-operation": serbia,
        "secretariat": cpc,
        "partner": unhcr,
        "delegation": delegation,
        "none": None,
    }[where]
    return make_user(f"reader-{where}-{role}-{clearance}", organisation, role or Role.VIEWER, clearance)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reader", "readable"),
    MATRIX,
    ids=lambda value: "-".join(map(str, value)) if isinstance(value, tuple) else None,
)
def test_each_reader_sees_exactly_the_levels_the_rules_give_them(  # type: ignore[no-untyped-def]
    reader, readable, skopje_records, make_user, skopje, serbia, cpc, unhcr, delegation
) -> None:
    user = _reader(
        *reader,
        make_user=make_user,
        skopje=skopje,
        serbia=serbia,
        cpc=cpc,
        unhcr=unhcr,
        delegation=delegation,
    )

    visible = set(events_visible_to(user).filter(pk__in=[e.pk for e in skopje_records.values()]))

    assert visible == {skopje_records[level] for level in readable}


@pytest.mark.django_db
def test_an_anonymous_visitor_reads_only_public_records(skopje_records: dict[str, Event]) -> None:
    from django.contrib.auth.models import AnonymousUser

    visible = set(events_visible_to(AnonymousUser()).filter(pk__in=[e.pk for e in skopje_records.values()]))

    assert visible == {skopje_records[PUBLIC]}
    assert not events_visible_to(AnonymousUser()).exclude(classification=PUBLIC).exists()


@pytest.mark.django_db
def test_a_superuser_reads_everything(make_user, skopje_records) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("root", superuser=True)

    assert set(events_visible_to(admin).filter(pk__in=[e.pk for e in skopje_records.values()])) == set(
        skopje_records.values()
    )


@pytest.mark.django_db
def test_a_restricted_record_of_one_operation_does_not_exist_for_another_operations_users(  # type: ignore[no-untyped-def]
    make_user, serbia, skopje_records
) -> None:
    for role in ALL_ROLES:
        serbian = make_user(f"serbia-{role}", serbia, role)
        with pytest.raises(NotFound):
            get_event_for_user(serbian, slug=skopje_records[RESTRICTED].slug)


@pytest.mark.django_db
def test_a_lookup_of_a_hidden_record_says_the_same_as_a_missing_one(outsider, skopje_records) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound) as hidden:
        get_event_for_user(outsider, slug=skopje_records[RESTRICTED].slug)
    with pytest.raises(NotFound) as missing:
        get_event_for_user(outsider, slug="no-such-event")

    assert type(hidden.value) is type(missing.value)


@pytest.mark.django_db
def test_children_follow_their_parents_visibility(skopje, outsider, skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    meeting = Meeting.objects.create(
        slug="restricted-coordination",
        title="Restricted coordination",
        owner=skopje,
        classification=RESTRICTED,
        date_start="2016-03-01",
        date_end="2016-03-01",
        date_precision="day",
    )
    point = ActionPoint.objects.create(meeting=meeting, text="Share the Tabanovce figures")

    assert point not in action_points_visible_to(outsider)
    assert point in action_points_visible_to(skopje_focal_point)


@pytest.mark.django_db
def test_memberships_that_ended_give_no_access(make_user, skopje, skopje_records) -> None:  # type: ignore[no-untyped-def]
    former = make_user("former", skopje, Role.EDITOR)
    former.memberships.update(is_active=False)

    assert get_visible(Event.objects.all(), former, slug=skopje_records[PUBLIC].slug)
    assert skopje_records[RESTRICTED] not in restrict(Event.objects.all(), former)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "edits", "approves"),
    [
        (Role.VIEWER, False, False),
        (Role.EDITOR, True, False),
        (Role.FOCAL_POINT, True, True),
        (Role.ANALYST, True, False),
        (Role.ADMIN, True, True),
    ],
)
def test_roles_decide_who_edits_and_approves_for_their_own_organisation(  # type: ignore[no-untyped-def]
    make_user, skopje, serbia, role, edits, approves
) -> None:
    member = make_user(f"member-{role}", skopje, role)

    assert can_edit(member, owner_id=skopje.pk) is edits
    assert can_approve(member, owner_id=skopje.pk) is approves
    assert can_edit(member, owner_id=serbia.pk) is False
    assert can_approve(member, owner_id=serbia.pk) is False
