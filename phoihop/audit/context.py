"""Who is acting, for which organisation, in which request: set once per request."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditContext:
    request_id: str = ""
    organization_id: int | None = None
    organization_name: str = ""


_current: ContextVar[AuditContext] = ContextVar("phoihop_audit_context", default=AuditContext())  # noqa: B039 — frozen, so sharing it is safe


def current() -> AuditContext:
    return _current.get()


def set_context(context: AuditContext):
    return _current.set(context)


def reset_context(token) -> None:
    _current.reset(token)


def set_acting_organization(organization_id: int | None, organization_name: str = "") -> None:
    """Called once the acting organisation of the request is known."""
    ctx = _current.get()
    _current.set(AuditContext(ctx.request_id, organization_id, organization_name))
