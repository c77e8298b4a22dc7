"""A small Chrome DevTools Protocol client over `--remote-debugging-pipe`, standard library only.

Chromium reads commands from its fd 3 and writes replies and events to its fd 4, each message a
JSON object followed by a NUL byte. `Browser` starts headless Chromium with those two pipes,
opens one page (a flattened session) and offers `send` (a command, waits for its reply) and
`wait_for` (an event). Every wait has a deadline so a stuck browser fails the test, never hangs it.
Events seen so far stay in `events` so a test can inspect console messages and requests.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe")


class CdpError(RuntimeError):
    """The browser answered with an error, died, or did not answer in time."""


def find_chromium() -> str | None:
    """The Chromium executable, or None when it is not installed."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


class Browser:
    """Headless Chromium driven over the DevTools pipe, with one page attached."""

    def __init__(self, executable: str, timeout: float = 20.0) -> None:
        self.timeout = timeout
        self.events: list[dict[str, Any]] = []
        self._inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._next_id = 0
        self.session = ""  # the page's session, once attached
        self._loader = ""  # the loader of the current document
        self._profile = tempfile.mkdtemp(prefix="cxaudit-chromium-")
        self.log = Path(self._profile) / "stderr.log"
        to_child_r, self._to_child = os.pipe()  # the child reads commands on fd 3
        self._from_child, from_child_w = os.pipe()  # and writes messages on fd 4

        def wire_fds() -> None:  # runs in the child between fork and exec
            # Move both ends clear of 3 and 4 first: either might already be 3 or 4.
            a = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        with open(self.log, "wb") as err:
            # close_fds=False: pass_fds would close fds 3 and 4 after wire_fds dup'ed them there;
            # every other descriptor Python opened is close-on-exec, so nothing else leaks.
            self.proc = subprocess.Popen(
                [executable, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=err, stderr=err, close_fds=False,
                preexec_fn=wire_fds)  # noqa: PLW1509 - only fcntl/dup2, before our thread starts
        os.close(to_child_r)
        os.close(from_child_w)
        threading.Thread(target=self._read, daemon=True).start()
        try:
            self.session = self._open_page()
        except BaseException:
            self.close()
            raise

    def _read(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_child, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                self._inbox.put(None)  # the browser closed its end: it exited
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                self._inbox.put(json.loads(raw))

    def _next(self, deadline: float, waiting_for: str) -> dict[str, Any]:
        left = deadline - time.monotonic()
        try:
            msg = self._inbox.get(timeout=max(left, 0.01))
        except queue.Empty:
            raise CdpError(f"no {waiting_for} within {self.timeout:g} s") from None
        if msg is None:
            self._inbox.put(None)
            raise CdpError(f"chromium exited while waiting for {waiting_for}; see {self.log}")
        return msg

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> dict[str, Any]:
        """Run one command (on the page session unless `session` is given) and return its result."""
        self._next_id += 1
        msg: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        sid = self.session if session is None else session
        if sid:
            msg["sessionId"] = sid
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._next(deadline, f"reply to {method}")
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method: str) -> dict[str, Any]:
        """Wait for the next event `method` (on any session) and return its params."""
        deadline = time.monotonic() + self.timeout
        while True:
            msg = self._next(deadline, f"event {method}")
            if "method" in msg:
                self.events.append(msg)
                if msg["method"] == method:
                    params: dict[str, Any] = msg.get("params", {})
                    return params

    def _open_page(self) -> str:
        target = self.send("Target.createTarget", {"url": "about:blank"}, session="")
        attached = self.send("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True}, session="")
        sid: str = attached["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.send(f"{domain}.enable", session=sid)
        return sid

    def viewport(self, width: int, height: int, mobile: bool) -> None:
        """Emulate a screen `width` CSS pixels wide (a phone when `mobile`)."""
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def navigate(self, url: str) -> None:
        """Load `url` and wait until its load event fired.

        `problems` and `requests` then report only this document: events that a previous page
        sends late belong to its own loader and execution contexts, which are filtered out.
        """
        self.events.clear()
        self._loader = self.send("Page.navigate", {"url": url}).get("loaderId", "")
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (run by the test, not the page)."""
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in reply:
            raise CdpError(f"evaluate {expression!r}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def screenshot(self, path: Path) -> bytes:
        """Save a full-page PNG to `path` and return its bytes."""
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        shot = self.send("Page.captureScreenshot",
                         {"format": "png", "captureBeyondViewport": True, "clip": clip})
        data = base64.b64decode(shot["data"])
        path.write_bytes(data)
        return data

    def _contexts(self) -> set[int]:
        return {e["params"]["context"]["id"] for e in self.events
                if e["method"] == "Runtime.executionContextCreated"}

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and log errors of the current document."""
        out = []
        contexts, requests = self._contexts(), self._request_ids()
        for e in self.events:
            p = e.get("params", {})
            if p.get("executionContextId", p.get("exceptionDetails", {}).get(
                    "executionContextId", 0)) not in contexts | {0}:
                continue  # a late message from the previous document
            if p.get("entry", {}).get("networkRequestId", "") not in requests | {""}:
                continue
            if e["method"] == "Runtime.exceptionThrown":
                details = p["exceptionDetails"]
                thrown = details.get("exception", {}).get("description", "")
                out.append(f"exception: {details.get('text')} {thrown}".strip())
            elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append(f"console.{p['type']}: {[a.get('value') for a in p.get('args', [])]}")
            elif e["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
                out.append(f"log: {p['entry'].get('text')} {p['entry'].get('url', '')}")
        return out

    def _sent(self) -> list[dict[str, Any]]:
        return [e["params"] for e in self.events if e["method"] == "Network.requestWillBeSent"
                and e["params"].get("loaderId") == self._loader]

    def _request_ids(self) -> set[str]:
        return {p["requestId"] for p in self._sent()}

    def requests(self) -> list[str]:
        """URLs the current document requested, itself included."""
        return [p["request"]["url"] for p in self._sent()]

    def close(self) -> None:
        """Close the browser (politely, then by force) and remove its profile."""
        try:
            if self.proc.poll() is None:
                with contextlib.suppress(CdpError, OSError):
                    self.send("Browser.close", session="")
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        finally:
            for fd in (self._to_child, self._from_child):
                with contextlib.suppress(OSError):
                    os.close(fd)
            shutil.rmtree(self._profile, ignore_errors=True)
