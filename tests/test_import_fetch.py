"""The live import against a local HTTP server that answers like the Zendesk and Freshdesk APIs.

The server runs in a thread on 127.0.0.1 for each test; nothing leaves the machine. It serves
the fixture accounts' documented shapes, split into pages, answers 429 with Retry-After once,
and 401 to wrong credentials.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from test_import_mapping import HELPDESK

from cxaudit.importers.fetch import FetchError, FetchOptions, fetch_zendesk

SECRET = "s3cr3t-T0ken-9f8e7d"
EMAIL = "admin@northwind.example"
ZD = HELPDESK / "zendesk" / "northwind"
FD = HELPDESK / "freshdesk" / "brightmart"


class Api:
    """What the fake server answers and what it saw."""

    def __init__(self) -> None:
        self.base = ""
        self.retry_after = "0"
        self.throttle_once: set[str] = {"/api/v2/slas/policies"}
        self.requests: list[str] = []
        self.auth = {"zendesk": "Basic " + base64.b64encode(
            f"{EMAIL}/token:{SECRET}".encode()).decode(),
            "freshdesk": "Basic " + base64.b64encode(f"{SECRET}:X".encode()).decode()}

    def answer(self, path: str, auth: str | None) -> tuple[int, dict[str, str], bytes]:
        self.requests.append(path)
        if auth not in self.auth.values():
            return 401, {}, b'{"error": "Couldn\'t authenticate you"}'
        if path in self.throttle_once:
            self.throttle_once.discard(path)
            return 429, {"Retry-After": self.retry_after}, b'{"error": "TooManyRequests"}'
        zd = json.loads((ZD / "slas" / "policies.json").read_text())
        pages = {
            "/api/v2/slas/policies": {**zd, "sla_policies": zd["sla_policies"][:2],
                                      "next_page": f"{self.base}/api/v2/slas/policies?page=2"},
            "/api/v2/slas/policies?page=2": {**zd, "sla_policies": zd["sla_policies"][2:],
                                             "next_page": None},
        }
        if path in pages:
            return 200, {}, json.dumps(pages[path]).encode()
        files = {"/api/v2/business_hours/schedules": ZD / "business_hours" / "schedules.json"}
        for sid in ("360000101", "360000102"):
            files[f"/api/v2/business_hours/schedules/{sid}/holidays"] = (
                ZD / "business_hours" / "schedules" / sid / "holidays.json")
        if path in files:
            return 200, {}, files[path].read_bytes()
        fd = json.loads((FD / "sla_policies.json").read_text())
        if path == "/api/v2/sla_policies?per_page=100":
            link = f'<{self.base}/api/v2/sla_policies?per_page=100&page=2>; rel="next"'
            return 200, {"Link": link}, json.dumps(fd[:2]).encode()
        if path == "/api/v2/sla_policies?per_page=100&page=2":
            return 200, {}, json.dumps(fd[2:]).encode()
        if path == "/api/v2/business_hours?per_page=100":
            return 200, {}, (FD / "business_hours.json").read_bytes()
        return 404, {}, b'{"error": "not found"}'


@pytest.fixture
def api() -> Iterator[Api]:
    state = Api()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            code, headers, body = state.answer(self.path, self.headers.get("Authorization"))
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def _no_secret(*texts: str) -> None:
    encoded = base64.b64encode(f"{EMAIL}/token:{SECRET}".encode()).decode()
    for text in texts:
        assert SECRET not in text and encoded not in text


def test_zendesk_live_pages_retry_and_save(cli: Any, api: Api, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZD_TOKEN", SECRET)
    out, saved = tmp_path / "process.yaml", tmp_path / "export"
    r = cli("import", "zendesk", "--url", api.base, "--email", EMAIL, "--token-env", "ZD_TOKEN",
            "-o", out, "--save", saved, "--name", "Northwind")
    assert r.exit_code == 0, r.stderr
    # the 429 was retried, both pages and every schedule's holidays were read
    assert api.requests.count("/api/v2/slas/policies") == 2
    assert "/api/v2/slas/policies?page=2" in api.requests
    assert "/api/v2/business_hours/schedules/360000102/holidays" in api.requests
    files = sorted(str(p.relative_to(saved)) for p in saved.rglob("*.json"))
    assert files == ["business_hours/schedules.json",
                     "business_hours/schedules/360000101/holidays.json",
                     "business_hours/schedules/360000102/holidays.json",
                     "slas/policies.2.json", "slas/policies.json"]
    text = out.read_text()
    assert text.count("  - id: ") >= 4 and "timezone: America/New_York" in text
    # the saved layout imports to the same process (apart from the source named on top)
    again = cli("import", "zendesk", saved, "--name", "Northwind")
    assert again.exit_code == 0
    assert again.stdout.split("apiVersion:", 1)[1].replace(str(saved), "") == \
        text.split("apiVersion:", 1)[1].replace(api.base, "")
    _no_secret(r.stdout, r.stderr, text, *(p.read_text() for p in saved.rglob("*.json")))


def test_retry_after_is_honoured(api: Api) -> None:
    api.retry_after = "7"
    waits: list[float] = []
    export = fetch_zendesk(api.base, EMAIL, SECRET, FetchOptions(sleep=waits.append))
    assert waits == [7.0]
    assert len(export.pages["policies"]) == 2


def test_a_retry_after_beyond_the_bound_stops_with_a_message(cli: Any, api: Api,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    api.retry_after = "3600"
    monkeypatch.setenv("ZD_TOKEN", SECRET)
    r = cli("import", "zendesk", "--url", api.base, "--email", EMAIL, "--token-env", "ZD_TOKEN")
    assert r.exit_code == 2
    assert "Zendesk asks to wait 3600 s before the next request (HTTP 429)" in r.stderr
    assert "hint: try again later" in r.stderr


def test_wrong_credentials_exit_2_without_echoing_them(cli: Any, api: Api,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZD_TOKEN", "not-the-token")
    r = cli("import", "zendesk", "--url", api.base, "--email", EMAIL, "--token-env", "ZD_TOKEN",
            "-o", "never.yaml")
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert f"{api.base}/api/v2/slas/policies: Zendesk refused the credentials (HTTP 401 " \
           "Unauthorized)" in r.stderr
    assert "--token-env" in r.stderr and "not-the-token" not in r.stderr + r.stdout
    assert not Path("never.yaml").exists()


def test_freshdesk_live_follows_link_headers(cli: Any, api: Api, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FD_KEY", SECRET)
    saved = tmp_path / "fd"
    r = cli("import", "freshdesk", "--domain", api.base, "--api-key-env", "FD_KEY",
            "--save", saved)
    assert r.exit_code == 0, r.stderr
    assert "/api/v2/sla_policies?per_page=100&page=2" in api.requests
    assert sorted(p.name for p in saved.iterdir()) == ["business_hours.json",
                                                       "sla_policies.2.json", "sla_policies.json"]
    assert "id: wholesale-customers" in r.stdout and "id: default-sla-policy" in r.stdout
    _no_secret(r.stdout, r.stderr, *(p.read_text() for p in saved.iterdir()))
    # saving again does not replace what is there without --force
    again = cli("import", "freshdesk", "--domain", api.base, "--api-key-env", "FD_KEY",
                "--save", saved)
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_credentials_come_from_the_environment_only(cli: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOPE_TOKEN", raising=False)
    r = cli("import", "zendesk", "--url", "https://acme.zendesk.com", "--email", EMAIL,
            "--token-env", "NOPE_TOKEN")
    assert r.exit_code == 2 and "NOPE_TOKEN is not set" in r.stderr


@pytest.mark.parametrize("url", ["http://acme.zendesk.com", "https://me:pw@acme.zendesk.com",
                                 "https://acme.zendesk.com/api/v2"])
def test_unsafe_addresses_are_refused_before_any_request(cli: Any, url: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZD_TOKEN", SECRET)
    r = cli("import", "zendesk", "--url", url, "--email", EMAIL, "--token-env", "ZD_TOKEN")
    assert r.exit_code == 2 and "--url" in r.stderr


def test_a_next_page_on_another_host_is_not_followed(api: Api) -> None:
    api.throttle_once = set()
    original = api.answer

    def elsewhere(path: str, auth: str | None) -> tuple[int, dict[str, str], bytes]:
        code, headers, body = original(path, auth)
        if path == "/api/v2/slas/policies":
            body = body.replace(api.base.encode(), b"https://attacker.example")
        return code, headers, body

    api.answer = elsewhere  # type: ignore[method-assign]
    with pytest.raises(FetchError) as exc:
        fetch_zendesk(api.base, EMAIL, SECRET, FetchOptions(sleep=lambda s: None))
    assert "another host" in str(exc.value)
