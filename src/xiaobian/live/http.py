"""The one HTTP layer every platform client uses (httpx).

* Timeouts on every request; GETs retried with exponential backoff on network errors, 5xx and
  each platform's "slow down" (``ratelimit``), waiting as long as the server asks; when it asks
  for longer than ``MAX_WAIT_S`` the sync stops with that said, instead of hanging.
* 401/403 become one clear error naming the account and how to renew its token.
* Tokens travel only in the ``Authorization`` header: never in a URL (httpx logs URLs), an error
  message or a ``repr``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpx

from xiaobian import __version__
from xiaobian.errors import UserError
from xiaobian.live import ratelimit

if TYPE_CHECKING:
    from xiaobian.live.accounts import Connected

RETRIES = 4
MAX_WAIT_S = 60.0
LOOKBACK_DAYS = 30
"""Graph pulls walk posts this far back before the cursor: people keep commenting on them."""


class SendUnknown(Exception):
    """A POST whose outcome cannot be known (a timeout, a dropped connection, a 5xx): it may have
    been posted. Never retried blindly; the outbox reconciles it by reading the thread."""


class Api:
    def __init__(self, base_url: str, token: str | None, *, label: str, renew_hint: str,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.label = label
        self.renew_hint = renew_hint
        self.did = ""  # the account's own id where a platform needs it in requests (Bluesky's DID)
        self.sleep = sleep
        headers = {"User-Agent": f"xiaobian/{__version__}"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.client = httpx.Client(base_url=base_url, transport=transport, follow_redirects=True,
                                   timeout=httpx.Timeout(15.0, connect=5.0), headers=headers)

    def __repr__(self) -> str:
        return f"Api({self.label!r})"

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, params: dict | None = None) -> httpx.Response:
        for attempt in range(RETRIES + 1):
            last = attempt == RETRIES
            try:
                response = self.client.get(url, params=params)
            except httpx.TransportError as exc:
                if last:
                    raise UserError(f"{self.label}: no answer from the server ({type(exc).__name__})",
                                    hint="check the network and run the sync again; it resumes "
                                         "from the last complete sync") from None
                self.sleep(_backoff(attempt))
                continue
            if ratelimit.throttled(response) or response.status_code >= 500:
                if last:
                    raise UserError(f"{self.label}: the server kept answering HTTP {response.status_code}",
                                    hint="try again later")
                self.sleep(self._wait(response, attempt))
                continue
            if response.status_code == 403 and "quota" in response.text.lower():
                raise UserError(f"{self.label}: the API quota for today is used up (HTTP 403)",
                                hint="try again after the quota resets (YouTube: midnight Pacific time)")
            if response.status_code in (401, 403):
                raise UserError(f"{self.label}: the server refused the token (HTTP {response.status_code})",
                                hint=self.renew_hint)
            if _graph_token_error(response):
                raise UserError(f"{self.label}: the server refused the token ({_graph_token_error(response)})",
                                hint=self.renew_hint)
            if response.status_code >= 400:
                raise UserError(f"{self.label}: HTTP {response.status_code} for {response.url.path}")
            self._respect_rate_limit(response)
            return response
        raise AssertionError("unreachable")

    def post(self, url: str, body: dict | None, *, idempotency_key: str) -> dict:
        """One attempt, no retries. Refused (4xx) is a UserError; unknown outcomes raise SendUnknown.
        ``body`` None sends none (some calls forbid one and answer 204)."""
        try:
            response = self.client.post(url, json=body, headers={"Idempotency-Key": idempotency_key}) \
                if body is not None else self.client.post(url, headers={"Idempotency-Key": idempotency_key})
        except httpx.ConnectError as exc:  # never reached the server: certainly not posted
            raise UserError(f"{self.label}: cannot reach the server ({type(exc).__name__})",
                            hint="the reply is kept; send it again when the network is back") from None
        except httpx.TransportError as exc:
            raise SendUnknown(type(exc).__name__) from None
        if ratelimit.throttled(response):
            raise UserError(f"{self.label}: the server is limiting our calls (HTTP {response.status_code})",
                            hint="the reply is kept; send it again in a few minutes")
        if response.status_code in (401, 403):
            raise UserError(f"{self.label}: the server refused the token (HTTP {response.status_code})",
                            hint=self.renew_hint)
        if response.status_code >= 500:
            raise SendUnknown(f"HTTP {response.status_code}")
        if _graph_token_error(response):
            raise UserError(f"{self.label}: the server refused the token ({_graph_token_error(response)})",
                            hint=self.renew_hint)
        if response.status_code >= 400:
            reason = ""
            try:
                reason = str(response.json().get("error", ""))[:200]
            except ValueError:
                pass
            raise UserError(f"{self.label}: the server refused the reply (HTTP {response.status_code}"
                            f"{': ' + reason if reason else ''})", hint="the reply is kept as a draft")
        if response.status_code == 204:
            return {}
        try:
            answer = response.json()
        except ValueError:
            raise SendUnknown("the answer was not JSON") from None
        return answer if isinstance(answer, dict) else {}

    def json(self, url: str, params: dict | None = None) -> tuple[Any, httpx.Response]:
        response = self.get(url, params)
        try:
            return response.json(), response
        except ValueError:
            raise UserError(f"{self.label}: the server sent something that is not JSON "
                            f"for {response.url.path}", hint="try again later") from None

    def pages(self, url: str, params: dict | None = None) -> Iterator[list]:
        """Each page of a list that continues through ``Link: <…>; rel="next"``."""
        next_url: str | None = url
        while next_url:
            data, response = self.json(next_url, params)
            if not isinstance(data, list):
                raise UserError(f"{self.label}: expected a list from {response.url.path}")
            yield data
            params = None  # the next link carries its own query
            next_url = response.links.get("next", {}).get("url") if data else None

    def cursor_pages(self, url: str, params: dict, items: str, *, field: str = "cursor",
                     param: str = "cursor") -> Iterator[list]:
        """Each page of a list that continues through a token in the body: XRPC's ``cursor``,
        Google's ``nextPageToken`` (sent back as ``pageToken``)."""
        params = dict(params)
        while True:
            data, response = self.json(url, params)
            page = data.get(items) if isinstance(data, dict) else None
            if not isinstance(page, list):
                raise UserError(f"{self.label}: expected a list of {items} from {response.url.path}")
            yield page
            if not page or not data.get(field):
                return
            params[param] = data[field]

    def graph_pages(self, url: str, params: dict) -> Iterator[list]:
        """Each page of a Graph API list (Facebook, Instagram, Threads): ``data`` with
        ``paging.next`` as the full URL of the next page."""
        next_url: str | None = url
        while next_url:
            data, response = self.json(next_url, params)
            page = data.get("data") if isinstance(data, dict) else None
            if not isinstance(page, list):
                raise UserError(f"{self.label}: expected a data list from {response.url.path}")
            yield page
            params = None
            next_url = (data.get("paging") or {}).get("next") if page else None

    def graph_recent(self, url: str, params: dict, cursor: str | None, time_field: str) -> list[dict]:
        """A newest-first Graph list from ``LOOKBACK_DAYS`` before ``cursor`` (Unix seconds) on;
        everything on a first pull. Stops paging at the first page that reaches older items."""
        oldest = int(cursor) - LOOKBACK_DAYS * 86_400 if cursor else None
        items: list[dict] = []
        for batch in self.graph_pages(url, params):
            fresh = [i for i in batch if oldest is None or graph_time(i[time_field]).timestamp() >= oldest]
            items += fresh
            if len(fresh) < len(batch):
                break
        return items

    def _wait(self, response: httpx.Response, attempt: int) -> float:
        """How long to wait before trying again: as long as the server asks, else backoff."""
        asked = ratelimit.wait_s(response)
        if asked is not None and asked > MAX_WAIT_S:
            raise UserError(f"{self.label}: the server asks us to wait {asked / 60:.0f} min before calling again"
                            f" (HTTP {response.status_code})",
                            hint="run the sync again after that; it resumes from the last complete sync")
        return asked if asked is not None else _backoff(attempt)

    def _respect_rate_limit(self, response: httpx.Response) -> None:
        """No calls left in this window: wait for it to reset before the next one (capped)."""
        if ratelimit.exhausted(response):
            reset = ratelimit.reset_at(response)
            if reset is not None:
                self.sleep(min(max(0.0, (reset - datetime.now(UTC)).total_seconds()), MAX_WAIT_S))


def graph_time(value: str) -> datetime:
    """Graph APIs (Facebook, Instagram, Threads) write ``2026-11-24T02:00:00+0000``."""
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")


def for_account(account: Connected, renew_hint: str, transport: httpx.BaseTransport | None = None,
                sleep: Callable[[float], None] = time.sleep) -> Api:
    """An Api for a connected account whose token goes as a Bearer header (all but Bluesky's login)."""
    return Api(account.server, account.resolve_token(), label=f"{account.platform} {account.handle}",
               renew_hint=renew_hint, transport=transport, sleep=sleep)


def _graph_token_error(response: httpx.Response) -> str:
    """Meta's Graph APIs answer an expired or revoked token with HTTP 400 and OAuthException
    code 190 (or 102); returns a short description of it, or "" for any other answer."""
    if response.status_code != 400:
        return ""
    try:
        error = response.json().get("error") or {}
    except (ValueError, AttributeError):
        return ""
    if error.get("code") in ratelimit.GRAPH_CODES:
        return ""
    if error.get("code") in (190, 102) or error.get("type") == "OAuthException":
        return f"OAuthException {error.get('code', '')}".strip()
    return ""


def _backoff(attempt: int) -> float:
    return min(0.5 * 2**attempt, MAX_WAIT_S)
