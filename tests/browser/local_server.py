"""Serve a built site on 127.0.0.1, below a sub-path, the way a static host would."""
from __future__ import annotations

import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# The site is served below a sub-path, as on GitHub Pages: a link that assumes the site sits at
# the host's root then fails to load, and the browser tests see it.
BASE_PATH = "/archive/"


class _SiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar",
        ".json": "application/json",
        ".webp": "image/webp",
        ".avif": "image/avif",
    }

    def send_head(self):
        if not self.path.startswith(BASE_PATH):
            self.send_error(404, "outside the site")
            return None
        self.path = "/" + self.path[len(BASE_PATH):]
        return super().send_head()

    def end_headers(self):
        # The site does not change while it is served: let the browser cache it, as a host's CDN would.
        self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def log_message(self, format, *args):  # one line per request would drown pytest's output
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # The browser drops connections it no longer needs (a page left mid-load): not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class LocalSite:
    """A built site served in a background thread on a free port."""

    def __init__(self, root: Path):
        handler = partial(_SiteHandler, directory=str(root))
        self._server = _QuietServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str = "") -> str:
        """The address of a site-relative path such as 'crafts/' or '?q=…'."""
        return f"{self.origin}{BASE_PATH}{path}"

    def __enter__(self) -> "LocalSite":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
