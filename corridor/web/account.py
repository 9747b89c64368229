"""A user's own account page: personal API tokens, created (shown once), listed and revoked; and, for an
organisation's administrators, the classification its new records get by default."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from corridor.accounts.access import can_administer
from corridor.accounts.choices import RecordKind
from corridor.accounts.models import DateOrder, OrganisationSetting
from corridor.accounts.services import (
    classification_defaults_of,
    create_token,
    revoke_token,
    set_classification_defaults,
    set_date_order,
    tokens_of,
)
from corridor.actors.selectors import organisations_visible_to
from corridor.core.choices import Classification
from corridor.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from corridor.web.forms import READERS


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """List the user's tokens; creating one shows its secret on this page, once."""
    secret = None
    error = None
    if request.method == "POST":
        try:
            secret = create_token(user=request.user, name=request.POST.get("name", "")).secret  # type: ignore[arg-type]
        except ValidationFailed as failed:
            error = failed.errors["name"][0]
    memberships = request.user.memberships.select_related("organisation").filter(is_active=True)  # type: ignore[union-attr]
    return render(
        request,
        "web/tokens.html",
        {
            "tokens": tokens_of(request.user),  # type: ignore[arg-type]
            "secret": secret,
            "error": error,
            "memberships": memberships,
            "administered": [
                membership.organisation
                for membership in memberships
                if can_administer(request.user, owner_id=membership.organisation_id)
            ],
        },
    )


@login_required
def organisation_defaults(request: HttpRequest, slug: str) -> HttpResponse:
    """Choose, per kind of record, who an organisation's new records reach when their author chooses none."""
    organisation = organisations_visible_to(request.user).filter(slug=slug).first()
    if organisation is None:
        raise Http404("no such organisation")
    if not can_administer(request.user, owner_id=organisation.pk):
        raise Forbidden(
            f"Only administrators of {organisation} set the classification its records get by default. "
            f"Ask an administrator of {organisation}."
        )
    chosen = classification_defaults_of(organisation.pk)
    error = ""
    if request.method == "POST":
        wanted = {kind: request.POST.get(kind, chosen[kind]) for kind in RecordKind.values}
        try:
            with transaction.atomic():
                set_classification_defaults(
                    actor=request.user, organisation_id=organisation.pk, defaults=wanted
                )
                if "date_order" in request.POST:
                    set_date_order(
                        actor=request.user, organisation_id=organisation.pk, order=request.POST["date_order"]
                    )
        except (ValidationFailed, PermissionDenied) as refused:
            error = str(refused)
        else:
            messages.success(request, f"Defaults of {organisation} saved.")
            return redirect("web:organisation_defaults", organisation.slug)
    return render(
        request,
        "web/organisation_defaults.html",
        {
            "organisation": organisation,
            "rows": [(value, label, chosen[value]) for value, label in RecordKind.choices],
            "levels": [(level, READERS[Classification(level)]) for level in Classification.values],
            "error": error,
            "date_orders": DateOrder.choices,
            "date_order": OrganisationSetting.objects.filter(organisation=organisation)
            .values_list("date_order", flat=True)
            .first()
            or DateOrder.DAY_FIRST,
        },
    )


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        revoke_token(user=request.user, token_id=token_id)  # type: ignore[arg-type]
    except NotFound:
        messages.error(request, "No such token.")
    else:
        messages.success(request, "Token revoked: it no longer opens the API.")
    return redirect("web:tokens")
