"""Organisation and re-organisation rules, enforced in the services."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from phoihop.core.concurrency import StaleVersionError
from phoihop.organisations import lineage, services
from phoihop.organisations.models import Level, Organization, Reorganization
from phoihop.organisations.tests.factories import OrganizationFactory, UnitFactory

D = dt.date


def make(world, **overrides):
    values = {
        "name": "Sở Văn hóa tỉnh An Hòa",
        "kind": Organization.Kind.STATE_DEPARTMENT,
        "level": Level.PROVINCE,
        "administrative_unit": world.province_a,
        "issuer_code": "SVH",
    }
    values.update(overrides)
    return services.organization_create(actor=world.admin, **values)


def messages(exc: ValidationError, field: str) -> str:
    return " ".join(exc.message_dict[field])


@pytest.mark.django_db
class TestOrganizationRules:
    def test_level_must_match_the_administrative_unit(self, world):
        with pytest.raises(ValidationError) as exc:
            make(world, level=Level.COMMUNE)
        assert "không khớp với cấp của địa bàn" in messages(exc.value, "administrative_unit")
        assert not Organization.objects.filter(name="Sở Văn hóa tỉnh An Hòa").exists()

    def test_central_organisations_have_no_area(self, world):
        with pytest.raises(ValidationError) as exc:
            make(world, level=Level.CENTRAL)
        assert "Trung ương" in messages(exc.value, "administrative_unit")
        assert make(world, level=Level.CENTRAL, administrative_unit=None, issuer_code="").pk

    def test_non_central_organisation_needs_an_area(self, world):
        with pytest.raises(ValidationError) as exc:
            make(world, administrative_unit=None)
        assert "Hãy chọn địa bàn" in messages(exc.value, "administrative_unit")

    def test_duplicate_issuer_code_in_same_area_and_time_is_refused(self, world):
        make(world)
        with pytest.raises(ValidationError) as exc:
            make(world, name="Sở Văn hóa và Thể thao tỉnh An Hòa", issuer_code="svh")
        assert "SVH" in messages(exc.value, "issuer_code").upper()

    def test_same_issuer_code_in_another_province_is_fine(self, world):
        make(world)
        assert make(world, administrative_unit=world.province_b).pk

    def test_same_issuer_code_at_different_times_is_fine(self, world):
        make(world, valid_to=D(2025, 12, 31))
        assert make(world, name="Sở Văn hóa (mới)", valid_from=D(2026, 1, 1)).pk

    def test_end_before_start_is_refused(self, world):
        with pytest.raises(ValidationError) as exc:
            make(world, valid_from=D(2026, 1, 1), valid_to=D(2025, 1, 1))
        assert "valid_to" in exc.value.message_dict

    def test_organisation_cannot_outlive_its_historical_area(self, world):
        former = UnitFactory(name="Tỉnh Cũ", valid_to=D(2025, 6, 30))
        with pytest.raises(ValidationError) as exc:
            make(world, administrative_unit=former)
        assert "thời gian tồn tại của địa bàn" in messages(exc.value, "valid_to")
        assert make(world, administrative_unit=former, valid_to=D(2025, 6, 30)).pk

    def test_empty_name_is_refused(self, world):
        with pytest.raises(ValidationError) as exc:
            make(world, name="   ")
        assert "Hãy nhập tên" in messages(exc.value, "name")

    def test_parent_cannot_be_itself_or_a_descendant(self, world):
        parent = make(world, name="UBND tỉnh An Hòa", kind=Organization.Kind.PEOPLES_COMMITTEE, issuer_code="UBND")
        child = make(world, parent=parent)
        with pytest.raises(ValidationError):
            services.organization_update(
                actor=world.admin, organization=parent, expected_version=parent.version, parent=child
            )
        with pytest.raises(ValidationError):
            services.organization_update(
                actor=world.admin, organization=parent, expected_version=parent.version, parent=parent
            )

    def test_stale_version_is_refused_and_changes_nothing(self, world):
        org = make(world)
        first = Organization.objects.get(pk=org.pk)
        second = Organization.objects.get(pk=org.pk)
        services.organization_update(
            actor=world.admin, organization=first, expected_version=first.version, short_name="A"
        )
        with pytest.raises(StaleVersionError):
            services.organization_update(actor=world.admin, organization=second, expected_version=1, short_name="B")
        assert Organization.objects.get(pk=org.pk).short_name == "A"

    def test_search_columns_follow_edits(self, world):
        org = make(world)
        services.organization_update(
            actor=world.admin, organization=org, expected_version=org.version, name="Sở Y tế Đắk Lắk"
        )
        org.refresh_from_db()
        assert "so y te dak lak" in org.search_text


@pytest.fixture
def phu_yen(world):
    """Phú Yên's two departments merge on 01/03/2025; Phú Yên merges into Đắk Lắk on 01/07/2025."""
    old = UnitFactory(name="Tỉnh Phú Yên", valid_to=D(2025, 6, 30))
    old_dl = UnitFactory(name="Tỉnh Đắk Lắk (cũ)", valid_to=D(2025, 6, 30))
    new = UnitFactory(name="Tỉnh Đắk Lắk", valid_from=D(2025, 7, 1))
    kw = {"level": Level.PROVINCE}
    tg = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy Phú Yên", kind="propaganda", administrative_unit=old, **kw)
    dv = OrganizationFactory(
        name="Ban Dân vận Tỉnh ủy Phú Yên", kind="mass_mobilisation", administrative_unit=old, **kw
    )
    merged = OrganizationFactory(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên",
        kind="propaganda_mass_mobilisation",
        administrative_unit=old,
        valid_from=D(2025, 3, 1),
        **kw,
    )
    dl_old = OrganizationFactory(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk (trước 01/07/2025)",
        kind="propaganda_mass_mobilisation",
        administrative_unit=old_dl,
        valid_from=D(2025, 3, 1),
        **kw,
    )
    dl = OrganizationFactory(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk",
        kind="propaganda_mass_mobilisation",
        administrative_unit=new,
        valid_from=D(2025, 7, 1),
        **kw,
    )
    services.reorganization_record(
        actor=world.admin,
        kind=Reorganization.Kind.MERGE,
        effective_date=D(2025, 3, 1),
        legal_basis="Quyết định số 01-QĐ/TU",
        predecessors=[tg, dv],
        successors=[merged],
    )
    services.reorganization_record(
        actor=world.admin,
        kind=Reorganization.Kind.MERGE,
        effective_date=D(2025, 7, 1),
        legal_basis="Nghị quyết số 202/2025/QH15",
        predecessors=[merged, dl_old],
        successors=[dl],
    )
    for org in (tg, dv, merged, dl_old, dl):
        org.refresh_from_db()
    return {"tg": tg, "dv": dv, "merged": merged, "dl_old": dl_old, "dl": dl}


@pytest.mark.django_db
class TestReorganizations:
    def test_predecessors_end_the_day_before(self, phu_yen):
        assert phu_yen["tg"].valid_to == D(2025, 2, 28)
        assert phu_yen["merged"].valid_to == D(2025, 6, 30)
        assert phu_yen["dl"].valid_to is None

    def test_history_keeps_the_old_names(self, phu_yen):
        assert Organization.objects.get(pk=phu_yen["tg"].pk).name == "Ban Tuyên giáo Tỉnh ủy Phú Yên"

    def test_successors_follow_the_whole_chain(self, phu_yen):
        names = set(lineage.successors_of(phu_yen["tg"]).values_list("name", flat=True))
        assert names == {"Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên", "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk"}

    def test_predecessors_follow_the_whole_chain(self, phu_yen):
        names = set(lineage.predecessors_of(phu_yen["dl"]).values_list("name", flat=True))
        assert names == {
            "Ban Tuyên giáo Tỉnh ủy Phú Yên",
            "Ban Dân vận Tỉnh ủy Phú Yên",
            "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên",
            "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk (trước 01/07/2025)",
        }

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (D(2025, 2, 28), "Ban Tuyên giáo Tỉnh ủy Phú Yên"),
            (D(2025, 3, 1), "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên"),
            (D(2025, 6, 30), "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên"),
            (D(2025, 7, 1), "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk"),
            (D(2026, 11, 21), "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk"),
        ],
    )
    def test_where_the_work_lives_as_of_a_date(self, phu_yen, day, expected):
        assert [o.name for o in lineage.current_successors(phu_yen["tg"], day)] == [expected]

    def test_valid_on_lookup(self, phu_yen):
        names = set(Organization.objects.valid_on(D(2025, 2, 1)).values_list("name", flat=True))
        assert "Ban Tuyên giáo Tỉnh ủy Phú Yên" in names
        assert "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Yên" not in names

    def test_cycle_is_refused(self, world, phu_yen):
        with pytest.raises(ValidationError) as exc:
            services.reorganization_record(
                actor=world.admin,
                kind=Reorganization.Kind.RENAME,
                effective_date=D(2026, 1, 1),
                legal_basis="QĐ thử",
                predecessors=[phu_yen["dl"]],
                successors=[phu_yen["tg"]],
            )
        assert "vòng lặp" in messages(exc.value, "successors")
        assert phu_yen["dl"].valid_to is None

    def test_successor_starting_before_predecessor_ends_is_refused(self, world):
        a = OrganizationFactory(name="Cơ quan A", administrative_unit=world.province_a)
        b = OrganizationFactory(name="Cơ quan B", administrative_unit=world.province_a, valid_from=D(2025, 12, 1))
        with pytest.raises(ValidationError) as exc:
            services.reorganization_record(
                actor=world.admin,
                kind=Reorganization.Kind.RENAME,
                effective_date=D(2026, 1, 1),
                legal_basis="QĐ thử",
                predecessors=[a],
                successors=[b],
            )
        assert "trước khi cơ quan trước sắp xếp kết thúc" in messages(exc.value, "successors")
        a.refresh_from_db()
        assert a.valid_to is None
        assert not Reorganization.objects.exists()

    @pytest.mark.parametrize(
        ("kind", "n_pred", "n_succ", "field"),
        [
            (Reorganization.Kind.MERGE, 1, 1, "predecessors"),
            (Reorganization.Kind.SPLIT, 1, 1, "successors"),
            (Reorganization.Kind.RENAME, 2, 1, "predecessors"),
            (Reorganization.Kind.DISSOLUTION, 1, 1, "successors"),
        ],
    )
    def test_shape_of_each_kind(self, world, kind, n_pred, n_succ, field):
        preds = [OrganizationFactory(administrative_unit=world.province_a) for _ in range(n_pred)]
        succs = [
            OrganizationFactory(administrative_unit=world.province_a, valid_from=D(2026, 1, 1)) for _ in range(n_succ)
        ]
        with pytest.raises(ValidationError) as exc:
            services.reorganization_record(
                actor=world.admin,
                kind=kind,
                effective_date=D(2026, 1, 1),
                legal_basis="QĐ thử",
                predecessors=preds,
                successors=succs,
            )
        assert field in exc.value.message_dict

    def test_dissolution_ends_the_organisation(self, world):
        a = OrganizationFactory(name="Cơ quan giải thể", administrative_unit=world.province_a)
        services.reorganization_record(
            actor=world.admin,
            kind=Reorganization.Kind.DISSOLUTION,
            effective_date=D(2026, 1, 1),
            legal_basis="QĐ giải thể",
            predecessors=[a],
            successors=[],
        )
        a.refresh_from_db()
        assert a.valid_to == D(2025, 12, 31)

    def test_an_organisation_is_reorganised_only_once(self, world, phu_yen):
        later = OrganizationFactory(administrative_unit=world.province_a, valid_from=D(2026, 1, 1))
        with pytest.raises(ValidationError) as exc:
            services.reorganization_record(
                actor=world.admin,
                kind=Reorganization.Kind.RENAME,
                effective_date=D(2026, 1, 1),
                legal_basis="QĐ thử",
                predecessors=[phu_yen["tg"]],
                successors=[later],
            )
        assert "đã được sắp xếp trước đó" in messages(exc.value, "predecessors")

    def test_legal_basis_is_required(self, world):
        a = OrganizationFactory(administrative_unit=world.province_a)
        with pytest.raises(ValidationError) as exc:
            services.reorganization_record(
                actor=world.admin,
                kind=Reorganization.Kind.DISSOLUTION,
                effective_date=D(2026, 1, 1),
                legal_basis="  ",
                predecessors=[a],
                successors=[],
            )
        assert "legal_basis" in exc.value.message_dict

    def test_reorganisation_is_audited_on_every_party(self, phu_yen):
        from phoihop.audit.models import AuditEntry

        for key in ("tg", "dv", "merged", "dl"):
            assert AuditEntry.objects.for_object(phu_yen[key]).filter(event="reorganized").exists()
