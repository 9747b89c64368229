"""Pages run only Corridor's own script files: a Content-Security-Policy without 'unsafe-inline' or
'unsafe-eval' for scripts on every page, no template with an inline script or inline event handler, and
the HTML built in code (the SVG maps, search snippets, basis passages) escapes whatever text it shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from corridor.geo.svg_map import MapPoint, render_map
from corridor.knowledge.basis import marked_passage

TEMPLATES = Path(__file__).resolve().parents[2] / "corridor" / "web" / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
PLANTED = '<script>alert("planted")</script>'


def directives(response: object) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    found: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *values = part.split()
        found[name] = values
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/timeline/", "/login/", "/places/mk/", "/knowledge/", "/api/v1/docs"])
def test_every_page_forbids_inline_and_evaluated_scripts(url: str) -> None:
    response = Client().get(url)

    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["default-src"] and "'unsafe-eval'" not in str(policy)


def test_no_page_template_holds_an_inline_script_or_an_inline_event_handler() -> None:
    offenders = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER):
            offenders += [f"{template.relative_to(TEMPLATES)}: {m.group()}" for m in pattern.finditer(text)]

    assert offenders == []


def test_the_inline_patterns_catch_what_they_are_for() -> None:
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/web/charts.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script id="x" type="application/json">{}</script>')
    assert INLINE_HANDLER.search('<select onchange="this.form.submit()">')


def test_the_svg_map_escapes_a_planted_place_name() -> None:
    point = MapPoint(
        label=PLANTED, latitude=41.14, longitude=22.5, value=10, href="/places/x/", caption=PLANTED
    )

    svg = render_map([point], title=PLANTED)

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_a_basis_passage_escapes_the_text_it_marks() -> None:
    passage = marked_passage(f"monitor {PLANTED} trafficking", {"traffick"})

    assert "<script>" not in passage
    assert "&lt;script&gt;" in passage and "<mark>" in passage


@pytest.mark.django_db
def test_a_search_snippet_escapes_a_planted_event_title(make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    make_event(skopje, title=f"Xylophonist crossing {PLANTED}")
    from corridor.search.services import rebuild_index

    rebuild_index()

    hits = Client().get("/api/v1/search?q=xylophonist&kind=event").json()
    page = Client().get("/search/?q=xylophonist").content.decode()

    # The snippet may or may not reach the planted words (SQLite and PostgreSQL cut passages differently);
    # whatever it holds is escaped text with <mark> around the matches, never a live tag.
    assert hits and "<mark>" in hits[0]["snippet"] and "<script" not in hits[0]["snippet"]
    assert PLANTED not in page and "&lt;script&gt;" in page


@pytest.mark.django_db
def test_the_dashboard_map_escapes_a_planted_place_name() -> None:
    from corridor.geo.models import Place

    place = Place.objects.get(slug="gevgelija")
    place.name = PLANTED
    place.save()

    page = Client().get("/").content.decode()

    assert PLANTED not in page
    assert "&lt;script&gt;alert(&quot;planted&quot;)&lt;/script&gt;" in page


def test_the_charts_escape_planted_names_and_titles() -> None:
    from corridor.web import charts

    figure = charts.flow_figure(
        {
            "traces": [{"name": PLANTED, "x": ["2016-03-01", "2016-03-02"], "y": [10, 20]}],
            "events": [{"date": "2016-03-02", "when": "2 March 2016", "title": PLANTED, "slug": "x"}],
        }
    )
    bars = charts.bar_chart(chart_id="b", title=PLANTED, description=PLANTED, x_label="", bars=[(PLANTED, 5)])

    for html in (figure, bars):
        assert "<script>" not in html and "&lt;script&gt;" in html
