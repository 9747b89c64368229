"""Every change is kept: who made it, when, and what the record held before."""

from __future__ import annotations

import pytest
from django.test import Client

from corridor.timeline.models import Event


@pytest.mark.django_db
def test_an_edit_keeps_the_earlier_version_with_who_and_when(make_event, skopje, skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    event = make_event(skopje, title="Border closed at Gevgelija")

    event.title = "Border closed to all but Syrians, Iraqis and Afghans at Gevgelija"
    event._history_user = skopje_focal_point
    event.save()

    versions = list(event.history.order_by("history_date"))
    assert [v.title for v in versions] == [
        "Border closed at Gevgelija",
        "Border closed to all but Syrians, Iraqis and Afghans at Gevgelija",
    ]
    assert versions[-1].history_user == skopje_focal_point
    assert versions[-1].history_type == "~"
    delta = versions[-1].diff_against(versions[0])
    assert [change.field for change in delta.changes] == ["title"]


@pytest.mark.django_db
def test_a_deletion_leaves_the_last_version_in_history(make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    event = make_event(skopje, title="Deleted by mistake")
    pk = event.pk

    event.delete()

    assert Event.history.filter(id=pk, history_type="-").get().title == "Deleted by mistake"


@pytest.mark.django_db
def test_a_change_made_in_the_admin_records_the_signed_in_user(make_event, skopje, make_user) -> None:  # type: ignore[no-untyped-def]
    administrator = make_user("admin-user", superuser=True)
    event = make_event(skopje, title="Before")
    client = Client()
    client.force_login(administrator)

    page = client.get(f"/admin/timeline/event/{event.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"title": "After", "places": [], "countries": [], "actors": [], "documents": []})
    for prefix in ("core-citation-content_type-object_id",):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(f"/admin/timeline/event/{event.pk}/change/", data)

    assert response.status_code == 302, response.content[:2000]
    latest = event.history.latest()
    assert (latest.title, latest.history_user, latest.version) == ("After", administrator, 2)
