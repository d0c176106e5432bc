"""Writes about users: which organisation they act for, their memberships, API tokens."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.models import ApiToken, Membership, User
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry


@transaction.atomic
def user_switch_organization(*, user: User, organization_id: int) -> None:
    """Act for another of the user's organisations from now on."""
    membership = next(
        (m for m in permissions.principal(user).memberships if m.organization_id == organization_id), None
    )
    if membership is None:
        raise ValidationError({"organization": [_("Bạn không phải thành viên của cơ quan này.")]})
    if user.acting_organization_id == organization_id:
        return
    user.acting_organization_id = organization_id
    user.save(update_fields=["acting_organization"])
    audit.record(
        actor=user,
        action=AuditEntry.Action.EVENT,
        event="switch_organization",
        target=user,
        message=_("Chuyển sang làm việc cho %(org)s") % {"org": membership.organization.name},
    )


def membership_area_errors(*, organization, role: str, area) -> list[str]:
    """The area a membership covers (issue 5): required for a public-opinion collaborator,
    and within the organisation's own area; other roles cover none."""
    from phoihop.accounts.models import Role
    from phoihop.opinion.areas import unit_within

    if role != Role.COLLABORATOR:
        return [_("Chỉ cộng tác viên mới có địa bàn phụ trách.")] if area is not None else []
    if area is None:
        return [_("Hãy chọn địa bàn phụ trách của cộng tác viên.")]
    own = organization.administrative_unit if organization is not None else None
    if own is not None and not unit_within(area, own):
        return [
            _("%(area)s nằm ngoài địa bàn của %(org)s (%(own)s).")
            % {"area": area.name, "org": organization.name, "own": own.name}
        ]
    return []


@transaction.atomic
def membership_grant(
    *, actor, user: User, organization, role: str, valid_from=None, valid_to=None, area=None
) -> Membership:
    errors = membership_area_errors(organization=organization, role=role, area=area)
    if errors:
        raise ValidationError({"area": errors})
    membership, created = Membership.objects.get_or_create(
        user=user,
        organization=organization,
        defaults={"role": role, "valid_from": valid_from, "valid_to": valid_to, "area": area},
    )
    if created:
        audit.record_create(actor=actor, target=membership)
    elif (membership.role, membership.valid_from, membership.valid_to, membership.area_id) != (
        role,
        valid_from,
        valid_to,
        getattr(area, "pk", None),
    ):
        before = audit.snapshot(membership)
        membership.role, membership.valid_from, membership.valid_to = role, valid_from, valid_to
        membership.area = area
        membership.save()
        audit.record_update(actor=actor, target=membership, before=before)
    permissions.forget(user)
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    """End a membership by removing it; the audit row keeps what it was."""
    audit.record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        target=membership,
        changes=audit.diff(audit.snapshot(membership), {}),
    )
    membership.delete()
    permissions.forget(membership.user)


LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


@transaction.atomic
def api_token_issue(*, user: User) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the raw token (shown once, never stored)."""
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user,
        key_hash=ApiToken.hash(raw),
        prefix=raw[:8],
        expires_at=timezone.now() + dt.timedelta(days=settings.API_TOKEN_DAYS),
    )
    audit.record(
        actor=user,
        action=AuditEntry.Action.EVENT,
        event="api_token_issued",
        target=user,
        message=_("Cấp mã truy cập API %(prefix)s…, hết hạn %(expires)s")
        % {"prefix": token.prefix, "expires": timezone.localtime(token.expires_at).strftime("%d/%m/%Y %H:%M")},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    audit.record(
        actor=token.user,
        action=AuditEntry.Action.EVENT,
        event="api_token_revoked",
        target=token.user,
        message=_("Thu hồi mã truy cập API %(prefix)s…") % {"prefix": token.prefix},
    )
    token.delete()


def api_token_lookup(raw: str) -> ApiToken | None:
    """The live token for `raw` (unexpired, of an active user), else None.

    `last_used_at` is written at most once a minute per token, so a busy client does not
    turn every read into a write.
    """
    if not raw:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(raw)).first()
    now = timezone.now()
    if token is None or token.expires_at <= now or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
