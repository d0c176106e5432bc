"""Pages of press monitoring. Reads go through selectors, writes through services, and
every access through `phoihop.accounts.permissions`: strangers get 404, readers who may
not act get 403, a refused write changes nothing and shows why next to the field."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core.htmx import render_page_or_partial
from phoihop.core.pagination import paginate
from phoihop.opinion.models import Topic
from phoihop.organisations.models import AdministrativeUnit, Organization
from phoihop.press import selectors, services
from phoihop.press.forms import (
    ItemFilterForm,
    ItemForm,
    ItemProgramsForm,
    PasteForm,
    SourceForm,
    WatchListForm,
    area_choices,
    attach_errors,
    department_choices,
    topic_choices,
)
from phoihop.press.models import PressItem, PressSource, WatchList
from phoihop.programs.models import Program

NAV = "press"
MAX_CHOICES = 500


def _acting_department(request, departments) -> int | None:
    acting = getattr(request, "acting_organization", None)
    ids = [pk for pk, _name in departments]
    if acting is not None and acting.pk in ids:
        return acting.pk
    return ids[0] if ids else None


def _organization(pk) -> Organization | None:
    return Organization.objects.filter(pk=pk).first() if pk else None


# --- items ------------------------------------------------------------------------------


def _filter_choices(user) -> dict:
    visible = permissions.visible_press_items(user).order_by()
    sources = list(
        permissions.visible_press_sources(user).order_by("name", "id").values_list("pk", "name")[:MAX_CHOICES]
    )
    programs = list(
        Program.objects.filter(
            pk__in=PressItem.programs.through.objects.filter(pressitem__in=visible.values("pk")).values("program_id")
        )
        .order_by("-start_year", "sort_name", "id")
        .values_list("pk", "title")[:MAX_CHOICES]
    )
    areas = list(
        AdministrativeUnit.objects.filter(pk__in=visible.values("area_id"))
        .order_by("sort_name", "id")
        .values_list("pk", "name")[:MAX_CHOICES]
    )
    return {"sources": sources, "topics": topic_choices(), "areas": areas, "programs": programs}


@login_required
def item_list(request):
    form = ItemFilterForm(request.GET, **_filter_choices(request.user))
    filters = form.to_filter()
    page = paginate(request, selectors.item_list(request.user, filters))
    context = {
        "nav_active": NAV,
        "form": form,
        "page": page,
        "filtered": filters != selectors.ItemFilter(),
        "can_create": permissions.can(request.user, Action.CREATE, PressItem),
    }
    return render_page_or_partial(
        request, page="press/item_list.html", partial="press/_item_results.html", context=context
    )


@login_required
def press_home(request):
    return redirect("press:item_list")


@login_required
def item_create(request):
    permissions.check(request.user, Action.CREATE, PressItem)
    departments = department_choices(request.user)
    owner_id = _acting_department(request, departments)
    programs = [(p.pk, p.title) for p in selectors.program_choices(Organization(pk=owner_id))] if owner_id else []
    kwargs = {
        "departments": departments,
        "topics": topic_choices(),
        "areas": area_choices(request.user),
        "programs": programs,
    }
    if request.method == "POST":
        form = ItemForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = services.item_create(
                    actor=request.user,
                    owner=_organization(data["owner"]),
                    outlet=data["outlet"],
                    title=data["title"],
                    link=data["link"],
                    published_on=data["published_on"],
                    summary=data["summary"],
                    tone=data["tone"],
                    area=AdministrativeUnit.objects.filter(pk=data["area"]).first() if data["area"] else None,
                    topic=Topic.objects.filter(pk=data["topic"]).first() if data["topic"] else None,
                    programs=list(Program.objects.filter(pk__in=data["programs"])),
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã thêm tin bài “%(title)s”.") % {"title": item.title})
                return redirect("press:item_detail", pk=item.pk)
    else:
        form = ItemForm(initial={"owner": owner_id}, **kwargs)
    return render(request, "press/item_form.html", {"nav_active": NAV, "form": form})


@login_required
def item_paste(request):
    """Bulk paste: "Xem trước" shows every line with its number and what is wrong with it;
    "Lưu" saves all or nothing (duplicates skipped and reported)."""
    permissions.check(request.user, Action.CREATE, PressItem)
    departments = department_choices(request.user)
    kwargs = {"departments": departments, "topics": topic_choices()}
    outcome, saved = None, None
    if request.method == "POST":
        form = PasteForm(request.POST, **kwargs)
        if form.is_valid():
            data = dict(form.cleaned_data)  # attach_errors drops a field with errors from cleaned_data
            owner = _organization(data["owner"])
            try:
                if request.POST.get("action") == "save":
                    saved = services.items_paste(
                        actor=request.user,
                        owner=owner,
                        text=data["text"],
                        tone=data["tone"],
                        topic=Topic.objects.filter(pk=data["topic"]).first() if data["topic"] else None,
                    )
                else:
                    if not permissions.may_keep_press_for(request.user, owner):
                        raise ValidationError(
                            {"owner": [_("Bạn không theo dõi báo chí cho %(org)s.") % {"org": owner.name}]}
                        )
                    outcome = services.items_paste_preview(owner=owner, text=data["text"])
            except ValidationError as error:
                attach_errors(form, error)
                if owner is not None and "owner" not in form.errors:
                    outcome = services.items_paste_preview(owner=owner, text=data["text"])
            else:
                if saved is not None:
                    messages.success(
                        request,
                        _("Đã lưu %(n)s tin bài; bỏ qua %(d)s tin đã có.")
                        % {"n": len(saved.created), "d": len(saved.duplicates)},
                    )
                    return redirect("press:item_list")
    else:
        form = PasteForm(initial={"owner": _acting_department(request, departments)}, **kwargs)
    context = {"nav_active": NAV, "form": form, "outcome": outcome}
    return render(request, "press/item_paste.html", context)


def _item_page(request, item: PressItem, *, programs_form=None, status: int = 200):
    can_change = permissions.can(request.user, Action.CHANGE, item)
    if programs_form is None and can_change:
        choices = [(p.pk, p.title) for p in selectors.program_choices(item)]
        linked = sorted(p.pk for p in item.programs.all())
        programs_form = ItemProgramsForm(
            programs=choices, initial={"programs": linked, "shown": ",".join(map(str, linked))}
        )
    context = {
        "nav_active": NAV,
        "item": item,
        **selectors.item_detail(request.user, item),
        "can_change": can_change,
        "programs_form": programs_form,
    }
    return render(request, "press/item_detail.html", context, status=status)


@login_required
def item_detail(request, pk: int):
    return _item_page(request, selectors.get_item_for_user(request.user, pk))


@login_required
@require_POST
def item_hot(request, pk: int):
    item = selectors.get_item_for_user(request.user, pk, Action.CHANGE)
    hot = request.POST.get("hot") == "1"
    services.item_set_hot(actor=request.user, item=item, hot=hot)
    messages.success(request, _("Đã đánh dấu tin nổi bật.") if hot else _("Đã bỏ đánh dấu tin nổi bật."))
    return redirect("press:item_detail", pk=item.pk)


@login_required
@require_POST
def item_programs(request, pk: int):
    item = selectors.get_item_for_user(request.user, pk, Action.CHANGE)
    choices = [(p.pk, p.title) for p in selectors.program_choices(item)]
    form = ItemProgramsForm(request.POST, programs=choices)
    if form.is_valid():
        try:
            services.item_set_programs(
                actor=request.user,
                item=item,
                programs=list(Program.objects.filter(pk__in=form.cleaned_data["programs"])),
                expected=form.cleaned_shown(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã cập nhật chương trình liên quan."))
            return redirect("press:item_detail", pk=item.pk)
    return _item_page(request, item, programs_form=form, status=422)


# --- sources ----------------------------------------------------------------------------


@login_required
def source_list(request):
    page = paginate(request, selectors.source_list(request.user))
    context = {
        "nav_active": NAV,
        "page": page,
        "editable": {s.pk for s in page if permissions.can(request.user, Action.CHANGE, s)},
        "can_create": permissions.can(request.user, Action.CREATE, PressSource),
    }
    return render(request, "press/source_list.html", context)


@login_required
def source_create(request):
    permissions.check(request.user, Action.CREATE, PressSource)
    departments = department_choices(request.user)
    if request.method == "POST":
        form = SourceForm(request.POST, departments=departments)
        if form.is_valid():
            data = form.cleaned_data
            try:
                source = services.source_create(
                    actor=request.user,
                    owner=_organization(data["owner"]),
                    name=data["name"],
                    feed_url=data["feed_url"],
                    kind=data["kind"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã thêm nguồn tin “%(name)s”.") % {"name": source.name})
                return redirect("press:source_list")
    else:
        form = SourceForm(initial={"owner": _acting_department(request, departments)}, departments=departments)
    return render(request, "press/source_form.html", {"nav_active": NAV, "form": form})


@login_required
def source_edit(request, pk: int):
    source = selectors.get_source_for_user(request.user, pk, Action.CHANGE)
    departments = [(source.owner_id, source.owner.name)]
    if request.method == "POST":
        form = SourceForm(request.POST, departments=departments)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.source_update(
                    actor=request.user,
                    source=source,
                    expected_version=data["version"] or 0,
                    name=data["name"],
                    feed_url=data["feed_url"],
                    kind=data["kind"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu nguồn tin “%(name)s”.") % {"name": source.name})
                return redirect("press:source_list")
    else:
        form = SourceForm(
            initial={
                "owner": source.owner_id,
                "name": source.name,
                "kind": source.kind,
                "feed_url": source.feed_url,
                "version": source.version,
            },
            departments=departments,
        )
    return render(request, "press/source_form.html", {"nav_active": NAV, "form": form, "source": source})


@login_required
@require_POST
def source_active(request, pk: int):
    """Pause or resume a source (with the version the page was showing)."""
    source = selectors.get_source_for_user(request.user, pk, Action.CHANGE)
    active = request.POST.get("active") == "1"
    try:
        version = int(request.POST.get("version") or 0)
        services.source_update(actor=request.user, source=source, expected_version=version, is_active=active)
    except (ValueError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [_("Dữ liệu gửi lên không hợp lệ.")])))
    else:
        messages.success(request, _("Đã tiếp tục theo dõi nguồn tin.") if active else _("Đã tạm dừng nguồn tin."))
    return redirect("press:source_list")


@login_required
@require_POST
def source_poll(request, pk: int):
    """ "Poll now": queue the job; the row then shows its progress (HTMX polls the status)."""
    source = selectors.get_source_for_user(request.user, pk, Action.CHANGE)
    try:
        services.source_request_poll(actor=request.user, source=source)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if getattr(request, "htmx", False):
        return source_status(request, pk)
    messages.success(request, _("Đã xếp lịch lấy tin ngay cho “%(name)s”.") % {"name": source.name})
    return redirect("press:source_list")


@login_required
def source_status(request, pk: int):
    """One source's health (the partial the page polls while a "poll now" is pending)."""
    source = selectors.get_source_for_user(request.user, pk)
    context = {
        "source": source,
        "can_edit": permissions.can(request.user, Action.CHANGE, source),
        "job_error": selectors.poll_failure(source),
    }
    return render(request, "press/_source_health.html", context)


# --- watch lists --------------------------------------------------------------------------


@login_required
def watch_list_list(request):
    page = paginate(request, selectors.watch_list_list(request.user))
    context = {
        "nav_active": NAV,
        "page": page,
        "editable": {w.pk for w in page if permissions.can(request.user, Action.CHANGE, w)},
        "can_create": permissions.can(request.user, Action.CREATE, WatchList),
    }
    return render(request, "press/watch_list_list.html", context)


@login_required
def watch_list_create(request):
    permissions.check(request.user, Action.CREATE, WatchList)
    departments = department_choices(request.user)
    if request.method == "POST":
        form = WatchListForm(request.POST, departments=departments)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.watch_list_create(
                    actor=request.user,
                    owner=_organization(data["owner"]),
                    name=data["name"],
                    keywords=data["keywords"],
                    is_active=data["is_active"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu danh sách từ khóa và đối chiếu tin bài 30 ngày qua."))
                return redirect("press:watch_list_list")
    else:
        initial = {"owner": _acting_department(request, departments), "is_active": True}
        form = WatchListForm(initial=initial, departments=departments)
    return render(request, "press/watch_list_form.html", {"nav_active": NAV, "form": form})


@login_required
def watch_list_edit(request, pk: int):
    watch_list = selectors.get_watch_list_for_user(request.user, pk)
    can_change = permissions.can(request.user, Action.CHANGE, watch_list)
    departments = [(watch_list.owner_id, watch_list.owner.name)]
    if request.method == "POST":
        permissions.check(request.user, Action.CHANGE, watch_list)
        form = WatchListForm(request.POST, departments=departments)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.watch_list_update(
                    actor=request.user,
                    watch_list=watch_list,
                    expected_version=data["version"] or 0,
                    name=data["name"],
                    keywords=data["keywords"],
                    is_active=data["is_active"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã lưu danh sách từ khóa và đối chiếu tin bài 30 ngày qua."))
                return redirect("press:watch_list_list")
    else:
        form = WatchListForm(
            initial={
                "owner": watch_list.owner_id,
                "name": watch_list.name,
                "keywords": watch_list.keywords,
                "is_active": watch_list.is_active,
                "version": watch_list.version,
            },
            departments=departments,
        )
    context = {
        "nav_active": NAV,
        "form": form,
        "watch_list": watch_list,
        "can_change": can_change,
        "matches": selectors.recent_matches(request.user, watch_list),
    }
    return render(request, "press/watch_list_form.html", context)


# --- digests ------------------------------------------------------------------------------


@login_required
def digest_list(request):
    page = paginate(request, selectors.digest_list(request.user))
    return render(request, "press/digest_list.html", {"nav_active": NAV, "page": page})


@login_required
def digest_detail(request, pk: int):
    digest = selectors.get_digest_for_user(request.user, pk)
    context = {"nav_active": NAV, "digest": digest, "items": selectors.digest_items(request.user, digest)}
    return render(request, "press/digest_detail.html", context)
