"""Reading a live helpdesk account over HTTPS (httpx), page by page, politely.

Credentials come from environment variables only and go nowhere but the Authorization
header of requests to the account's own host: they are never printed, never written, and a
next-page link that points at another host is refused. A 429 answer is retried after the
Retry-After the server asks for, when that wait is reasonable (at most `max_wait` seconds,
at most `retries` times); 5xx answers and timeouts are retried the same bounded way.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from cxaudit.errors import CxauditError, Problem, UsageError
from cxaudit.importers.exportdir import Export
from cxaudit.importers.jsonfile import ExportError, JsonFile, parse_json

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
MAX_PAGES = 100


class FetchError(CxauditError):
    """The helpdesk could not be read (refused, unreachable, rate limited); exit 2."""


@dataclass(frozen=True)
class FetchOptions:
    """Timeouts and retry bounds; `sleep` is how waiting is done (tests record it)."""

    timeout: float = 30.0
    retries: int = 4
    max_wait: float = 60.0
    sleep: Callable[[float], None] = field(default=time.sleep)


def base_url(text: str, default_suffix: str, flag: str) -> str:
    """`acme` -> `https://acme.<suffix>`; a full https URL passes; plain http only to loopback."""
    raw = text.strip().rstrip("/")
    if "://" not in raw:
        raw = "https://" + (raw if "." in raw or ":" in raw else f"{raw}.{default_suffix}")
    parts = urlsplit(raw)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise UsageError.at(flag, 0, 0, f"{text!r} is not an account address",
                            f"write e.g. https://yourcompany.{default_suffix}")
    if parts.username or parts.password:
        raise UsageError.at(flag, 0, 0, "the address must not contain credentials",
                            "credentials come from the environment variable you name")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise UsageError.at(flag, 0, 0, "plain http would send the credentials unencrypted",
                            f"use https://{parts.netloc}")
    if parts.path not in ("", "/") or parts.query:
        raise UsageError.at(flag, 0, 0, f"{text!r} has a path; give the account's address only",
                            f"write e.g. {parts.scheme}://{parts.netloc}")
    return f"{parts.scheme}://{parts.netloc}"


class _Client:
    def __init__(self, base: str, auth: tuple[str, str], vendor: str,
                 options: FetchOptions) -> None:
        import httpx

        self.base, self.vendor, self.options = base, vendor, options
        self.host = urlsplit(base).netloc
        self.http = httpx.Client(auth=auth, timeout=httpx.Timeout(options.timeout),
                                 follow_redirects=False,
                                 headers={"Accept": "application/json",
                                          "User-Agent": "cxaudit-import"})

    def close(self) -> None:
        self.http.close()

    def get(self, url: str) -> tuple[JsonFile, Any]:
        """GET one page: (the parsed page, the httpx response)."""
        import httpx

        if urlsplit(url).netloc != self.host:
            raise self._fail(url, f"the next page is on another host ({urlsplit(url).netloc})",
                             "the credentials are only sent to the account's own address")
        attempt = 0
        while True:
            try:
                resp = self.http.get(url)
            except httpx.TimeoutException:
                if attempt >= self.options.retries:
                    raise self._fail(url, f"no answer within {self.options.timeout:g} s "
                                     f"({attempt + 1} tries)", "try again later") from None
                self.options.sleep(min(2.0 ** attempt, self.options.max_wait))
                attempt += 1
                continue
            except httpx.TransportError as exc:
                raise self._fail(url, f"cannot reach {self.host}: {type(exc).__name__}",
                                 "check the address and the network") from None
            if resp.status_code == 429 or resp.status_code >= 500:
                wait = _retry_after(resp.headers.get("Retry-After"))
                if wait is None:
                    wait = min(2.0 ** attempt, self.options.max_wait)
                if wait > self.options.max_wait:
                    raise self._fail(url, f"{self.vendor} asks to wait {wait:.0f} s before the "
                                     f"next request (HTTP {resp.status_code}), longer than "
                                     f"{self.options.max_wait:.0f} s", "try again later")
                if attempt >= self.options.retries:
                    raise self._fail(url, f"HTTP {resp.status_code} after {attempt + 1} tries",
                                     "try again later")
                self.options.sleep(wait)
                attempt += 1
                continue
            if resp.status_code != 200:
                raise self._status(url, resp.status_code, resp.headers.get("Location"))
            return parse_json(resp.content, url), resp

    def _status(self, url: str, code: int, location: str | None) -> FetchError:
        if code == 401:
            return self._fail(url, f"{self.vendor} refused the credentials (HTTP 401 "
                              "Unauthorized)", self._auth_hint())
        if code == 403:
            return self._fail(url, "the credentials may not read this (HTTP 403 Forbidden)",
                              "use an administrator's credentials; SLA policies and business "
                              "hours are admin settings")
        if code == 404:
            return self._fail(url, "not found (HTTP 404)", "check the account address; SLA "
                              "policies need a plan that has them")
        if 300 <= code < 400:
            return self._fail(url, f"redirected (HTTP {code}) to {location}",
                              "pass the address it redirects to")
        return self._fail(url, f"unexpected answer HTTP {code}", "try again later")

    def _auth_hint(self) -> str:
        if self.vendor == "Zendesk":
            return ("check --email and the API token in the variable named by --token-env "
                    "(Zendesk: Admin Center > Apps and integrations > Zendesk API)")
        return "check the API key in the variable named by --api-key-env (Profile settings)"

    def _fail(self, url: str, message: str, hint: str) -> FetchError:
        return FetchError([Problem(url, 0, 0, message, hint)])


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date); None if absent."""
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def fetch_zendesk(url: str, email: str, token: str,
                  options: FetchOptions = FetchOptions()) -> Export:
    """Policies, schedules and each schedule's holidays of a Zendesk account."""
    base = base_url(url, "zendesk.com", "--url")
    client = _Client(base, (f"{email}/token", token), "Zendesk", options)
    export = Export(base)
    try:
        export.pages["policies"] = _zendesk_pages(client, f"{base}/api/v2/slas/policies")
        export.pages["schedules"] = _zendesk_pages(client,
                                                   f"{base}/api/v2/business_hours/schedules")
        for page in export.pages["schedules"]:
            for sched in (page.data.get("schedules") or []) if isinstance(page.data, dict) else []:
                sid = str(sched.get("id")) if isinstance(sched, dict) else ""
                if not sid.isdigit():
                    raise page.error(("schedules",), "a schedule without a numeric id",
                                     "save the API response unchanged")
                export.holidays[sid] = _zendesk_pages(
                    client, f"{base}/api/v2/business_hours/schedules/{sid}/holidays")
    finally:
        client.close()
    return export


def _zendesk_pages(client: _Client, url: str) -> list[JsonFile]:
    pages: list[JsonFile] = []
    nxt: str | None = url
    while nxt:
        if len(pages) >= MAX_PAGES:
            raise ExportError.at(url, 0, 0, f"more than {MAX_PAGES} pages",
                                 "this is not an SLA configuration")
        page, _ = client.get(nxt)
        pages.append(page)
        data = page.data if isinstance(page.data, dict) else {}
        meta, links = data.get("meta"), data.get("links")
        nxt = data.get("next_page") if isinstance(data.get("next_page"), str) else None
        if isinstance(meta, dict) and meta.get("has_more") is True and isinstance(links, dict):
            nxt = links.get("next") if isinstance(links.get("next"), str) else nxt
        elif isinstance(meta, dict) and meta.get("has_more") is False:
            nxt = None
    return pages


def fetch_freshdesk(domain: str, api_key: str,
                    options: FetchOptions = FetchOptions()) -> Export:
    """SLA policies and business hours of a Freshdesk account (Link-header pagination)."""
    base = base_url(domain, "freshdesk.com", "--domain")
    client = _Client(base, (api_key, "X"), "Freshdesk", options)
    export = Export(base)
    try:
        for endpoint in ("sla_policies", "business_hours"):
            pages: list[JsonFile] = []
            nxt: str | None = f"{base}/api/v2/{endpoint}?per_page=100"
            while nxt:
                if len(pages) >= MAX_PAGES:
                    raise ExportError.at(endpoint, 0, 0, f"more than {MAX_PAGES} pages",
                                         "this is not an SLA configuration")
                page, resp = client.get(nxt)
                pages.append(page)
                link = resp.links.get("next") or {}
                nxt = link.get("url") if isinstance(link.get("url"), str) else None
            export.pages[endpoint] = pages
    finally:
        client.close()
    return export


def saved_files(vendor: str, export: Export) -> list[tuple[str, str]]:
    """(relative path, text) of every page, in the export layout `read_export` reads."""
    out: list[tuple[str, str]] = []

    def add(path: str, pages: list[JsonFile]) -> None:
        stem, ext = path.rsplit(".", 1)
        for i, page in enumerate(pages):
            out.append((path if i == 0 else f"{stem}.{i + 1}.{ext}", page.text))

    if vendor == "zendesk":
        add("slas/policies.json", export.pages.get("policies", []))
        add("business_hours/schedules.json", export.pages.get("schedules", []))
        for sid, pages in sorted(export.holidays.items()):
            add(f"business_hours/schedules/{sid}/holidays.json", pages)
    else:
        add("sla_policies.json", export.pages.get("sla_policies", []))
        add("business_hours.json", export.pages.get("business_hours", []))
    return out


__all__ = ["FetchError", "FetchOptions", "base_url", "fetch_freshdesk", "fetch_zendesk",
           "saved_files"]
