"""Fixtures for the headless Chromium page tests.

Environment:
  HAICAP_URL          base URL of a running HaiCap server in demo mode (required; tests skip without it)
  CHROMIUM            Chromium executable (default /usr/bin/chromium)
  HAICAP_SCREENSHOTS  where full-page screenshots go (default tests/out/screenshots)
"""
import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

DEFAULT_SCREENSHOTS = Path(__file__).resolve().parent.parent / "out" / "screenshots"


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("HAICAP_URL", "").rstrip("/")
    if not url:
        pytest.skip("HAICAP_URL is not set: start `haicap serve` and point HAICAP_URL at it")
    return url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            # Running as root (CI) needs --no-sandbox.
            args=["--no-sandbox"],
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser, base_url):
    """A fresh browser profile per test: no cookies, so no session carries over between tests."""
    context = browser.new_context(base_url=base_url, locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    directory = Path(os.environ.get("HAICAP_SCREENSHOTS") or DEFAULT_SCREENSHOTS)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def screenshot(screenshot_dir):
    """screenshot(page, "name.png"): a full-page PNG in the screenshot directory."""

    def take(page, name):
        path = screenshot_dir / name
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
