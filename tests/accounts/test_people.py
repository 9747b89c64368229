"""How one user is named to another: a user name only to its owner and administrators; the full name to
signed-in members of the same organisation; "a member of <organisation>" to others; nothing to anonymous
readers."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from corridor.accounts.access import person_label
from corridor.accounts.choices import Role
from corridor.accounts.models import User
from corridor.actors.models import Organisation
from corridor.core.choices import Classification
from tests.conftest import MakeUser


@pytest.fixture
def focal(make_user: MakeUser, skopje: Organisation) -> User:
    user = make_user("skopje.focal", skopje, Role.FOCAL_POINT)
    user.first_name, user.last_name = "Ana", "Petrovska"
    user.save()
    return user


def test_anonymous_readers_learn_nothing_about_who(focal: User) -> None:
    assert person_label(AnonymousUser(), focal) is None
    assert person_label(None, focal) is None


def test_the_owner_sees_their_own_user_name(focal: User) -> None:
    assert person_label(focal, focal) == "Ana Petrovska (skopje.focal)"


def test_platform_administrators_see_the_user_name(focal: User, make_user: MakeUser) -> None:
    admin = make_user("admin", superuser=True)

    assert person_label(admin, focal) == "Ana Petrovska (skopje.focal)"


def test_a_colleague_in_the_same_organisation_sees_the_full_name_only(
    focal: User, make_user: MakeUser, skopje: Organisation
) -> None:
    colleague = make_user("skopje.viewer", skopje, Role.VIEWER)

    assert person_label(colleague, focal) == "Ana Petrovska"


def test_a_colleague_without_a_full_name_on_record_gets_the_organisation(
    make_user: MakeUser, skopje: Organisation
) -> None:
    nameless = make_user("skopje.nameless", skopje, Role.EDITOR)
    colleague = make_user("skopje.viewer", skopje, Role.VIEWER)

    assert person_label(colleague, nameless) == f"a member of {skopje}"


def test_a_member_of_another_organisation_sees_only_the_organisation(
    focal: User, outsider: User, vienna_analyst: User, skopje: Organisation
) -> None:
    assert person_label(outsider, focal) == f"a member of {skopje}"
    assert person_label(vienna_analyst, focal) == f"a member of {skopje}"


def test_a_restricted_organisation_is_not_named_to_who_may_not_read_it(
    make_user: MakeUser, outsider: User
) -> None:
    partner = Organisation.objects.create(
        slug="local-partner",
        name="A sensitive local partner",
        kind="ngo",
        classification=Classification.RESTRICTED,
    )
    member = make_user("partner.member", partner, Role.EDITOR)

    label = person_label(outsider, member)

    assert label == "a member of a restricted organisation"


def test_no_label_names_a_user_name_to_anyone_but_its_owner_and_administrators(
    focal: User, outsider: User, vienna_analyst: User, make_user: MakeUser, skopje: Organisation
) -> None:
    readers = [outsider, vienna_analyst, make_user("skopje.viewer", skopje, Role.VIEWER), AnonymousUser()]

    for reader in readers:
        assert "skopje.focal" not in (person_label(reader, focal) or "")
