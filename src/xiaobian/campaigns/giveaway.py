"""A fair giveaway draw that anyone can re-run and get the same winners.

The rules (``eligible``): one entry per person (platform + the platform's id for them); the
comment was made before the deadline, on the campaign's posts or linked to the campaign; not
our own account, not marked spam, not a DM; not a staff account (``staff``: ids, handles or
display names, matched without regard to case).

The draw (``pick``), in full::

    keys = sorted(f"{platform}\\t{author_id}" for each entrant)      # code-point order
    winners = random.Random(seed).sample(keys, k)                   # seed: the printed integer

The SHA-256 of the sorted keys joined by newlines is printed too, so whoever re-runs the draw
can check they start from the same list. Every draw is recorded (``giveaway_draws`` and the
audit log), so a draw repeated until a friend wins would show.
"""

from __future__ import annotations

import hashlib
import platform
import random
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo

from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.store import Store
from xiaobian.store.campaigns import moment
from xiaobian.store.results import Entrant
from xiaobian.timeutil import to_iso


@dataclass(frozen=True)
class DrawResult:
    campaign_id: int
    seed: int
    deadline: str
    entrants: list[Entrant]
    staff_excluded: int
    digest: str
    winners: list[Entrant]
    draw_id: int | None
    asked: int = 0
    """Winners asked for; more than the entrants means everyone won, and the result says so."""
    python: str = platform.python_version()


def is_staff(entrant: Entrant, staff: Iterable[str]) -> bool:
    names = {s.strip().lstrip("@").casefold() for s in staff if s.strip()}
    handle = entrant.author_id.split(":", 1)[-1]
    return bool(names & {entrant.author_id.casefold(), handle.casefold(),
                         entrant.author_name.strip().lstrip("@").casefold()})


def eligible(store: Store, campaign_id: int, deadline: str, staff: Iterable[str] = (),
             opens: str | None = None) -> tuple[list[Entrant], int]:
    """The entrants in canonical order, and how many staff accounts were left out."""
    staff = list(staff)
    everyone = store.results.entrants(campaign_id, deadline, opens)
    kept = [e for e in everyone if not is_staff(e, staff)]
    return kept, len(everyone) - len(kept)


def digest(keys: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()


def pick(keys: Sequence[str], seed: int, winners: int) -> list[str]:
    """The draw itself: ``random.Random(seed).sample(sorted(keys), winners)``."""
    ordered = sorted(keys)
    return random.Random(seed).sample(ordered, min(winners, len(ordered)))


def draw(store: Store, campaign_id: int, *, winners: int, deadline: str, seed: int | None = None,
         staff: Iterable[str] = (), record: bool = True, now: datetime | str | None = None,
         tz: tzinfo = UTC) -> DrawResult:
    """Draw ``winners`` from the eligible entrants; ``seed`` defaults to a fresh random one.
    ``record=False`` re-runs a draw to verify it without recording another. Entries open when
    the campaign's first day begins in ``tz``: a comment from before the giveaway is no entry."""
    campaign = store.campaigns.require(campaign_id)
    if winners < 1:
        raise UserError(t("campaigns.draw_bad_count", count=winners))
    opens = (to_iso(datetime.combine(date.fromisoformat(campaign.starts_on), time(), tz))
             if campaign.starts_on else None)
    entrants, excluded = eligible(store, campaign_id, deadline, staff, opens)
    if not entrants:
        raise UserError(t("campaigns.draw_nobody", deadline=deadline), hint=t("campaigns.draw_nobody_hint"))
    seed = secrets.randbelow(10**12) if seed is None else seed
    by_key = {e.key: e for e in entrants}
    keys = [e.key for e in entrants]
    chosen = [by_key[key] for key in pick(keys, seed, winners)]
    fingerprint = digest(keys)
    draw_id = None
    if record:
        draw_id = store.results.record_draw(
            campaign_id, at=moment(now), seed=str(seed), deadline=deadline, entrants=len(entrants),
            digest=fingerprint, winners=[{"platform": w.platform, "author_id": w.author_id,
                                          "author_name": w.author_name} for w in chosen])
    return DrawResult(campaign_id, seed, deadline, entrants, excluded, fingerprint, chosen, draw_id,
                      asked=winners)
