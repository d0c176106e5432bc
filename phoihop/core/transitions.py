"""The page side of a status change, once for every entity that has a transition table
(hot issues, false claims, meetings, inspections, exemplary models): the form a
transition button posts, and the view step that applies it.

The rules themselves stay with each entity (its `transitions.py` table and its service);
this module only turns the POST into a call and the outcome into a page: a message and
a redirect, or the entity's page again with the refusal (422), nothing written.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _


class TransitionForm(forms.Form):
    """What a transition button posts: the action, the version the user saw, a reason."""

    action = forms.CharField(max_length=32)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def post_transition(
    request,
    obj,
    *,
    apply: Callable[..., object],
    success: Callable[[object], str],
    redirect_to: str,
    page: Callable[..., HttpResponse],
    allowed_actions: frozenset[str] | None = None,
) -> HttpResponse:
    """Apply the posted transition to `obj`.

    `apply(action=, expected_version=, reason=)` calls the entity's service;
    `success(obj)` is the message after it; `redirect_to` the URL name of the entity's
    page (given the pk); `page(transition_errors=, status=)` renders the entity's page
    with the refusal. `allowed_actions` limits what this form may post (e.g. the
    decision has a form of its own)."""
    form = TransitionForm(request.POST)
    errors: list[str] = []
    if not form.is_valid():
        errors = [message for field_messages in form.errors.values() for message in field_messages]
    elif allowed_actions is not None and form.cleaned_data["action"] not in allowed_actions:
        errors = [str(_("Thao tác không hợp lệ."))]
    else:
        data = form.cleaned_data
        try:
            apply(action=data["action"], expected_version=data["version"], reason=data["reason"])
        except ValidationError as error:
            errors = list(error.messages)
            obj.refresh_from_db()
        else:
            messages.success(request, success(obj))
            return redirect(redirect_to, pk=obj.pk)
    return page(transition_errors=errors, status=422)
