"""The press API: /press/sources/ (CRUD, health, poll now), /press/items/ (list with the
list page's filters, fetch, create, bulk paste, mark hot), /press/watch-lists/ (CRUD),
/press/digests/ (list, fetch with the items the user may read).

Thin on purpose: reads through the selectors, writes through the services, every object
through the permission module — 404 for those who may not see it, 403 for those who see
but may not act, 409 on a stale version, 422 with Vietnamese field errors.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.core.api import Pagination, error_responses
from phoihop.opinion.models import Topic
from phoihop.organisations.models import AdministrativeUnit
from phoihop.press import selectors, services
from phoihop.press.models import PressItem, PressSource, WatchList
from phoihop.press.schemas import (
    DigestDetailOut,
    DigestFilterIn,
    DigestOut,
    HotIn,
    ItemDetailOut,
    ItemFilterIn,
    ItemIn,
    ItemOut,
    PasteIn,
    PasteOut,
    SourceIn,
    SourceOut,
    SourceUpdateIn,
    WatchListIn,
    WatchListOut,
    WatchListUpdateIn,
)
from phoihop.programs.models import Program

router = Router(tags=["Báo chí"])


def _department(user, pk: int):
    owner = permissions.press_departments(user).filter(pk=pk).first()
    if owner is None:
        raise ValidationError({"owner": [_("Bạn không theo dõi báo chí cho cơ quan này.")]})
    return owner


def _by_id(model, pk, field: str, message: str):
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [message]})
    return found


# --- sources ----------------------------------------------------------------------------


@router.get("/sources/", response={200: list[SourceOut], **error_responses(401)}, summary="Nguồn tin và tình trạng")
@paginate(Pagination)
def source_list(request: HttpRequest):
    return selectors.source_list(request.auth)


@router.get("/sources/{int:source_id}", response={200: SourceOut, **error_responses(401, 404)}, summary="Một nguồn tin")
def source_detail(request: HttpRequest, source_id: int):
    return selectors.get_source_for_user(request.auth, source_id)


@router.post("/sources/", response={201: SourceOut, **error_responses(401, 403, 422)}, summary="Thêm nguồn tin")
def source_create(request: HttpRequest, payload: SourceIn):
    permissions.check(request.auth, Action.CREATE, PressSource)
    source = services.source_create(
        actor=request.auth,
        owner=_department(request.auth, payload.owner),
        name=payload.name,
        feed_url=payload.feed_url,
        kind=payload.kind,
    )
    return Status(201, selectors.get_source_for_user(request.auth, source.pk))


@router.patch(
    "/sources/{int:source_id}",
    response={200: SourceOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa, tạm dừng hoặc tiếp tục nguồn tin",
)
def source_update(request: HttpRequest, source_id: int, payload: SourceUpdateIn):
    source = selectors.get_source_for_user(request.auth, source_id, Action.CHANGE)
    values = payload.model_dump(exclude_unset=True, exclude={"version"})
    services.source_update(actor=request.auth, source=source, expected_version=payload.version, **values)
    return selectors.get_source_for_user(request.auth, source_id)


@router.post(
    "/sources/{int:source_id}/poll",
    response={202: SourceOut, **error_responses(401, 403, 404, 422)},
    summary="Lấy tin ngay (công việc nền)",
)
def source_poll(request: HttpRequest, source_id: int):
    """Queues the poll; `poll_pending` stays true until it has run (poll GET to follow)."""
    source = selectors.get_source_for_user(request.auth, source_id, Action.CHANGE)
    services.source_request_poll(actor=request.auth, source=source)
    return Status(202, selectors.get_source_for_user(request.auth, source_id))


# --- items ------------------------------------------------------------------------------


def _item_detail(user, pk: int) -> PressItem:
    item = selectors.get_item_for_user(user, pk)
    item.detail_data = selectors.item_detail(user, item)
    return item


@router.get("/items/", response={200: list[ItemOut], **error_responses(401, 422)}, summary="Danh sách tin bài")
@paginate(Pagination)
def item_list(request: HttpRequest, filters: Query[ItemFilterIn]):
    """The items the user may see (its departments', the levels below for an upper level,
    the items of digests shared with it), newest first."""
    return selectors.item_list(request.auth, selectors.ItemFilter(**filters.model_dump()))


@router.get("/items/{int:item_id}", response={200: ItemDetailOut, **error_responses(401, 404)}, summary="Một tin bài")
def item_detail(request: HttpRequest, item_id: int):
    return _item_detail(request.auth, item_id)


@router.post("/items/", response={201: ItemDetailOut, **error_responses(401, 403, 422)}, summary="Thêm tin bài")
def item_create(request: HttpRequest, payload: ItemIn):
    user = request.auth
    permissions.check(user, Action.CREATE, PressItem)
    programs = list(Program.objects.filter(pk__in=payload.programs))
    if len(programs) != len(set(payload.programs)):
        raise ValidationError({"programs": [_("Không tìm thấy chương trình.")]})
    item = services.item_create(
        actor=user,
        owner=_department(user, payload.owner),
        outlet=payload.outlet,
        title=payload.title,
        link=payload.link,
        published_on=payload.published_on,
        summary=payload.summary,
        tone=payload.tone,
        area=_by_id(AdministrativeUnit, payload.area, "area", _("Không tìm thấy địa bàn.")),
        topic=_by_id(Topic, payload.topic, "topic", _("Không tìm thấy chủ đề.")),
        programs=programs,
    )
    return Status(201, _item_detail(user, item.pk))


@router.post(
    "/items/paste", response={200: PasteOut, 201: PasteOut, **error_responses(401, 403, 422)}, summary="Dán nhiều tin"
)
def item_paste(request: HttpRequest, payload: PasteIn):
    """All or nothing: any bad line is a 422 naming it ("Dòng 3: …"); duplicates are
    skipped and reported (`duplicate`). `preview`: read and report only (200)."""
    user = request.auth
    permissions.check(user, Action.CREATE, PressItem)
    owner = _department(user, payload.owner)
    if payload.preview:
        outcome = services.items_paste_preview(owner=owner, text=payload.text)
        return Status(200, {"created": [], "lines": outcome.lines})
    topic = _by_id(Topic, payload.topic, "topic", _("Không tìm thấy chủ đề."))
    outcome = services.items_paste(actor=user, owner=owner, text=payload.text, tone=payload.tone, topic=topic)
    return Status(201, {"created": [item.pk for item in outcome.created], "lines": outcome.lines})


@router.post(
    "/items/{int:item_id}/hot",
    response={200: ItemDetailOut, **error_responses(401, 403, 404, 422)},
    summary="Đánh dấu hoặc bỏ đánh dấu tin nổi bật",
)
def item_hot(request: HttpRequest, item_id: int, payload: HotIn):
    item = selectors.get_item_for_user(request.auth, item_id, Action.CHANGE)
    services.item_set_hot(actor=request.auth, item=item, hot=payload.hot)
    return _item_detail(request.auth, item_id)


# --- watch lists ------------------------------------------------------------------------


@router.get("/watch-lists/", response={200: list[WatchListOut], **error_responses(401)}, summary="Danh sách từ khóa")
@paginate(Pagination)
def watch_list_list(request: HttpRequest):
    return selectors.watch_list_list(request.auth)


@router.get(
    "/watch-lists/{int:watch_list_id}",
    response={200: WatchListOut, **error_responses(401, 404)},
    summary="Một danh sách",
)
def watch_list_detail(request: HttpRequest, watch_list_id: int):
    return selectors.get_watch_list_for_user(request.auth, watch_list_id)


@router.post(
    "/watch-lists/", response={201: WatchListOut, **error_responses(401, 403, 422)}, summary="Thêm danh sách từ khóa"
)
def watch_list_create(request: HttpRequest, payload: WatchListIn):
    """Saving re-matches the department's items of the last 30 days."""
    permissions.check(request.auth, Action.CREATE, WatchList)
    watch_list = services.watch_list_create(
        actor=request.auth,
        owner=_department(request.auth, payload.owner),
        name=payload.name,
        keywords="\n".join(payload.keywords),
        is_active=payload.is_active,
    )
    return Status(201, watch_list)


@router.patch(
    "/watch-lists/{int:watch_list_id}",
    response={200: WatchListOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Sửa danh sách từ khóa",
)
def watch_list_update(request: HttpRequest, watch_list_id: int, payload: WatchListUpdateIn):
    watch_list = selectors.get_watch_list_for_user(request.auth, watch_list_id, Action.CHANGE)
    values = payload.model_dump(exclude_unset=True, exclude={"version"})
    if "keywords" in values:
        values["keywords"] = "\n".join(values["keywords"] or [])
    services.watch_list_update(actor=request.auth, watch_list=watch_list, expected_version=payload.version, **values)
    return watch_list


# --- digests ----------------------------------------------------------------------------


@router.get("/digests/", response={200: list[DigestOut], **error_responses(401)}, summary="Điểm báo tuần")
@paginate(Pagination)
def digest_list(request: HttpRequest, filters: Query[DigestFilterIn]):
    return selectors.digest_list(request.auth, filters.program)


@router.get(
    "/digests/{int:digest_id}",
    response={200: DigestDetailOut, **error_responses(401, 404)},
    summary="Một điểm báo tuần",
)
def digest_detail(request: HttpRequest, digest_id: int):
    digest = selectors.get_digest_for_user(request.auth, digest_id)
    digest.visible_items = selectors.digest_items(request.auth, digest)
    return digest
