import factory

from phoihop.organisations.models import AdministrativeUnit, Level, Organization


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử Nghiệm {n}")
    short_name = factory.LazyAttribute(lambda o: o.name.split(" ", 1)[-1])
    kind = AdministrativeUnit.Kind.PROVINCE
    level = Level.PROVINCE

    @factory.post_generation
    def self_province(obj, create, extracted, **kwargs):
        if create and obj.level == Level.PROVINCE and obj.province_id is None:
            obj.province = obj
            obj.save(update_fields=["province"])


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Cơ quan thử nghiệm {n}")
    kind = Organization.Kind.STATE_DEPARTMENT
    level = Level.PROVINCE
    administrative_unit = factory.SubFactory(UnitFactory)
