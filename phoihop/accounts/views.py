from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from phoihop.accounts import services
from phoihop.accounts.forms import LoginForm, SwitchOrganizationForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:my_work")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, gettext_lazy("Đã đổi mật khẩu."))
        return response


@login_required
def my_work(request):
    """ "Việc của tôi": what the user should do next. Later issues add their sections."""
    sections = [
        section
        for section in (
            _my_tasks_section(request.user),
            # exchange (issue 4): subjects waiting for the user, upcoming invitations
            _waiting_section(request.user),
            _invitations_section(request.user),
            # information the user's organisations owe or should acknowledge (issue 4)
            _my_provisions_section(request.user),
            # public opinion (issue 5): reports a collaborator owes
            _my_opinion_section(request.user),
            # hot issues (issue 5, item 3): escalations for leaders, hand-overs to answer
            _my_hot_issues_section(request.user),
            # reports (issue 6): drafts of the organisations the user edits for
            _my_report_drafts_section(request.user),
            # meetings (issue 6, item 1): planned meetings of the next two weeks
            _my_meetings_section(request.user),
            # exemplary models (issue 6, item 3): nominations the user's department decides
            _my_exemplary_section(request.user),
        )
        if section
    ]
    return render(request, "accounts/my_work.html", {"nav_active": "my_work", "sections": sections})


def _my_tasks_section(user) -> dict | None:
    """The open tasks of the user's organisations, overdue first, then due soon."""
    from phoihop.programs.models import Bucket
    from phoihop.programs.selectors import DUE_SOON_DAYS, my_tasks

    tasks = list(my_tasks(user, timezone.localdate()))
    if not tasks:
        return None
    overdue = [task for task in tasks if task.bucket == Bucket.OPEN_OVERDUE]
    due_soon = [task for task in tasks if task.bucket != Bucket.OPEN_OVERDUE]
    return {
        "template": "programs/_my_tasks.html",
        "groups": [
            {"key": "overdue", "title": _("Quá hạn"), "tasks": overdue},
            {
                "key": "due_soon",
                "title": _("Sắp đến hạn (trong %(days)s ngày)") % {"days": DUE_SOON_DAYS},
                "tasks": due_soon,
            },
        ],
    }


def _waiting_section(user) -> dict | None:
    """Subjects waiting for the user's organisation as the department: to acknowledge,
    assessments to approve (leaders), plans to write or generate. One query."""
    from phoihop.exchange.selectors import waiting_for

    waiting = waiting_for(user)
    if not waiting:
        return None
    return {"template": "exchange/_my_waiting.html", "waiting": waiting}


def _invitations_section(user) -> dict | None:
    """Invitations of the next two weeks, unanswered ones first. One query."""
    from phoihop.exchange.selectors import UPCOMING_DAYS, upcoming_invitations

    invitations = upcoming_invitations(user, timezone.localdate())
    if not invitations:
        return None
    return {"template": "exchange/_my_invitations.html", "invitations": invitations, "days": UPCOMING_DAYS}


def _my_provisions_section(user) -> dict | None:
    """Information the user's organisations owe (missing, due soon) and provisions
    awaiting their acknowledgement (phoihop.provisions; at most three queries)."""
    from phoihop.provisions.selectors import my_provisions

    section = my_provisions(user, timezone.localdate())
    return {"template": "provisions/_my_provisions.html", **section} if section else None


# --- public opinion (issue 5) ----------------------------------------------------------------


def _my_opinion_section(user) -> dict | None:
    """A collaborator's reports missing, due soon and drafts (phoihop.opinion; no query
    for a user who is no collaborator, at most three otherwise)."""
    from phoihop.opinion.selectors import my_reports_due

    section = my_reports_due(user, timezone.localdate())
    return {"template": "opinion/_my_reports.html", **section} if section else None


# --- end of public opinion --------------------------------------------------------------------
# --- hot issues (issue 5, item 3) ---------------------------------------------------------


def _my_hot_issues_section(user) -> dict | None:
    """Leaders: issues escalated and awaiting handling, issues an escalation rule says are
    due; editors: hand-overs awaiting their organisation's answer (at most three queries)."""
    from phoihop.hotissues.selectors import my_hot_issues

    section = my_hot_issues(user, timezone.localdate())
    return {"template": "hotissues/_my_hot_issues.html", **section} if section else None


# --- end of hot issues ----------------------------------------------------------------------
# --- reports (issue 6) ----------------------------------------------------------------------------


def _my_report_drafts_section(user) -> dict | None:
    """ "Báo cáo dự thảo": the drafts of the organisations the user edits for (no query for
    a user who edits for none, one otherwise)."""
    from phoihop.reports.selectors import my_drafts

    drafts = my_drafts(user)
    return {"template": "reports/_my_drafts.html", "drafts": drafts} if drafts else None


# --- end of reports ----------------------------------------------------------------------------


# --- meetings (issue 6, item 1) ---------------------------------------------------------------


def _my_meetings_section(user) -> dict | None:
    """Planned meetings of the next two weeks the user's organisations organise or attend."""
    from phoihop.meetings.selectors import UPCOMING_DAYS, upcoming_meetings

    meetings = upcoming_meetings(user, timezone.localdate())
    return {"template": "meetings/_my_meetings.html", "meetings": meetings, "days": UPCOMING_DAYS} if meetings else None


# --- end of meetings --------------------------------------------------------------------------


# --- exemplary models (issue 6, item 3) -------------------------------------------------------


def _my_exemplary_section(user) -> dict | None:
    """Editors of a Party committee or propaganda / mass mobilisation department above the
    nominators: nominations awaiting review or decision (one query; none for others)."""
    from phoihop.accounts.permissions import awaiting_decision

    models = awaiting_decision(user)
    return {"template": "exemplary/_my_exemplary.html", "models": models} if models else None


# --- end of exemplary models ------------------------------------------------------------------


@login_required
@require_POST
def switch_organization(request):
    form = SwitchOrganizationForm(request.POST)
    if form.is_valid():
        try:
            services.user_switch_organization(user=request.user, organization_id=form.cleaned_data["organization"])
            messages.success(request, _("Đã chuyển sang làm việc cho cơ quan khác."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Hãy chọn một cơ quan."))
    target = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "accounts:my_work"
    return redirect(target)


def locked_out(request, original_response=None, credentials=None):
    """django-axes lockout: a Vietnamese message, JSON for the API, a page otherwise."""
    from django.conf import settings
    from django.http import JsonResponse

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Đăng nhập sai quá %(limit)s lần. Tài khoản này tạm khóa đăng nhập từ địa chỉ của bạn trong %(minutes)s phút."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    return render(request, "accounts/locked_out.html", {"message": message, "minutes": minutes}, status=429)
