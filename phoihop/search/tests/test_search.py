"""The one search: Vietnamese folding, ranking, highlighting, permissions, nasty queries,
the index following saves and deletes. Runs on SQLite (FTS5) and on PostgreSQL (tsvector)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from phoihop.documents.tests.factories import DocumentFactory
from phoihop.programs.tests.factories import ProgramFactory, make_plan, make_program, make_task, program_rows
from phoihop.search import indexer, selectors
from phoihop.search.models import SearchEntry
from phoihop.search.selectors import SearchQuery
from phoihop.search.tests import factories

pytestmark = pytest.mark.django_db


def find(user, text, kind=None, **kwargs):
    return selectors.search(user, SearchQuery(text=text, kind=kind), **kwargs)


def titles(results) -> list[str]:
    return [hit.title for hit in results.page.object_list] if results.page else []


# --- folding -------------------------------------------------------------------------


class TestVietnameseFolding:
    def test_dat_dai_finds_dat_dai_with_diacritics(self, world):
        make_program(world, title="Tuyên truyền chính sách đất đai năm 2026")
        assert titles(find(world.officer, "dat dai")) == ["Tuyên truyền chính sách đất đai năm 2026"]

    def test_dak_lak_finds_dak_lak(self, world):
        make_program(world, title="Phối hợp với tỉnh Đắk Lắk")
        assert titles(find(world.officer, "dak lak")) == ["Phối hợp với tỉnh Đắk Lắk"]

    def test_duc_finds_the_d_with_stroke(self, world):
        # FTS5's own remove_diacritics never folds đ: the folded column does.
        make_program(world, title="Lễ hội làng Đức Thọ")
        assert titles(find(world.officer, "duc")) == ["Lễ hội làng Đức Thọ"]
        assert titles(find(world.officer, "ĐỨC")) == ["Lễ hội làng Đức Thọ"]

    def test_the_last_word_is_a_prefix_the_others_whole_words(self, world):
        make_program(world, title="Phối hợp với tỉnh Đắk Lắk")
        assert titles(find(world.officer, "dak la")) == ["Phối hợp với tỉnh Đắk Lắk"]
        assert titles(find(world.officer, "da lak")) == []  # "da" is not a word of the title

    def test_every_word_must_match(self, world):
        make_program(world, title="Tuyên truyền chính sách đất đai")
        assert titles(find(world.officer, "dat bien")) == []


# --- ranking and highlighting ----------------------------------------------------------


class TestRankingAndHighlight:
    def test_a_title_hit_ranks_above_a_body_hit(self, world):
        body = make_program(world, title="Chương trình phối hợp năm 2026", purpose="Có nói đến giải phóng mặt bằng.")
        title = make_program(world, title="Giải phóng mặt bằng khu công nghiệp", purpose="Tuyên truyền.")
        results = find(world.officer, "giai phong mat bang")
        assert [hit.object_id for hit in results.page.object_list] == [title.pk, body.pk]
        assert results.page.object_list[0].rank > results.page.object_list[1].rank

    def test_the_original_words_are_marked_with_their_diacritics(self, world):
        make_program(world, title="Đất đai & <b>quy hoạch</b>", purpose="Người dân quan tâm đến đất đai ở Đắk Lắk.")
        hit = find(world.officer, "dat dai").page.object_list[0]
        assert hit.title_html == "<mark>Đất</mark> <mark>đai</mark> &amp; &lt;b&gt;quy hoạch&lt;/b&gt;"
        assert "<mark>đất</mark> <mark>đai</mark> ở Đắk Lắk." in hit.snippet_html

    def test_a_prefix_marks_the_whole_word(self, world):
        make_program(world, title="Tỉnh Đắk Lắk")
        assert find(world.officer, "dak la").page.object_list[0].title_html == "Tỉnh <mark>Đắk</mark> <mark>Lắk</mark>"

    def test_the_snippet_is_cut_around_a_word_deep_in_a_long_text(self, world):
        text = "Mở đầu. " + "Nội dung thường lệ của chương trình. " * 400 + "Cuối cùng là chuyện ngập lụt ở Đức Thọ."
        make_program(world, title="Chương trình dài", purpose=text)
        hit = find(world.officer, "ngap lut").page.object_list[0]
        assert "<mark>ngập</mark> <mark>lụt</mark> ở Đức Thọ." in hit.snippet_html
        assert hit.snippet_html.startswith("… ")
        assert len(hit.snippet_html) < 500

    def test_a_title_only_hit_shows_the_start_of_the_text(self, world):
        make_program(world, title="Ngập lụt", purpose="Mở đầu của nội dung.")
        assert find(world.officer, "ngap").page.object_list[0].snippet_html.startswith("Mở đầu")


# --- nasty queries ---------------------------------------------------------------------

NASTY = [
    '"',
    '""',
    "'",
    "*",
    "dat*",
    "-dat",
    "dat -dai",
    "NOT dat",
    "dat NOT",
    "AND",
    "OR OR OR",
    "NEAR(dat dai)",
    "NEAR/2",
    "dat:dai",
    "title:dat",
    "folded_title : dat",
    "^dat",
    "(dat",
    "dat)",
    "{dat dai}",
    "dat + dai",
    "đất' OR 1=1 --",
    "%_%",
    "\\",
    "\x00dat",
    "dat & dai | !x",
    "dat:*",
    "a:* & !b",
    "<script>alert(1)</script>",
    "ؤ 中文 😀",
    "dat" * 200,
    "x " * 300,
]


class TestNastyQueries:
    @pytest.mark.parametrize("text", NASTY)
    def test_never_raise(self, world, text):
        make_program(world, title="Tuyên truyền đất đai")
        results = find(world.officer, text)
        assert results.page is None or results.page.paginator.count >= 0

    def test_syntax_characters_are_separators(self, world):
        make_program(world, title="Tuyên truyền đất đai")
        for text in ['"dat" dai', "dat -dai", "dat:dai", "(dat) dai*", "dat|dai", "{dat}^dai"]:
            assert titles(find(world.officer, text)) == ["Tuyên truyền đất đai"], text

    def test_operators_are_plain_words(self, world):
        make_program(world, title="Tuyên truyền đất đai")
        assert titles(find(world.officer, "dat OR bien")) == []  # "or" is a word, not an operator
        make_program(world, title="Chuyện NOT AND OR NEAR trong tiếng Anh")
        assert titles(find(world.officer, "not and or near")) == ["Chuyện NOT AND OR NEAR trong tiếng Anh"]

    def test_too_short_and_too_long(self, world):
        make_program(world, title="Tuyên truyền đất đai")
        assert find(world.officer, "").page is None
        assert find(world.officer, "d").page is None
        assert find(world.officer, "--- *** ---").query.too_short
        long_query = SearchQuery(text="dat " + "x" * 1000)
        assert long_query.truncated and len(long_query.terms) == 2 and len(long_query.terms[1]) == 64


# --- permissions -----------------------------------------------------------------------


class TestPermissions:
    def test_outsider_finds_nothing_of_the_target(self, world):
        program = make_program(world, title="Đất đai xã Cẩm Đức")
        make_task(make_plan(program, actor=world.admin), lead=world.target, actor=world.admin, title="Đất đai: họp dân")
        factories.hot_issue(world.target, world.commune_c, "Tranh chấp đất đai")
        factories.press_item(world.target, "Báo đưa tin đất đai Cẩm Đức")
        factories.false_claim(world.target, "Tin đồn thu hồi đất đai")
        assert find(world.officer, "dat dai").total == 5
        results = find(world.outsider, "dat dai")
        assert results.total == 0 and titles(results) == []
        assert find(world.nobody, "dat dai").total == 0

    def test_upper_level_finds_the_lower_levels_records(self, world):
        make_program(world, title="Đất đai xã Cẩm Đức")
        factories.hot_issue(world.target, world.commune_c, "Tranh chấp đất đai")
        assert {hit.kind for hit in find(world.upper, "dat dai").page.object_list} == {"program", "hot_issue"}

    def test_a_collaborator_does_not_find_another_collaborators_items(self, world, people):
        factories.opinion_item(world, people.collaborator, "Người dân lo lắng về giá đất đai")
        factories.opinion_item(world, people.collaborator_2, "Bàn tán về đền bù đất đai")
        mine = find(people.collaborator, "dat dai")
        assert [hit.kind for hit in mine.page.object_list] == ["opinion_item"]
        assert "giá <mark>đất</mark> <mark>đai</mark>" in mine.page.object_list[0].snippet_html
        assert find(world.officer, "dat dai").total == 2  # the department reads both
        assert find(world.outsider, "dat dai").total == 0

    def test_a_draft_is_found_by_its_author_only(self, world, people):
        factories.opinion_item(world, people.collaborator, "Ý kiến về đất đai", submitted=False)
        assert find(people.collaborator, "dat dai").total == 1
        assert find(world.officer, "dat dai").total == 0

    def test_permission_is_applied_before_paging(self, world):
        # 25 programmes the outsider may not see rank first; its own is still on page 1.
        program_rows(world.target, world.commune_committee, count=25, title="Đất đai đất đai đất đai")
        indexer.rebuild(["program"])
        mine = program_rows(world.province_dept_b, world.central, count=1, title="Đất đai tỉnh Bình Sơn")
        indexer.rebuild(["program"])
        results = find(world.outsider, "dat dai", per_page=10)
        assert [hit.object_id for hit in results.page.object_list] == [mine[0].pk]
        assert results.page.paginator.count == 1


# --- kinds, counts, paging -------------------------------------------------------------


class TestKindsAndPaging:
    def test_counts_per_kind_and_the_kind_filter(self, world):
        make_program(world, title="Đất đai một")
        factories.hot_issue(world.target, world.commune_c, "Đất đai hai")
        factories.hot_issue(world.target, world.commune_c, "Đất đai ba")
        results = find(world.officer, "dat dai")
        assert [(row["kind"], row["count"]) for row in results.kind_counts] == [("program", 1), ("hot_issue", 2)]
        only = find(world.officer, "dat dai", kind="hot_issue")
        assert sorted(titles(only)) == ["Đất đai ba", "Đất đai hai"]
        assert only.page.paginator.count == 2
        assert find(world.officer, "dat dai", kind="no-such-kind").page.paginator.count == 3

    @pytest.mark.parametrize("rows", [3, 30])
    def test_a_page_costs_the_same_queries_for_3_or_30_results(self, world, rows, django_assert_max_num_queries):
        program_rows(world.target, world.commune_committee, count=rows, title="Đất đai Cẩm Đức", purpose="Đất đai.")
        for _index in range(rows):
            factories.hot_issue(world.target, world.commune_c, "Đất đai", "Tranh chấp đất đai kéo dài.")
        indexer.rebuild()
        with django_assert_max_num_queries(12):
            results = find(world.upper, "dat dai")
            assert len(results.page.object_list) == min(20, rows * 2)


# --- keeping the index in step ---------------------------------------------------------


class TestIndexFollowsTheRecords:
    def test_a_versioned_edit_is_found_under_its_new_title(self, world):
        from phoihop.programs import services

        program = make_program(world, title="Tên cũ", status="draft")
        services.program_update(
            actor=world.admin, program=program, expected_version=program.version, title="Tên mới về đất đai"
        )
        assert titles(find(world.officer, "dat dai")) == ["Tên mới về đất đai"]
        assert titles(find(world.officer, "ten cu")) == []

    def test_a_delete_drops_the_entry(self, world):
        issue = factories.hot_issue(world.target, world.commune_c, "Đất đai")
        assert SearchEntry.objects.filter(kind="hot_issue", object_id=issue.pk).exists()
        issue.delete()
        assert not SearchEntry.objects.filter(kind="hot_issue", object_id=issue.pk).exists()
        assert find(world.officer, "dat dai").total == 0

    def test_rebuild_indexes_bulk_rows_and_drops_stale_entries(self, world):
        ProgramFactory.create_batch(3, title="Đất đai hàng loạt")  # bulk: no party, found by the admin
        SearchEntry.objects.filter(kind="program").delete()
        SearchEntry.objects.create(kind="program", object_id=999_999, title="Đã xóa", folded_title="da xoa")
        assert find(world.admin, "dat dai").total == 0
        call_command("rebuild_search_index", "--kind", "program", "--chunk", "2", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert find(world.admin, "dat dai").total == 3
        assert not SearchEntry.objects.filter(object_id=999_999).exists()
        assert find(world.admin, "da xoa").total == 0

    def test_rebuild_refuses_an_unknown_kind(self, db):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError, match="Loại không có"):
            call_command("rebuild_search_index", "--kind", "khong-co")

    def test_every_kind_is_indexed_with_a_link(self, world, people):
        program = make_program(world, title="Đất đai chương trình")
        make_task(make_plan(program, actor=world.admin), lead=world.target, actor=world.admin, title="Đất đai nhiệm vụ")
        DocumentFactory(owner=world.target, title="Đất đai tài liệu")
        factories.opinion_item(world, people.collaborator, "Đất đai dư luận")
        factories.hot_issue(world.target, world.commune_c, "Đất đai nổi cộm")
        factories.press_item(world.target, "Đất đai báo chí")
        factories.false_claim(world.target, "Đất đai tin sai")
        kinds = set(SearchEntry.objects.values_list("kind", flat=True))
        assert {"program", "task", "document", "opinion_item", "hot_issue", "press_item", "false_claim"} <= kinds
        assert SearchEntry.objects.get(kind="program").url == f"/programs/{program.pk}/"


def test_the_full_text_index_of_this_database_exists(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'search_entry_fts'")
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname = 'search_entry_vector_idx'")
        assert cursor.fetchone() is not None


class TestPermissionRule:
    def test_an_entry_is_seen_by_who_sees_its_record_and_changed_by_nobody(self, world):
        from phoihop.accounts import permissions

        make_program(world, title="Đất đai")
        entry = SearchEntry.objects.get(kind="program")
        assert permissions.can(world.officer, "view", entry)
        assert permissions.can(world.upper, "view", entry)
        assert not permissions.can(world.outsider, "view", entry)
        assert not permissions.can(world.admin, "change", entry)
        assert not permissions.can(world.admin, "delete", entry)
        assert list(permissions.visible_search_entries(world.outsider)) == []
        assert list(permissions.visible_search_entries(None)) == []


# --- issue 6: meetings --------------------------------------------------------------------


def test_meetings_are_found_by_who_may_see_them(world):
    from phoihop.meetings.tests.factories import make_meeting

    make_meeting(world, title="Giao ban công tác dân vận quý III", held=False)
    assert [hit.kind for hit in find(world.officer, "giao ban dan van").page.object_list] == ["meeting"]
    assert find(world.partner, "giao ban dan van").total == 1  # a participant
    assert find(world.upper, "giao ban dan van").total == 1
    assert find(world.outsider, "giao ban dan van").total == 0


def test_inspections_and_exemplary_models_are_found_by_who_may_see_them(world):
    from phoihop.exemplary.tests.factories import make_model
    from phoihop.inspections.tests.factories import make_inspection

    make_inspection(world, title="Kiểm tra việc cung cấp thông tin định kỳ")
    make_model(world, title="Dân vận khéo: hiến đất làm đường")
    assert [hit.kind for hit in find(world.officer, "cung cap thong tin dinh ky").page.object_list] == ["inspection"]
    assert [hit.kind for hit in find(world.officer, "dan van kheo").page.object_list] == ["exemplary_model"]
    assert find(world.partner, "cung cap thong tin dinh ky").total == 1  # the inspected agency reads it
    assert find(world.upper, "dan van kheo").total == 1
    assert find(world.outsider, "dan van kheo").total == 0  # a nomination, not yet commended
    assert find(world.outsider, "cung cap thong tin dinh ky").total == 0
