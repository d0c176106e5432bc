"""Background jobs of notifications: plain functions the worker runs (and tests call)."""

from __future__ import annotations

from phoihop.notifications import services


def deliver_immediate(user_ids: list[int] | None = None) -> int:
    """E-mail the notifications their recipients want at once: one e-mail per person.
    Queued by `services.notify_many` after commit; also swept by the daily digest."""
    return services.deliver(digest=False, user_ids=user_ids)


def send_daily_digest() -> int:
    """Once a day: each user who gets some kinds as a digest receives ONE e-mail listing
    all their notifications of those kinds not yet sent. Then it sweeps immediate ones
    left behind (if the worker was down when they were queued)."""
    sent = services.deliver(digest=True)
    return sent + services.deliver(digest=False)
