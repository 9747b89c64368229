"""Static files collected compressed under hashed names and served by WhiteNoise with far-future cache
headers; pages gzipped (ADR 0016)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import brotli
import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

from config.settings import base

COMPRESSED = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


def test_production_and_the_demo_serve_static_files_with_whitenoise_first_and_pages_gzipped() -> None:
    middleware = base.MIDDLEWARE
    # After the request id and the probes (corridor.ops), which answer before anything else.
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[security : security + 3] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "django.middleware.gzip.GZipMiddleware",
    ]
    assert middleware[:security] == [
        "corridor.ops.middleware.RequestIdMiddleware",
        "corridor.ops.routing.ReadYourWritesMiddleware",
    ]
    assert base.STORAGES["staticfiles"] == COMPRESSED
    assert base.INSTALLED_APPS.index("whitenoise.runserver_nostatic") < base.INSTALLED_APPS.index(
        "django.contrib.staticfiles"
    )


@pytest.fixture
def collected(tmp_path: Path):  # type: ignore[no-untyped-def]
    """collectstatic into a fresh directory with the production storage, WhiteNoise serving from it."""
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES={**settings.STORAGES, "staticfiles": COMPRESSED},
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield tmp_path  # Django's setting_changed signal gives staticfiles_storage these settings' storage


def _served(url: str, encoding: str):  # type: ignore[no-untyped-def]
    middleware = WhiteNoiseMiddleware(lambda request: pytest.fail(f"{url} was not served as a static file"))
    return middleware(RequestFactory().get(url, HTTP_ACCEPT_ENCODING=encoding))


@pytest.mark.slow
def test_collected_files_are_hashed_compressed_and_served_in_the_accepted_encoding_for_a_year(
    collected,
) -> None:  # type: ignore[no-untyped-def]
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    hashed = manifest["web/corridor.css"]
    assert hashed != "web/corridor.css" and hashed.startswith("web/corridor.")
    assert (collected / f"{hashed}.br").exists() and (collected / f"{hashed}.gz").exists()
    assert staticfiles_storage.url("web/corridor.css") == f"/static/{hashed}"
    original = (collected / hashed).read_bytes()

    as_brotli = _served(f"/static/{hashed}", "gzip, deflate, br")
    assert as_brotli["Content-Encoding"] == "br"
    assert brotli.decompress(b"".join(as_brotli.streaming_content)) == original
    assert as_brotli["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "Accept-Encoding" in as_brotli["Vary"]

    as_gzip = _served(f"/static/{hashed}", "gzip")
    assert as_gzip["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(as_gzip.streaming_content)) == original

    plain = _served(f"/static/{hashed}", "")
    assert "Content-Encoding" not in plain and b"".join(plain.streaming_content) == original
    # htmx, from django-htmx's static files, is collected and compressed too.
    assert (collected / f"{manifest['django_htmx/htmx-2.min.js']}.br").exists()


@pytest.mark.django_db
def test_pages_are_gzipped_for_a_browser_that_accepts_it_and_plain_otherwise() -> None:
    compressed = Client().get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["Content-Encoding"] == "gzip" and "Accept-Encoding" in compressed["Vary"]
    page = gzip.decompress(compressed.content).decode()
    assert "<h1>The route at a glance</h1>" in page

    plain = Client().get("/")
    assert not plain.has_header("Content-Encoding")
    assert "<h1>The route at a glance</h1>" in plain.content.decode()


@pytest.mark.django_db
def test_no_page_loads_a_chart_script(client: Client) -> None:
    for url in ("/", "/places/mk/"):
        page = client.get(url).content.decode()
        assert "plotly" not in page and "charts.js" not in page
