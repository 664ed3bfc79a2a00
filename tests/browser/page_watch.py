"""Watch a browser context: console errors, script errors, failed requests, requests elsewhere.

Every request that does not go to the local server is blocked and recorded: the archive must
load nothing from a third party (fonts, scripts, analytics), on any page.
"""
from __future__ import annotations


class PageWatch:
    def __init__(self, context, origin: str):
        self.origin = origin
        self.problems: list[str] = []
        context.route("**/*", self._only_local)
        context.on("console", self._on_console)
        context.on("weberror", lambda error: self.problems.append(f"script error: {error.error}"))
        context.on("requestfailed", self._on_failed)
        context.on("response", self._on_response)

    def _is_local(self, url: str) -> bool:
        return url.startswith(self.origin + "/")

    def _only_local(self, route) -> None:
        url = route.request.url
        if self._is_local(url):
            route.continue_()
        else:
            self.problems.append(f"request outside the site: {url}")
            route.abort("blockedbyclient")

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location.get('url', '')})")

    def _on_failed(self, request) -> None:
        # Outside requests were recorded when blocked. ERR_ABORTED is a request the browser
        # cancelled itself, as when a test moves on before the favicon has loaded.
        if self._is_local(request.url) and request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def assert_clean(self) -> None:
        assert not self.problems, "\n".join(self.problems)
