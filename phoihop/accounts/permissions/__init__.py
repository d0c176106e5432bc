"""The one place that answers "may user U do action A on object O".

This package is the permission module: the rules of the first areas are below, the
rules of later areas each in a module of their own beside this one (`opinion`, `press`,
`hotissues`, `claims`), registered in AREA_RULES at the end of this file and re-exported
here, so callers always write `from phoihop.accounts import permissions`.

Every view, API endpoint and service that acts for a user goes through `can`, `check`
or one of the `visible_*` querysets below. The rules (DESIGN.md, "Same level, clear
ownership"):

* A site administrator may do everything, except change the audit log (nobody may).
* A member of an organisation sees that organisation's records and whatever it is a
  party to; leaders, officers and focal points edit them, collaborators and viewers
  read them.
* An upper level reads the records of the levels below it in its area — a province over
  its districts and communes, a district over its communes, the centre over all — and
  never edits them.
* Everybody else gets 404: nothing tells them the object exists.

The organisation registry is a little wider than "records": a member also sees the
organisations of the same level and area (the partners the same-level rule of
238-QĐ/TW lets it coordinate with) and the predecessors and successors of its own
organisations (their lineage).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import Membership, Role
from phoihop.organisations import lineage, scope
from phoihop.organisations.models import AdministrativeUnit, Level, Organization, Reorganization


class Action(enum.StrEnum):
    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"
    DELETE = "delete"
    REPORT = "report"  # report one's own part of a task


class Access(enum.IntEnum):
    """How a user stands toward the records owned by one organisation."""

    NONE = 0
    READ = 1
    EDIT = 2
    ADMIN = 3


EDITOR_ROLES = frozenset({Role.LEADER, Role.OFFICER, Role.FOCAL_POINT})


@dataclass
class Principal:
    """What the permission rules need to know about a user, loaded once per request."""

    user: object
    is_admin: bool = False
    memberships: list[Membership] = field(default_factory=list)

    @property
    def organization_ids(self) -> set[int]:
        return {m.organization_id for m in self.memberships}

    @property
    def editor_organization_ids(self) -> set[int]:
        return {m.organization_id for m in self.memberships if m.role in EDITOR_ROLES}

    @property
    def history_organization_ids(self) -> set[int]:
        """The user's organisations and their predecessors: a successor reads the
        finished work of the bodies it came from."""
        cached = getattr(self, "_history_ids", None)
        if cached is None:
            cached = self.organization_ids | lineage.predecessor_ids(self.organization_ids)
            self._history_ids = cached
        return cached

    def with_roles(self, roles) -> Principal:
        """The same user, counting only the memberships of these roles: e.g. a collaborator
        of a province department is no upper level for the opinion reports and hot issues
        of the communes below it (it files reports, it does not read the department's)."""
        kept = [m for m in self.memberships if m.role in roles]
        return Principal(user=self.user, is_admin=self.is_admin, memberships=kept)

    def role_in(self, organization_id: int) -> str | None:
        for membership in self.memberships:
            if membership.organization_id == organization_id:
                return membership.role
        return None

    @property
    def is_central(self) -> bool:
        return any(m.organization.level == Level.CENTRAL for m in self.memberships)

    def upper_level_q(self, prefix: str = "") -> Q:
        """Organisations (reached through `prefix`) in the areas below the user's."""
        return scope.areas_below_q([m.organization for m in self.memberships], prefix)

    def same_level_q(self, prefix: str = "") -> Q:
        q = Q(pk__in=[])
        for membership in self.memberships:
            org = membership.organization
            if org.administrative_unit_id:
                q |= Q(**{f"{prefix}level": org.level, f"{prefix}administrative_unit_id": org.administrative_unit_id})
            else:
                q |= Q(**{f"{prefix}level": org.level, f"{prefix}administrative_unit__isnull": True})
        return q


def principal(user) -> Principal:
    """The user's principal, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Principal(user=user)
    cached = getattr(user, "_phoihop_principal", None)
    if cached is not None:
        return cached
    today = timezone.localdate()
    memberships = list(
        Membership.objects.active(today)
        .filter(user=user)
        # On the joined row, not `organization__in=valid_on(...)`: that subquery reads the
        # validity of every organisation in the registry (20,000 in the benchmark).
        .filter(
            Q(organization__valid_from__isnull=True) | Q(organization__valid_from__lte=today),
            Q(organization__valid_to__isnull=True) | Q(organization__valid_to__gte=today),
        )
        .select_related("organization", "organization__administrative_unit")
    )
    result = Principal(user=user, is_admin=user.is_superuser, memberships=memberships)
    user._phoihop_principal = result
    return result


def forget(user) -> None:
    """Drop the cached principal (after memberships change within a request)."""
    if hasattr(user, "_phoihop_principal"):
        del user._phoihop_principal


# --- records owned by organisations -------------------------------------------------


def organization_access(user, organization: Organization) -> Access:
    """How `user` stands toward the records owned by (or party to) `organization`."""
    who = principal(user)
    if who.is_admin:
        return Access.ADMIN
    role = who.role_in(organization.pk)
    if role is not None:
        return Access.EDIT if role in EDITOR_ROLES else Access.READ
    if who.is_central:
        return Access.READ
    upper = who.upper_level_q()
    if upper and Organization.objects.filter(upper, pk=organization.pk).exists():
        return Access.READ
    return Access.NONE


# --- the organisation registry ------------------------------------------------------


def visible_organizations(user, queryset: QuerySet | None = None) -> QuerySet:
    """Organisations the user may see in the registry."""
    queryset = Organization.objects.all() if queryset is None else queryset
    who = principal(user)
    if not who.memberships and not who.is_admin:
        return queryset.none()
    if who.is_admin or who.is_central:
        return queryset
    related = lineage.lineage_ids(who.organization_ids)
    return queryset.filter(Q(pk__in=list(who.organization_ids | related)) | who.same_level_q() | who.upper_level_q())


def visible_reorganizations(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Reorganization.objects.all() if queryset is None else queryset
    who = principal(user)
    if who.is_admin or who.is_central:
        return queryset
    visible_ids = visible_organizations(user).values("pk")
    return queryset.filter(Q(predecessors__in=visible_ids) | Q(successors__in=visible_ids)).distinct()


def visible_units(user, queryset: QuerySet | None = None) -> QuerySet:
    """Administrative units are public reference data for every signed-in user."""
    queryset = AdministrativeUnit.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset


# --- programmes, plans and tasks -----------------------------------------------------


def visible_programs(user, queryset: QuerySet | None = None) -> QuerySet:
    """Programmes one of the user's organisations (or their predecessors) is party to,
    and, for an upper level, those of the organisations below it."""
    from phoihop.programs.models import Program, ProgramParty

    queryset = Program.objects.all() if queryset is None else queryset
    who = principal(user)
    if who.is_admin or who.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    parties = ProgramParty.objects.filter(
        Q(organization_id__in=list(who.history_organization_ids)) | who.upper_level_q("organization__")
    ).values("program_id")
    return queryset.filter(pk__in=parties)


# Up to this many visible programmes, task lists filter on their ids as a list: the
# planners then use the task indexes from the plans of those programmes instead of walking
# the whole due-date index and testing each row against a subquery (PostgreSQL: page 200
# of an officer's tasks among a million took 2.1 s with the subquery, 0.2 s with the list).
PROGRAM_ID_LIST_LIMIT = 5000


def visible_program_ids(user) -> list[int] | None:
    """The ids of the programmes `visible_programs(user)` returns (one query); None when
    the user sees them all or when they are too many for a list."""
    who = principal(user)
    if who.is_admin or who.is_central:
        return None
    ids = list(visible_programs(user).order_by().values_list("pk", flat=True)[: PROGRAM_ID_LIST_LIMIT + 1])
    return ids if len(ids) <= PROGRAM_ID_LIST_LIMIT else None


def visible_tasks(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.programs.models import Task

    queryset = Task.objects.all() if queryset is None else queryset
    who = principal(user)
    if who.is_admin or who.is_central:
        return queryset
    program_ids = visible_program_ids(user)
    if program_ids is not None:
        return queryset.filter(plan__program_id__in=program_ids)
    return queryset.filter(plan__program__in=visible_programs(user).values("pk"))


def may_lead(user, lead_organizations) -> bool:
    """May the user bind these lead organisations to a new (or re-partied) programme?
    Only if they edit for one of them, or administer the site."""
    return any(organization_access(user, org) >= Access.EDIT for org in lead_organizations)


def may_reassign_task(user, task) -> bool:
    """May the user change who leads a task and who takes part in it? Only the
    programme's lead (its editors) or an administrator: a task lead that is a partner of
    the programme runs its task but does not hand it to others."""
    who = principal(user)
    return who.is_admin or _leads_program(who, task.plan.program)


def _leads_program(who: Principal, program) -> bool:
    return any(
        party.role == "lead" and party.organization_id in who.editor_organization_ids for party in program.parties.all()
    )


def _sees_program(user, who: Principal, program) -> bool:
    """`visible_programs(user)` for one programme, cheaply when its parties are
    prefetched: one of the user's organisations among them answers without a query; else
    an upper level's reading is one query on the programme's parties (none for a user
    with no province or district membership); the predecessors (lineage) come last."""
    if who.is_admin or who.is_central:
        return True
    if not who.memberships:
        return False
    parties = getattr(program, "_prefetched_objects_cache", {}).get("parties")
    if parties is None:
        return visible_programs(user).filter(pk=program.pk).exists()
    party_ids = {party.organization_id for party in parties}
    if party_ids & who.organization_ids:
        return True
    from phoihop.programs.models import ProgramParty

    if ProgramParty.objects.filter(who.upper_level_q("organization__"), program_id=program.pk).exists():
        return True
    return bool(party_ids & who.history_organization_ids)


def _program_rule(user, who: Principal, action: Action, program) -> bool:
    if action is Action.VIEW:
        return _sees_program(user, who, program)
    return who.is_admin or _leads_program(who, program)


# --- notifications (issue 4) ----------------------------------------------------------


def visible_notifications(user, queryset: QuerySet | None = None) -> QuerySet:
    """The user's own notifications; nobody sees anybody else's."""
    from phoihop.notifications.models import Notification

    queryset = Notification.objects.all() if queryset is None else queryset
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    return queryset.filter(recipient_id=user.pk)


# --- documents and the incoming register (phoihop.documents) --------------------------
#
# Public documents: every user with a membership in force. Internal documents and
# confidential records: members of the owner (and of its successors, through lineage),
# of the organisations it is shared with, and the levels above the owner (read only).
# Changing, adding a version, sharing: editors of the owner. The incoming register of
# an organisation: its members (and its successors') read it, the levels above read it,
# its editors register. Administrators do everything.


def visible_documents(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.documents.models import Classification, Document, DocumentShare

    queryset = Document.objects.all() if queryset is None else queryset
    who = principal(user)
    if who.is_admin or who.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    ids = list(who.history_organization_ids)
    shared = DocumentShare.objects.filter(organization_id__in=ids).values("document_id")
    return queryset.filter(
        Q(classification=Classification.PUBLIC) | Q(owner_id__in=ids) | Q(pk__in=shared) | who.upper_level_q("owner__")
    )


def _sees_document(user, who: Principal, document) -> bool:
    if who.is_admin or who.is_central:
        return True
    if not who.memberships:
        return False
    if document.classification == "public" or document.owner_id in who.history_organization_ids:
        return True
    return visible_documents(user).filter(pk=document.pk).exists()


def incoming_register_access(user, organization: Organization) -> Access:
    """How `user` stands toward the incoming register of `organization`: EDIT to
    register, READ to read it, NONE (404) otherwise."""
    access = organization_access(user, organization)
    if access is Access.NONE and organization.pk in principal(user).history_organization_ids:
        return Access.READ
    return access


def visible_incoming_entries(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.documents.models import IncomingEntry

    queryset = IncomingEntry.objects.all() if queryset is None else queryset
    who = principal(user)
    if who.is_admin or who.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    return queryset.filter(
        Q(receiving_organization_id__in=list(who.history_organization_ids))
        | who.upper_level_q("receiving_organization__")
    )


def _document_rule(user, who: Principal, action: Action, obj) -> bool:
    label = obj._meta.label
    if label == "documents.Document":
        if isinstance(obj, type):  # creating: for an organisation one edits for
            return who.is_admin or bool(who.editor_organization_ids)
        if action is Action.VIEW:
            return _sees_document(user, who, obj)
        return who.is_admin or obj.owner_id in who.editor_organization_ids
    if label == "documents.DocumentVersion":
        if isinstance(obj, type):
            return who.is_admin or bool(who.editor_organization_ids)
        return _document_rule(user, who, action, obj.document)
    # documents.IncomingEntry
    if isinstance(obj, type):
        return who.is_admin or bool(who.editor_organization_ids)
    access = incoming_register_access(user, obj.receiving_organization)
    return access >= (Access.READ if action is Action.VIEW else Access.EDIT)


# --- exchange: subjects, assessments, communication plans (issue 4) -----------------
#
# A subject lives under a programme: whoever sees the programme sees the subject, its
# assessment and its communication plan. Two sides act on it. The *owner* (the party that
# registers it) edits and registers it; the *department* — the lead parties of the
# programme other than the owner (all lead parties if the owner is the only one), i.e. the
# propaganda department — acknowledges it, assesses it, writes the plan, generates the
# tasks and closes it. Either side may cancel it or move one of its key dates. Approving
# or returning an assessment needs a *leader* of the department: nobody else, not even a
# site administrator (the approval is a leader's decision, not an administrative act).


def subject_department_ids(subject) -> set[int]:
    """The organisations that act as "the department" for a subject."""
    leads = [party.organization_id for party in subject.program.parties.all() if party.role == "lead"]
    others = {pk for pk in leads if pk != subject.owner_id}
    return others or set(leads)


def _subject_sides(who: Principal, subject) -> tuple[bool, bool]:
    """(edits for the owner, edits for the department)."""
    editing = who.editor_organization_ids
    return subject.owner_id in editing, bool(subject_department_ids(subject) & editing)


SUBJECT_OWNER_ACTIONS = frozenset({"register"})
SUBJECT_DEPARTMENT_ACTIONS = frozenset({"acknowledge", "assess", "generate_plan", "close"})
SUBJECT_EITHER_ACTIONS = frozenset({"cancel", "move_key_date"})


def may_transition_subject(user, subject, action: str) -> bool:
    """May the user do `action` (a transition of `exchange.transitions.SUBJECT`, or
    "move_key_date") on a subject they see?"""
    who = principal(user)
    if who.is_admin:
        return True
    owner, department = _subject_sides(who, subject)
    if action in SUBJECT_OWNER_ACTIONS:
        return owner
    if action in SUBJECT_DEPARTMENT_ACTIONS:
        return department
    if action in SUBJECT_EITHER_ACTIONS:
        return owner or department
    return False


def may_register_for(user, organization) -> bool:
    """May the user register a subject owned by `organization`? Its editors may."""
    who = principal(user)
    return who.is_admin or organization.pk in who.editor_organization_ids


def may_review_assessment(user, subject) -> bool:
    """Approve or return the assessment of a subject: a leader of the department only."""
    departments = subject_department_ids(subject)
    return any(m.role == Role.LEADER and m.organization_id in departments for m in principal(user).memberships)


def visible_subjects(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.exchange.models import Subject

    queryset = Subject.objects.all() if queryset is None else queryset
    who = principal(user)
    if who.is_admin or who.is_central:
        return queryset
    return queryset.filter(program__in=visible_programs(user).values("pk"))


def _exchange_rule(user, who: Principal, action: Action, obj) -> bool:
    label = obj._meta.label
    if label == "exchange.PlanTemplate" or label == "exchange.PlanTemplateActivity":
        return (bool(who.memberships) or who.is_admin) if action is Action.VIEW else who.is_admin
    if isinstance(obj, type):
        # Creating: anyone who edits for an organisation; where is checked on the subject.
        return who.is_admin or bool(who.editor_organization_ids)
    if label == "exchange.Subject":
        subject = obj
    elif label == "exchange.PlanActivity":
        subject = obj.plan.subject
    else:  # exchange.Assessment, exchange.CommunicationPlan, exchange.SubjectKeyDate
        subject = obj.subject
    if action is Action.VIEW:
        return _sees_program(user, who, subject.program)
    if who.is_admin:
        return True
    owner, department = _subject_sides(who, subject)
    if label == "exchange.Subject" or label == "exchange.SubjectKeyDate":
        return owner or department
    return department


# --- exchange: invitations (issue 4, item 6) ------------------------------------------
#
# An invitation to an activity of a subject is seen by the members of the inviting
# organisation, of the invited organisations (and of their successors, through lineage),
# and by the levels above the inviter (read only); by nobody else (404). Seeing an
# invitation does not open its subject: an invited organisation that is no party of the
# programme sees the invitation only; invitees see it once sent, never as a draft. The
# inviter's editors edit, send and cancel it.
# An invited organisation's editors — and only they, not even a site administrator —
# answer for that organisation. Inviting: an editor of a party of the subject's programme,
# for that party; whom it may invite (the programme's parties, or any organisation it sees
# in the registry) is checked by the service.


def visible_invitations(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.exchange.models import Invitation, InvitationResponse

    queryset = Invitation.objects.all() if queryset is None else queryset
    who = principal(user)
    if who.is_admin or who.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    ids = list(who.history_organization_ids)
    # Invitees see an invitation once it is sent, never a draft.
    invited = InvitationResponse.objects.filter(organization_id__in=ids).exclude(invitation__status="draft")
    invited = invited.values("invitation_id")
    return queryset.filter(Q(inviter_id__in=ids) | Q(pk__in=invited) | who.upper_level_q("inviter__"))


def _sees_invitation(user, who: Principal, invitation) -> bool:
    if who.is_admin or who.is_central:
        return True
    if not who.memberships:
        return False
    ids = who.history_organization_ids
    if invitation.inviter_id in ids:
        return True
    responses = getattr(invitation, "_prefetched_objects_cache", {}).get("responses")
    if invitation.status == "draft":
        return visible_invitations(user).filter(pk=invitation.pk).exists()  # the inviter's side only
    if responses is not None and any(r.organization_id in ids for r in responses):
        return True
    return visible_invitations(user).filter(pk=invitation.pk).exists()


def inviting_organization_ids(user, subject) -> set[int]:
    """The parties of the subject's programme the user may invite for (all of them for an
    administrator)."""
    who = principal(user)
    party_ids = {party.organization_id for party in subject.program.parties.all()}
    return party_ids if who.is_admin else party_ids & who.editor_organization_ids


def may_answer_invitation(user, response) -> bool:
    """Answer an invitation for one invited organisation: its editors only."""
    return response.organization_id in principal(user).editor_organization_ids


def _invitation_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):
        return who.is_admin or bool(who.editor_organization_ids)
    if obj._meta.label == "exchange.InvitationResponse":
        if action is Action.VIEW:
            return _sees_invitation(user, who, obj.invitation)
        return may_answer_invitation(user, obj)
    if action is Action.VIEW:
        return _sees_invitation(user, who, obj)
    return who.is_admin or obj.inviter_id in who.editor_organization_ids


# --- information provisions (phoihop.provisions) ---------------------------------------
#
# A provision is seen by the members of its provider and of its receiver (and of their
# successors, through lineage, as the programme rules do) and by the levels above either
# (read only); everybody else gets 404. Providing and correcting: editors (leader,
# officer, focal point) of the provider — which programme and period is checked in the
# service. Acknowledging (the read receipt): editors of the receiver only, administrators
# included in neither — a receipt says who at the receiving agency read it.


def visible_provisions(user, queryset: QuerySet | None = None) -> QuerySet:
    from phoihop.provisions.models import InformationProvision

    queryset = InformationProvision.objects.all() if queryset is None else queryset
    who = principal(user)
    if who.is_admin or who.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    ids = list(who.history_organization_ids)
    return queryset.filter(
        Q(provider_id__in=ids)
        | Q(receiver_id__in=ids)
        | who.upper_level_q("provider__")
        | who.upper_level_q("receiver__")
    )


def _sees_provision(user, who: Principal, provision) -> bool:
    if who.is_admin or who.is_central:
        return True
    if not who.memberships:
        return False
    if {provision.provider_id, provision.receiver_id} & who.history_organization_ids:
        return True
    return visible_provisions(user).filter(pk=provision.pk).exists()


def may_acknowledge_provision(user, provision) -> bool:
    """May the user sign the read receipt of a provision? Editors of its receiver only."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return provision.receiver_id in principal(user).editor_organization_ids


def _provision_rule(user, who: Principal, action: Action, obj) -> bool:
    if isinstance(obj, type):  # providing: for an organisation one edits for
        return who.is_admin or bool(who.editor_organization_ids)
    if action is Action.VIEW:
        return _sees_provision(user, who, obj)
    return who.is_admin or obj.provider_id in who.editor_organization_ids


# --- end of information provisions ------------------------------------------------------


# --- exchange: documents of a subject (issue 4, item 1) --------------------------------
#
# The owner of a subject provides its documents to the department: only editors (leader,
# officer, focal point) of the owner — and administrators — attach and detach them. New
# files become documents of the owner shared with the department, so the department reads
# and downloads them; it does not attach documents itself (they would not be the owner's).
# Who sees the subject sees the list of its documents, but each document only as the
# documents rules allow (an upper level of the department does not thereby read them).


def may_attach_subject_document(user, subject) -> bool:
    """May the user attach documents to `subject` (or detach them)? Editors of its owner."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    who = principal(user)
    return who.is_admin or subject.owner_id in who.editor_organization_ids


def visible_subject_documents(user, queryset: QuerySet) -> QuerySet:
    """The documents of `queryset` (a subject's, or its owner's) the user sees through
    their own organisations — `visible_documents` without the predecessors' share, so the
    subject page lists them in one query, with no lineage walk. Never more than
    `visible_documents` shows; the download (documents app) checks the full rule."""
    from phoihop.documents.models import Classification, DocumentShare

    who = principal(user)
    if who.is_admin or who.is_central:
        return queryset
    if not who.memberships:
        return queryset.none()
    ids = list(who.organization_ids)
    shared = DocumentShare.objects.filter(organization_id__in=ids).values("document_id")
    return queryset.filter(
        Q(classification=Classification.PUBLIC) | Q(owner_id__in=ids) | Q(pk__in=shared) | who.upper_level_q("owner__")
    )


# --- end of documents of a subject ------------------------------------------------------


# --- the question every view asks ---------------------------------------------------


def can(user, action: Action | str, obj) -> bool:
    """May `user` do `action` on `obj`? `obj` may be a model class for CREATE."""
    action = Action(action)
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    who = principal(user)
    model = obj if isinstance(obj, type) else type(obj)

    if model is Organization or model is Reorganization:
        if action is Action.VIEW:
            if isinstance(obj, type):
                return bool(who.memberships) or who.is_admin
            visible = visible_organizations if model is Organization else visible_reorganizations
            return visible(user).filter(pk=obj.pk).exists()
        # The registry and re-organisations are kept by site administrators.
        return who.is_admin

    if model is AdministrativeUnit:
        return action is Action.VIEW or who.is_admin

    label = model._meta.label
    if action is Action.REPORT and label != "programs.TaskPart":
        # Progress is reported on one party's part of a task, never on the task itself.
        raise LookupError(f"Action.REPORT is checked on a programs.TaskPart, not on {label}")
    if label in {"programs.Program", "programs.AnnualPlan", "programs.Task"} and isinstance(obj, type):
        # Creating: administrators, and anyone who edits for an organisation; which
        # programme or plan they may add to is checked on that programme. CHANGE on a
        # programme, plan or task implies this (its editors edit for an organisation), so
        # adding a plan or task needs only CHANGE on where it goes.
        return who.is_admin or bool(who.editor_organization_ids)
    if label == "programs.Program":
        return _program_rule(user, who, action, obj)
    if label == "programs.AnnualPlan":
        return _program_rule(user, who, action, obj.program)
    if label == "programs.Task":
        if action is Action.VIEW:
            return _program_rule(user, who, action, obj.plan.program)
        return who.is_admin or obj.lead_id in who.editor_organization_ids or _leads_program(who, obj.plan.program)
    if label == "programs.TaskPart":
        if action is Action.VIEW:
            return _program_rule(user, who, action, obj.task.plan.program)
        # Each party reports its own part, and only its own.
        return who.is_admin or obj.organization_id in who.editor_organization_ids

    # --- notifications and background jobs (issue 4: notifications, jobs) ---------------
    # A notification and a delivery preference belong to one user: only that user sees
    # or changes them (administrators included: nobody reads another's notifications).
    # The background jobs page and django-q2's rows are for site administrators only.
    if label in {"notifications.Notification", "notifications.NotificationPreference"}:
        if isinstance(obj, type):
            return action is Action.VIEW
        owner_id = obj.recipient_id if label == "notifications.Notification" else obj.user_id
        return owner_id == user.pk and action in {Action.VIEW, Action.CHANGE}
    if label in {"django_q.Task", "django_q.Schedule", "django_q.Success", "django_q.Failure", "django_q.OrmQ"}:
        return who.is_admin
    # --- end of notifications and background jobs -------------------------------------
    # documents, their versions and the incoming register (rules above, "documents")
    if label in {"documents.Document", "documents.DocumentVersion", "documents.IncomingEntry"}:
        return _document_rule(user, who, action, obj)
    # exchange: invitations and their answers (issue 4, item 6): see the block above.
    if label in {"exchange.Invitation", "exchange.InvitationResponse"}:
        return _invitation_rule(user, who, action, obj)
    # exchange: subjects, assessments, communication plans (issue 4): see the block above.
    if label.startswith("exchange."):
        return _exchange_rule(user, who, action, obj)

    # information provisions (rules above, "information provisions")
    if label == "provisions.InformationProvision":
        return _provision_rule(user, who, action, obj)

    if model._meta.label == "audit.AuditEntry":
        # Read through the page of the object it describes; never changed by anybody.
        return action is Action.VIEW and who.is_admin

    if model._meta.label in {"accounts.User", "accounts.Membership"}:
        return who.is_admin

    # The areas whose rules live in a module of this package (opinion, press, hot
    # issues, false claims): each declares RULES = {model label: rule}.
    rule = AREA_RULES.get(label)
    if rule is not None:
        return rule(user, who, action, obj)

    raise LookupError(f"no permission rule for {model._meta.label}")


def check(user, action: Action | str, obj) -> None:
    """Raise Http404 if the user may not see `obj`, PermissionDenied if they may see it
    but not do `action`."""
    if not isinstance(obj, type) and not can(user, Action.VIEW, obj):
        raise Http404(_("Không tìm thấy."))
    if Action(action) is not Action.VIEW and not can(user, action, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def acting_memberships(user) -> list[Membership]:
    """The organisations the user may act for, in Vietnamese order."""
    from phoihop.core.text import sort_key

    return sorted(principal(user).memberships, key=lambda m: m.organization.sort_name or sort_key(m.organization.name))


# --- the areas with a module of their own --------------------------------------------
# Imported last: each module imports the helpers above from this package.

from phoihop.accounts.permissions import claims as _claims  # noqa: E402
from phoihop.accounts.permissions import hotissues as _hotissues  # noqa: E402
from phoihop.accounts.permissions import opinion as _opinion  # noqa: E402
from phoihop.accounts.permissions import press as _press  # noqa: E402
from phoihop.accounts.permissions.claims import *  # noqa: E402,F403
from phoihop.accounts.permissions.hotissues import *  # noqa: E402,F403
from phoihop.accounts.permissions.opinion import *  # noqa: E402,F403
from phoihop.accounts.permissions.press import *  # noqa: E402,F403

AREA_RULES = {**_opinion.RULES, **_press.RULES, **_hotissues.RULES, **_claims.RULES}

# --- the one search (issue 5, item 6): permissions/search.py ---------------------------
from phoihop.accounts.permissions import search as _search  # noqa: E402
from phoihop.accounts.permissions.search import *  # noqa: E402,F403

AREA_RULES.update(_search.RULES)
# --- end of the one search ---------------------------------------------------------------

# --- issue 6: meetings, inspections, exemplary models, reports (one module each) -------
from phoihop.accounts.permissions import dashboards as _dashboards  # noqa: E402
from phoihop.accounts.permissions import exemplary as _exemplary  # noqa: E402
from phoihop.accounts.permissions import inspections as _inspections  # noqa: E402
from phoihop.accounts.permissions import meetings as _meetings  # noqa: E402
from phoihop.accounts.permissions import reports as _reports  # noqa: E402
from phoihop.accounts.permissions.dashboards import *  # noqa: E402,F403
from phoihop.accounts.permissions.exemplary import *  # noqa: E402,F403
from phoihop.accounts.permissions.inspections import *  # noqa: E402,F403
from phoihop.accounts.permissions.meetings import *  # noqa: E402,F403
from phoihop.accounts.permissions.reports import *  # noqa: E402,F403

for _module in (_meetings, _inspections, _exemplary, _reports, _dashboards):
    AREA_RULES.update(_module.RULES)
