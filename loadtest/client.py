"""A small HTTP client for the load test: one keep-alive connection, cookies and CSRF tokens by hand.

Secure cookies are sent over plain HTTP on purpose: the test talks to gunicorn on loopback directly.
"""

import http.client
import re
import time
import uuid
from urllib.parse import urlencode, urlsplit

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Response:
    def __init__(self, status: int, headers: dict, body: bytes, elapsed: float):
        self.status = status
        self.headers = headers
        self.body = body
        self.elapsed = elapsed

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def csrf_token(self) -> str:
        match = _CSRF_INPUT.search(self.text)
        if not match:
            raise ValueError("no CSRF token in the page")
        return match.group(1)


class Client:
    """``source``: the loopback address to connect from (127.0.0.2, ...), so that behind a proxy each simulated
    visitor has an address of its own; ``headers``: extra headers sent with every request."""

    def __init__(self, base_url: str, timeout: float = 15.0, source: str | None = None, headers: dict | None = None):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.timeout = timeout
        self.source = source
        self.headers = dict(headers or {})
        self.cookies: dict[str, str] = {}
        self._conn = None

    def _connection(self):
        if self._conn is None:
            source = (self.source, 0) if self.source else None
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout, source_address=source)
        return self._conn

    def close(self):
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, method: str, path: str, data: dict | None = None, files: dict | None = None) -> Response:
        """``files``: ``{field: (filename, bytes, content type)}``, sent as multipart/form-data with ``data``."""
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "wijkportaal-loadtest", **self.headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if files:
            body, headers["Content-Type"] = _multipart(data or {}, files)
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        elif data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        start = time.perf_counter()
        for attempt in (1, 2):
            reused = self._conn is not None
            try:
                conn = self._connection()
                conn.request(method, path, body=body, headers=headers)
                raw = conn.getresponse()
                payload = raw.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server (or proxy) closed the idle kept-alive connection before reading this request:
                # like a browser, send it once more on a new connection.
                self.close()
                if not reused or attempt == 2:
                    raise
            except (OSError, http.client.HTTPException):
                self.close()
                raise
        elapsed = time.perf_counter() - start
        response_headers = {k.lower(): v for k, v in raw.getheaders()}
        for name, value in raw.getheaders():
            if name.lower() == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _sep, val = cookie.partition("=")
                self.cookies[key.strip()] = val.strip()
        if response_headers.get("connection", "").lower() == "close":
            self.close()
        return Response(raw.status, response_headers, payload, elapsed)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict, files: dict | None = None) -> Response:
        return self.request("POST", path, data, files)


def _multipart(data: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, values in data.items():
        for value in values if isinstance(values, list | tuple) else [values]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
