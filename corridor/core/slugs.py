"""Slugs for records created through the interfaces (the case study names its own)."""

import uuid

from django.db.models import Model
from django.utils.text import slugify


def new_slug(model: type[Model], text: str, *, max_length: int = 100) -> str:
    """A readable, unique slug: the text's slug plus a short random suffix."""
    base = slugify(text)[: max_length - 9].strip("-") or model._meta.model_name or "record"
    while True:
        candidate = f"{base}-{uuid.uuid4().hex[:8]}"
        if not model._default_manager.filter(slug=candidate).exists():
            return candidate
