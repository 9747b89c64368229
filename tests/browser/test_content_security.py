"""With the Content-Security-Policy enforced, the pages' scripts still run and the browser reports no
violation: the charts show (drawn on the server, no chart script), and choosing a place-name convention
still applies it at once."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def watch_violations(page: Page) -> list[str]:
    """Collect what the browser reports: CSP refusals (console) and script errors."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on("pageerror", lambda error: seen.append(str(error)))
    return seen


def test_the_dashboard_and_a_place_draw_their_charts_without_a_violation(visit_as) -> None:  # type: ignore[no-untyped-def]
    page = visit_as("vienna.analyst")
    violations = watch_violations(page)

    page.goto("/")
    expect(page.locator("#flow-chart svg.chart-svg")).to_be_visible()
    page.goto("/places/mk/")
    expect(page.locator("#place-chart svg.chart-svg")).to_be_visible()
    expect(page.locator("#forecast-chart svg.chart-svg")).to_be_visible()

    assert violations == []


def test_choosing_place_names_applies_them_without_an_inline_handler(visit_as) -> None:  # type: ignore[no-untyped-def]
    page = visit_as()
    violations = watch_violations(page)
    page.goto("/timeline/")
    options = page.locator("#audience option")
    chosen = options.nth(options.count() - 1).get_attribute("value")

    with page.expect_navigation():
        page.select_option("#audience", chosen)

    expect(page.locator("#audience")).to_have_value(str(chosen))
    assert violations == []
