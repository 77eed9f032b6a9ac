"""Shared behaviour of every API answer: caching, ETag/304, CORS, HEAD/OPTIONS, 405, rate limit, schema, docs."""

import re

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/pearls",
    "/api/v1/neighbourhoods",
    "/api/v1/themes",
    "/api/v1/partners",
    "/api/v1/dream-wall",
    "/api/v1/experiments",
    "/api/v1/routes",
    "/api/v1/activities",
]


@pytest.mark.parametrize("url", [*LISTS, "/api/v1/", "/api/v1/openapi.json"])
def test_cache_cors_and_etag_headers(anonymous, world, url):
    response = anonymous.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["ETag"].startswith('"')
    assert "POST" not in response["Access-Control-Allow-Methods"]


def test_if_none_match_gives_304_until_the_data_changes(anonymous, make_pearl):
    make_pearl(title="Bankje")
    first = anonymous.get("/api/v1/pearls")
    etag = first["ETag"]
    again = anonymous.get("/api/v1/pearls", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == "public, max-age=60"
    assert again["Access-Control-Allow-Origin"] == "*"
    assert anonymous.get("/api/v1/pearls", HTTP_IF_NONE_MATCH=f'W/{etag}, "other"').status_code == 304
    make_pearl(title="Nieuw bankje")
    changed = anonymous.get("/api/v1/pearls", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_head_has_the_headers_and_no_body(anonymous, world):
    get = anonymous.get("/api/v1/themes")
    head = anonymous.head("/api/v1/themes")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content))


def test_options_is_a_cors_preflight(anonymous, world):
    response = anonymous.options("/api/v1/pearls", HTTP_ORIGIN="https://gemeente.example")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_get_and_head(anonymous, world, method):
    response = getattr(anonymous, method)("/api/v1/pearls")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["detail"]
    assert "Access-Control-Allow-Origin" not in response


def test_post_without_csrf_token_is_405_not_403(world):
    client = Client(enforce_csrf_checks=True)
    for url in ("/api/v1/", "/api/v1/pearls", "/api/v1/openapi.json"):
        assert client.post(url).status_code == 405


def test_not_found_is_json(anonymous, world):
    response = anonymous.get("/api/v1/neighbourhoods/nergens")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_rate_limit_per_client_gives_429_json(anonymous, world):
    for _ in range(3):
        assert anonymous.get("/api/v1/themes").status_code == 200
    response = anonymous.get("/api/v1/themes")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response.json()["detail"]
    other = anonymous.get("/api/v1/themes", REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


def test_openapi_schema_lists_every_endpoint_and_the_small_count_rule(anonymous):
    schema = anonymous.get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1.0.0"
    assert set(schema["paths"]) == {
        "/api/v1/pearls",
        "/api/v1/pearls/{uid}",
        "/api/v1/neighbourhoods",
        "/api/v1/neighbourhoods/{slug}",
        "/api/v1/themes",
        "/api/v1/partners",
        "/api/v1/partners/{slug}",
        "/api/v1/dream-wall",
        "/api/v1/experiments",
        "/api/v1/experiments/{slug}",
        "/api/v1/routes",
        "/api/v1/routes/{slug}",
        "/api/v1/activities",
        "/api/v1/activities/{uid}",
    }
    assert all(set(ops) == {"get"} for ops in schema["paths"].values())
    count = schema["components"]["schemas"]["EvidenceValue"]["properties"]["count"]
    assert {"type": "integer"} in count["anyOf"]
    assert {"const": "<10", "type": "string"} in count["anyOf"] or {"enum": ["<10"], "type": "string"} in count["anyOf"]


def test_index_links_to_docs_schema_and_lists(anonymous):
    body = anonymous.get("/api/v1/").json()
    assert body["docs"].endswith("/api/v1/docs")
    assert body["openapi"].endswith("/api/v1/openapi.json")
    assert body["endpoints"]["pearls"].endswith("/api/v1/pearls")


def test_docs_page_is_our_own_page_with_every_endpoint(anonymous, make_pearl):
    pearl = make_pearl(title="Bankje")
    response = anonymous.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    assert "style=" not in html
    assert "cdn" not in html.lower()
    assert "swagger" not in html.lower()
    for path in ("/api/v1/pearls", "/api/v1/dream-wall", "/api/v1/experiments/{slug}", "/api/v1/partners"):
        assert f"GET {path}</code>" in html
    assert "bbox" in html
    assert f"/api/v1/pearls/{pearl.uid}" in html
    assert "Open data: uitleg voor ontwikkelaars" in html
    assert "Cache-Control" not in response or "public" not in response["Cache-Control"]
