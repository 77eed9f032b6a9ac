"""Our own docs page, rendered on the server from the OpenAPI schema: no CDN, no inline script (strict CSP)."""

import json

from django.shortcuts import render
from ninja.openapi.docs import DocsBase

from atelier.selectors import public_experiments
from lib.links import absolute_url
from parelketting.selectors import public_examples
from wijk.models import Neighbourhood, Organisation

PLACEHOLDER_UUID = "3f2c8a1e-0000-4000-8000-000000000000"


def _path_examples() -> dict[str, str]:
    """Real ids from the database where there are any, so every example link works when tried."""
    public = public_examples()
    pearl, route, activity = public["pearl"], public["route"], public["activity"]
    hood = Neighbourhood.objects.order_by("name", "slug").values_list("slug", flat=True).first()
    partner = Organisation.objects.partners().order_by("name", "slug").values_list("slug", flat=True).first()
    experiment = public_experiments().values_list("slug", flat=True).first()
    return {
        "/pearls/{uid}": str(pearl or PLACEHOLDER_UUID),
        "/neighbourhoods/{slug}": hood or "zuidwijk",
        "/partners/{slug}": partner or "welzijn-almelo",
        "/experiments/{slug}": experiment or "parelketting",
        "/routes/{slug}": route or "rondje-zuidwijk",
        "/activities/{uid}": str(activity or PLACEHOLDER_UUID),
    }


def _type(schema: dict, components: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(option, components) for option in schema["anyOf"] if option.get("type") != "null")
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _type(components[name], components) if name in components else name
    kind = schema.get("type", "")
    if schema.get("format"):
        kind += f" ({schema['format']})"
    return kind


def _limits(schema: dict) -> str:
    parts = []
    for key, label in (("minimum", "≥"), ("maximum", "≤"), ("maxLength", "max. tekens / chars")):
        if key in schema:
            parts.append(f"{label} {schema[key]}")
    if "default" in schema and schema["default"] is not None:
        parts.append(f"standaard / default {schema['default']}")
    return ", ".join(parts)


def endpoints(schema: dict, prefix: str) -> list[dict]:
    """One entry per operation: method, path, summary, parameters and an example URL."""
    examples = _path_examples()
    components = schema.get("components", {}).get("schemas", {})
    result = []
    for path, operations in schema.get("paths", {}).items():
        relative = path.removeprefix(prefix.rstrip("/"))
        for method, operation in operations.items():
            params = []
            query_example = ""
            for param in operation.get("parameters", []):
                param_schema = param.get("schema", {})
                params.append(
                    {
                        "name": param["name"],
                        "where": param["in"],
                        "required": param.get("required", False),
                        "type": _type(param_schema, components),
                        "limits": _limits(param_schema),
                        "description": param.get("description") or param_schema.get("description", ""),
                    }
                )
                if param["name"] == "bbox" and not query_example:
                    query_example = "?bbox=" + (param.get("examples") or param_schema.get("examples") or [""])[0]
            example_path = path
            for pattern, value in examples.items():
                if relative == pattern:
                    example_path = path.replace(pattern[pattern.index("{") :], value)
            if relative == "/pearls":
                example_path = path + "?kind=place&limit=10"
            result.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": operation.get("operationId", relative),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": params,
                    "responses": sorted(operation.get("responses", {})),
                    "example": absolute_url(example_path),
                }
            )
    return result


class ServerRenderedDocs(DocsBase):
    """``/api/v1/docs``: every endpoint with its parameters and a working example, as a normal site page."""

    def render_page(self, request, api, **kwargs):
        schema = api.get_openapi_schema(path_params=kwargs)
        prefix = api.get_root_path(kwargs)
        openapi_url = self.get_openapi_url(api, kwargs)
        return render(
            request,
            "api/docs.html",
            {
                "api": api,
                "endpoints": endpoints(schema, prefix),
                "openapi_url": openapi_url,
                "openapi_absolute": absolute_url(openapi_url),
                "schema_names": sorted(schema.get("components", {}).get("schemas", {})),
                "schema_size": len(json.dumps(schema)),
            },
        )
