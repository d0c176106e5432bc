"""Writes about users: which organisation they act for, their memberships."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.models import Membership, User
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry


@transaction.atomic
def user_switch_organization(*, user: User, organization_id: int) -> None:
    """Act for another of the user's organisations from now on."""
    membership = next((m for m in permissions.principal(user).memberships if m.organization_id == organization_id), None)
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


@transaction.atomic
def membership_grant(*, actor, user: User, organization, role: str, valid_from=None, valid_to=None) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, organization=organization, defaults={"role": role, "valid_from": valid_from, "valid_to": valid_to}
    )
    if created:
        audit.record_create(actor=actor, target=membership)
    elif (membership.role, membership.valid_from, membership.valid_to) != (role, valid_from, valid_to):
        before = audit.snapshot(membership)
        membership.role, membership.valid_from, membership.valid_to = role, valid_from, valid_to
        membership.save()
        audit.record_update(actor=actor, target=membership, before=before)
    permissions.forget(user)
    return membership
