"""Shared pieces of the browser tests: one headless Chromium for the whole session (the system's, driven
by Playwright's sync API), screenshots, and a watched page that records what a page must not do:
console errors, uncaught exceptions, dialogs (alert/confirm/prompt), HTML responses without a
Content-Security-Policy.

Test modules import the fixtures they use (`from browser_support import browser, screenshot`)."""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1280, "height": 900}

# Playwright's sync API runs one driver per thread and cannot be started twice at once, while pytest makes
# one session fixture per module that imports it: the modules share a single browser, closed by the last.
_shared: dict = {"users": 0}


@pytest.fixture(scope="session")
def browser():
    if _shared["users"] == 0:
        from playwright.sync_api import sync_playwright

        manager = sync_playwright()
        playwright = manager.start()
        try:
            _shared["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        except Exception:
            manager.__exit__(None, None, None)
            raise
        _shared["manager"] = manager
    _shared["users"] += 1
    try:
        yield _shared["browser"]
    finally:
        _shared["users"] -= 1
        if _shared["users"] == 0:
            _shared.pop("browser").close()
            _shared.pop("manager").__exit__(None, None, None)


@pytest.fixture(scope="session")
def screenshot(tmp_path_factory):
    """`screenshot(page, "name")` saves name.png under the session's pytest folder (basetemp/screenshots)
    and, when NEWSGRAPH_SCREENSHOTS names a folder, there too; prints where."""
    folders = [tmp_path_factory.getbasetemp() / "screenshots"]
    if os.environ.get("NEWSGRAPH_SCREENSHOTS"):
        folders.append(Path(os.environ["NEWSGRAPH_SCREENSHOTS"]))
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> list[Path]:
        data = page.screenshot(full_page=True)
        saved = []
        for folder in folders:
            path = folder / f"{name}.png"
            path.write_bytes(data)
            saved.append(path)
        print("screenshot:", *saved)
        return saved

    return save


@contextmanager
def browser_context(browser):
    """A fresh browsing context (cookies, storage) at the tests' viewport, closed after."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(10_000)
    try:
        yield context
    finally:
        context.close()


class Watched:
    """A page with listeners on everything that must not happen. `check()` fails the test on any of it."""

    def __init__(self, context, base_url: str):
        self.base_url = base_url
        self.page = context.new_page()
        self.console: list[tuple[str, str, str]] = []  # (type, text, url of the page or resource it is about)
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.documents: list = []  # the main frame's navigation responses
        self.page.on("console", lambda message: self.console.append(
            (message.type, message.text, message.location.get("url") or self.page.url)))
        self.page.on("pageerror", lambda error: self.page_errors.append(f"{error} at {self.page.url}"))
        self.page.on("dialog", self._dialog)
        self.page.on("response", self._response)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message!r} at {self.page.url}")
        dialog.dismiss()

    def _response(self, response) -> None:
        request = response.request
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self.documents.append(response)

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, f"GET {path}: {response and response.status}"
        return response

    def errors(self) -> list[str]:
        return [f"console {kind}: {text} ({url})" for kind, text, url in self.console if kind == "error"]

    def check(self) -> None:
        """No dialog, no uncaught exception, no console error (a CSP violation is one), and a CSP header on
        every HTML document the page loaded."""
        assert not self.dialogs, f"a dialog opened: {self.dialogs}"
        assert not self.page_errors, f"uncaught errors: {self.page_errors}"
        assert not self.errors(), "console errors:\n" + "\n".join(self.errors())
        assert self.documents, "no navigation was seen"
        for response in self.documents:
            headers = response.headers
            if "text/html" in headers.get("content-type", ""):
                policy = headers.get("content-security-policy", "")
                assert "script-src 'self'" in policy and "default-src 'none'" in policy, \
                    f"{response.url}: Content-Security-Policy is {policy!r}"


def scripts(page) -> list[str]:
    """The src of every <script> in the DOM ('' for an inline one), as paths of this server."""
    return [re.sub(r"^https?://[^/]+", "", src or "") for src in
            page.locator("script").evaluate_all("nodes => nodes.map(n => n.getAttribute('src') || '')")]
