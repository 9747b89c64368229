"""A user's own account page: personal API tokens, created (shown once), listed and revoked."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from corridor.accounts.services import create_token, revoke_token, tokens_of
from corridor.core.exceptions import NotFound, ValidationFailed


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
    return render(
        request,
        "web/tokens.html",
        {
            "tokens": tokens_of(request.user),  # type: ignore[arg-type]
            "secret": secret,
            "error": error,
            "memberships": request.user.memberships.select_related("organisation").filter(is_active=True),  # type: ignore[union-attr]
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
