"""The OpenAPI document at /api/v1/openapi.json is valid JSON, lists the API's paths
and declares the bearer token scheme."""

import json

import pytest

EXPECTED_PATHS = {
    "/api/v1/auth/token": {"post", "delete"},
    "/api/v1/organisations/": {"get", "post"},
    "/api/v1/organisations/{organization_id}": {"get", "patch"},
    "/api/v1/organisations/{organization_id}/history": {"get"},
    "/api/v1/reorganizations/": {"get", "post"},
    "/api/v1/reorganizations/{reorganization_id}": {"get"},
    "/api/v1/units/": {"get"},
    "/api/v1/units/{unit_id}": {"get"},
    "/api/v1/units/{unit_id}/as-of": {"get"},
}


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_is_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "phoihop API"


def test_lists_the_paths_and_methods(schema):
    for path, methods in EXPECTED_PATHS.items():
        assert path in schema["paths"], path
        assert methods <= set(schema["paths"][path]), path


def test_declares_the_bearer_scheme(schema):
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"} in schemes.values()


def test_every_operation_but_sign_in_requires_authentication(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if (path, method) == ("/api/v1/auth/token", "post"):
                assert not operation.get("security")
            else:
                assert operation.get("security"), (path, method)


def test_every_reference_resolves(schema):
    components = schema["components"]["schemas"]
    refs = set(_refs(schema["paths"])) | set(_refs(components))
    assert refs
    for ref in refs:
        assert ref.startswith("#/components/schemas/")
        assert ref.removeprefix("#/components/schemas/") in components, ref


def test_operation_ids_are_unique(schema):
    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))


def test_error_bodies_are_documented(schema):
    create = schema["paths"]["/api/v1/organisations/"]["post"]["responses"]
    assert {"201", "401", "403", "422"} <= set(create)
    patch = schema["paths"]["/api/v1/organisations/{organization_id}"]["patch"]["responses"]
    assert "409" in patch


def test_list_responses_are_paginated(schema):
    listing = schema["paths"]["/api/v1/organisations/"]["get"]
    names = {p["name"] for p in listing["parameters"]}
    assert {"page", "page_size", "q", "kind", "level", "unit", "province", "valid_on", "parent"} <= names
    ref = listing["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    paged = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    assert {"items", "count", "page", "pages"} <= set(paged["properties"])
