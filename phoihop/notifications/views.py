"""Pages of notifications: the bell (loaded by HTMX, so it adds no query to any page),
the list, marking read, following a notification's link, and the delivery preferences.
Each user sees and changes only their own notifications (others get 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from phoihop.accounts.permissions import Action
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.notifications import selectors, services
from phoihop.notifications.forms import NotificationFilterForm, PreferencesForm
from phoihop.organisations.forms import attach_errors

NAV = "notifications"


@login_required
@require_GET
def bell(request):
    """The bell with the unread count: a partial that base.html loads on page load and
    every 60 seconds."""
    return render(request, "notifications/_bell.html", {"unread": selectors.unread_count(request.user)})


@login_required
def notification_list(request):
    form = NotificationFilterForm(request.GET)
    filters = form.to_filter()
    page = paginate(request, selectors.notification_list(request.user, filters))
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.NotificationFilter(),
    }
    return render_page_or_partial(
        request,
        page="notifications/notification_list.html",
        partial="notifications/_notification_results.html",
        context=context,
    )


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = selectors.get_notification_for_user(request.user, pk, Action.CHANGE)
    services.notification_mark_read(actor=request.user, notification=notification)
    if request.htmx:
        response = render(request, "notifications/_notification_row.html", {"notification": notification})
        response["HX-Trigger"] = "notifications-changed"  # the bell refreshes its count
        return response
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    count = services.notification_mark_all_read(actor=request.user)
    messages.success(
        request,
        ngettext("Đã đánh dấu %(n)d thông báo là đã đọc.", "Đã đánh dấu %(n)d thông báo là đã đọc.", count)
        % {"n": count},
    )
    return redirect("notifications:list")


@login_required
@require_GET
def notification_open(request, pk: int):
    """Follow a notification's link (from the list or an e-mail): it counts as read."""
    notification = selectors.get_notification_for_user(request.user, pk, Action.CHANGE)
    services.notification_mark_read(actor=request.user, notification=notification)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
def preferences(request):
    rows = services.preferences_for(request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST, rows=rows)
        if form.is_valid():
            try:
                services.notification_preferences_set(actor=request.user, user=request.user, choices=form.choices())
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu cách nhận thông báo."))
                return redirect("notifications:preferences")
    else:
        form = PreferencesForm(rows=rows)
    return render(request, "notifications/preferences.html", {"nav_active": NAV, "form": form})
