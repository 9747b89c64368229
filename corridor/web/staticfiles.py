"""The static files storage of `make demo`: what `collectstatic` wrote, named by hash even with DEBUG on."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class CollectedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage whose `{% static %}` URLs carry the content hash with DEBUG on
    too (Django's gives the plain name then), so the demo serves what production serves: compressed files
    under hashed names, cached for a year (ADR 0016)."""

    def url(self, name: str | None, force: bool = False) -> str:
        return super().url(name, force=True)
