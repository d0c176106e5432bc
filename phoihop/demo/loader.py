"""Writing the demo data set through the services, idempotently.

Run twice, the second run creates nothing and changes nothing: organisations are found
by (name, level, administrative unit), re-organisations by their predecessors, users by
username and memberships by (user, organisation). Existing records are never altered,
except that `reset_passwords=True` sets the demo password again on existing demo users.
The actor of every audit row is None: the system did it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import check_password
from django.db import transaction

from phoihop.accounts import services as account_services
from phoihop.accounts.models import Membership, User
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.organisations import services as organisation_services
from phoihop.organisations.models import AdministrativeUnit, Organization, Reorganization
from phoihop.organisations.units import load_units

from . import data
from .data import DEMO_PASSWORD, DemoOrganization, DemoUser, UnitRef

SYSTEM = None  # the actor recorded in the audit log for the loader's changes


@dataclass
class LoadResult:
    units: dict[str, int] = field(default_factory=dict)
    organizations_created: int = 0
    reorganizations_created: int = 0
    users_created: int = 0
    memberships_created: int = 0
    passwords_reset: int = 0
    existing_users: list[str] = field(default_factory=list)
    # existing demo users whose password is no longer the demo password (and was kept)
    other_passwords: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _unit(ref: UnitRef | None) -> AdministrativeUnit | None:
    if ref is None:
        return None
    units = AdministrativeUnit.objects.filter(level=ref.level, code=ref.code)
    if ref.era == "2025":
        units = units.filter(valid_from=data.PROVINCES_MERGED)
    else:
        units = units.filter(valid_to=data.FORMER_MAP_ENDS)
    return units.get()


def _find_organization(spec: DemoOrganization, unit: AdministrativeUnit | None) -> Organization | None:
    return (
        Organization.objects.filter(name=spec.name, level=spec.level, administrative_unit=unit)
        .order_by("valid_from", "id")
        .first()
    )


def _ensure_organizations(result: LoadResult) -> dict[str, Organization]:
    orgs: dict[str, Organization] = {}
    for spec in data.ORGANIZATIONS.values():  # parents are listed before their children
        unit = _unit(spec.unit)
        org = _find_organization(spec, unit)
        if org is None:
            org = organisation_services.organization_create(
                actor=SYSTEM,
                name=spec.name,
                short_name=spec.short_name,
                kind=spec.kind,
                level=spec.level,
                administrative_unit=unit,
                parent=orgs[spec.parent] if spec.parent else None,
                issuer_code=spec.issuer_code,
                # Bodies of the former map are created with their end date (their unit's
                # end, or the day before their merger): the service refuses an open-ended
                # body in a unit that has ended, and the re-organisation accepts it.
                valid_from=spec.valid_from,
                valid_to=spec.valid_to,
                description=spec.description,
            )
            result.organizations_created += 1
        orgs[spec.key] = org
    return orgs


def _ensure_reorganizations(orgs: dict[str, Organization], result: LoadResult) -> None:
    for spec in data.REORGANIZATIONS:
        predecessors = [orgs[key] for key in spec.predecessors]
        successors = [orgs[key] for key in spec.successors]
        existing = _existing_reorganization(predecessors)
        if existing is not None:
            if {org.pk for org in existing.successors.all()} != {org.pk for org in successors}:
                result.warnings.append(
                    f"{', '.join(org.name for org in predecessors)}: đã được sắp xếp khác "
                    f"(ngày {existing.effective_date:%d/%m/%Y}); bỏ qua sắp xếp mẫu."
                )
            continue
        organisation_services.reorganization_record(
            actor=SYSTEM,
            kind=spec.kind,
            effective_date=spec.effective_date,
            legal_basis=spec.legal_basis,
            predecessors=predecessors,
            successors=successors,
            note=spec.note,
        )
        result.reorganizations_created += 1
        for org in predecessors:  # the service ended them; keep our copies current
            org.refresh_from_db()


def _existing_reorganization(predecessors: list[Organization]) -> Reorganization | None:
    """The re-organisation already recorded for any of these predecessors, if any."""
    return (
        Reorganization.objects.filter(predecessors__in=predecessors)
        .prefetch_related("successors")
        .order_by("effective_date", "id")
        .distinct()
        .first()
    )


def _ensure_users(orgs: dict[str, Organization], result: LoadResult, *, reset_passwords: bool) -> dict[str, User]:
    users: dict[str, User] = {}
    for spec in data.DEMO_USERS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = _create_user(spec, orgs)
            result.users_created += 1
        else:
            result.existing_users.append(spec.username)
            if reset_passwords:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                audit.record(
                    actor=SYSTEM,
                    action=AuditEntry.Action.EVENT,
                    event="password_reset",
                    target=user,
                    message="Đặt lại mật khẩu dữ liệu mẫu",
                )
                result.passwords_reset += 1
            elif not check_password(DEMO_PASSWORD, user.password):
                result.other_passwords.append(spec.username)
        for org_key, role in spec.memberships:
            organization = orgs[org_key]
            if Membership.objects.filter(user=user, organization=organization).exists():
                continue  # never alter a membership someone may have changed since
            account_services.membership_grant(actor=SYSTEM, user=user, organization=organization, role=role)
            result.memberships_created += 1
        users[spec.username] = user
    return users


def _create_user(spec: DemoUser, orgs: dict[str, Organization]) -> User:
    user = User(
        username=spec.username,
        full_name=spec.full_name,
        position=spec.position,
        is_staff=spec.is_superuser,
        is_superuser=spec.is_superuser,
        acting_organization=orgs[spec.memberships[0][0]] if spec.memberships else None,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    audit.record_create(actor=SYSTEM, target=user, message="Tài khoản dữ liệu mẫu")
    return user


@transaction.atomic
def load_demo(*, reset_passwords: bool = False) -> LoadResult:
    """Create whatever part of the demo data set is missing, in one transaction."""
    result = LoadResult()
    result.units = load_units()
    orgs = _ensure_organizations(result)
    _ensure_reorganizations(orgs, result)
    _ensure_users(orgs, result, reset_passwords=reset_passwords)
    return result
