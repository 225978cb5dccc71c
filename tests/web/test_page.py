"""The chat page in a real browser: Debian's Chromium driven by Playwright, against `pni serve` (real
uvicorn, real index) on 127.0.0.1. Screenshots of the desktop and 375 px layouts go to eval/reports/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import ROOT

pytestmark = pytest.mark.model

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
ANSWERED = ".answer:not(.streaming)"
WAIT = 60_000  # ms: the first answers also warm the server up
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (or run `apt-get install chromium`).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _open(browser: Browser, url: str, viewport: dict[str, int]) -> tuple[Page, list[str], list[str]]:
    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url + "/")
    return page, errors, dialogs


@pytest.fixture
def page(browser: Browser, server_url: str) -> Iterator[tuple[Page, list[str], list[str]]]:
    opened = _open(browser, server_url, DESKTOP)
    yield opened
    opened[0].context.close()
    assert opened[1] == [], f"JavaScript errors on the page: {opened[1]}"


def _ask(page: Page, question: str, count: int) -> None:
    page.fill("#question", question)
    page.keyboard.press("Enter")
    expect(page.locator(ANSWERED + ", .turn .error")).to_have_count(count, timeout=WAIT)


def test_the_page_is_served_with_a_content_security_policy(server_url: str) -> None:
    import httpx

    response = httpx.get(server_url + "/")
    assert response.status_code == 200 and "<textarea" in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_the_empty_state_says_what_is_covered_and_offers_examples(page: tuple[Page, list[str], list[str]]) -> None:
    p, _, _ = page
    expect(p.locator("#coverage")).to_contain_text("The index holds 2 report(s)", timeout=WAIT)
    expect(p.locator("#coverage")).to_contain_text("2023")
    examples = p.locator(".example")
    expect(examples).to_have_count(4)
    first = examples.first.inner_text()
    examples.first.click()
    expect(p.locator(ANSWERED)).to_have_count(1, timeout=WAIT)
    expect(p.locator(".question").first).to_have_text(first)
    expect(p.locator("#empty")).to_be_hidden()


def test_a_question_gets_a_streamed_cited_answer_whose_citation_opens_its_passage(
    page: tuple[Page, list[str], list[str]],
) -> None:
    p, _, _ = page
    _ask(p, "What did HEUNI do in 2020?", 1)
    answer = p.locator(ANSWERED).first
    assert int(answer.get_attribute("data-deltas") or 0) > 1  # the text arrived in several pieces
    expect(answer).to_contain_text("FLOW")
    chips = answer.locator(".chip")
    assert chips.count() >= 3
    chips.first.click()
    dialog = p.locator("#passage")
    expect(dialog).to_be_visible()
    expect(p.locator("#passage-meta")).to_contain_text("HEUNI, 2020, para.")
    expect(p.locator("#passage-title")).to_contain_text("Activities of the institutes")
    passage = p.locator("#passage-text").inner_text()
    assert "European Institute for Crime Prevention" in passage
    p.click("#passage-open")
    hit = p.locator("#hit")
    expect(hit).to_be_visible(timeout=WAIT)
    expect(hit).to_be_in_viewport()
    assert hit.inner_text().strip()[:80] == passage.strip()[:80]
    expect(p.locator("#doc-title")).to_contain_text("Activities of the institutes")
    expect(p.locator("#ask-form")).to_be_hidden()
    p.click("#doc-back")
    expect(p.locator("#conversation")).to_be_visible()
    expect(p.locator("#ask-form")).to_be_visible()


def test_follow_ups_use_the_conversation_which_survives_a_reload(page: tuple[Page, list[str], list[str]]) -> None:
    p, _, _ = page
    _ask(p, "What did HEUNI do in 2020?", 1)
    _ask(p, "Where is it based?", 2)
    second = p.locator(ANSWERED).nth(1)
    expect(second).to_contain_text("Helsinki")
    expect(second.locator(".meta")).to_contain_text("Searched as: Where is it based? (HEUNI, 2020)")
    p.reload()
    expect(p.locator(".turn")).to_have_count(2)
    expect(p.locator(".answer").nth(1)).to_contain_text("Helsinki")
    p.click("#new-chat")
    expect(p.locator(".turn")).to_have_count(0)
    expect(p.locator("#empty")).to_be_visible()


def test_an_abstention_looks_different_from_an_answer(page: tuple[Page, list[str], list[str]]) -> None:
    p, _, _ = page
    _ask(p, "What did HEUNI do in 2020?", 1)
    _ask(p, "What did HEUNI do in 2017?", 2)
    refused = p.locator(ANSWERED).nth(1)
    expect(refused).to_have_class("answer abstained")
    expect(refused.locator(".badge")).to_have_text("Not in the reports")
    answered_bg = p.locator(ANSWERED).first.evaluate("e => getComputedStyle(e).backgroundColor")
    refused_bg = refused.evaluate("e => getComputedStyle(e).backgroundColor")
    assert answered_bg != refused_bg
    assert refused.locator(".chip").count() == 0


def test_markup_from_the_user_or_the_server_is_shown_as_text(page: tuple[Page, list[str], list[str]]) -> None:
    p, _, dialogs = page
    _ask(p, XSS, 1)
    expect(p.locator(".question").first).to_have_text(XSS)
    assert p.locator("#conversation img").count() == 0 and dialogs == []
    p.reload()  # and again from localStorage
    expect(p.locator(".question").first).to_have_text(XSS)
    assert p.locator("img").count() == 0 and dialogs == []


def test_server_errors_and_an_unreachable_server_say_so_and_offer_a_retry(
    page: tuple[Page, list[str], list[str]],
) -> None:
    p, _, _ = page
    p.route(
        "**/api/ask/stream",
        lambda route: route.fulfill(status=503, json={"error": "No index at data/index: run `pni ingest corpus/`."}),
    )
    _ask(p, "What did HEUNI do in 2020?", 1)
    error = p.locator(".turn .error")
    expect(error).to_contain_text("No index at data/index")
    p.unroute("**/api/ask/stream")
    p.route("**/api/ask/stream", lambda route: route.abort("connectionrefused"))
    error.locator(".retry").click()
    expect(p.locator(".turn .error")).to_contain_text("Cannot reach the server", timeout=WAIT)
    p.unroute("**/api/ask/stream")
    p.locator(".turn .error .retry").click()
    expect(p.locator(ANSWERED)).to_have_count(1, timeout=WAIT)
    expect(p.locator(ANSWERED)).to_contain_text("FLOW")


def test_keyboard_use_and_copying_an_answer(page: tuple[Page, list[str], list[str]]) -> None:
    p, _, _ = page
    box = p.locator("#question")
    expect(box).to_be_focused()
    box.type("first line")
    p.keyboard.press("Shift+Enter")
    box.type("second line")
    assert box.input_value() == "first line\nsecond line" and p.locator(".turn").count() == 0
    box.fill("When was NAUSS founded?")
    p.keyboard.press("Enter")
    expect(p.locator(ANSWERED)).to_have_count(1, timeout=WAIT)
    copy = p.locator(ANSWERED + " .copy")
    copy.focus()
    p.keyboard.press("Enter")
    expect(copy).to_have_text("Copied")
    copied = p.evaluate("navigator.clipboard.readText()")
    assert "1978" in copied and "\n\nSources:\n[1] Activities of the institutes" in copied


def test_screenshots_desktop_and_375px_without_horizontal_scroll(browser: Browser, server_url: str) -> None:
    reports = ROOT / "eval" / "reports"
    for name, viewport in (("desktop", DESKTOP), ("mobile", MOBILE)):
        p, errors, _ = _open(browser, server_url, viewport)
        expect(p.locator(".example")).to_have_count(4, timeout=WAIT)
        _ask(p, "What did HEUNI do in 2020?", 1)
        _ask(p, "Where is it based?", 2)
        _ask(p, "What did HEUNI do in 2017?", 3)
        overflow = p.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name}: {overflow}px of horizontal scroll"
        p.locator(ANSWERED).nth(1).locator(".chip").first.click()
        expect(p.locator("#passage")).to_be_visible()
        p.screenshot(path=str(reports / f"web-{name}-passage.png"))
        p.click("#passage-close")
        # Desktop: the follow-up and the refusal above the question box; phone: the top of the chat.
        p.evaluate("window.scrollTo(0, %s)" % ("document.body.scrollHeight" if name == "desktop" else "0"))
        p.screenshot(path=str(reports / f"web-{name}.png"))
        assert errors == []
        p.context.close()
