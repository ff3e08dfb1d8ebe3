"""Request bodies parsed by pydantic from their bytes, and declared in the OpenAPI.

FastAPI parses a declared body with `json.loads`, then validates the objects. For a push
of 500 changes, validating the JSON bytes directly (`model_validate_json`) takes half the
time. Such an endpoint reads the raw request, so its body schema is declared by hand:
`json_body` for the operation and `publish_models` for the components it refers to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TypeVar

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError

from sync.hub.limits import Limits
from sync.protocol import GZIP, BodyTooLarge, ErrorBody, gunzip

M = TypeVar("M", bound=BaseModel)
_REF = "#/components/schemas/{model}"
MAX_ERRORS_SHOWN = 5
MAX_DETAIL_CHARS = 500
_NAME = re.compile(r"[a-z_]{1,32}")


async def read_body(request: Request, limits: Limits) -> bytes:
    """The request body, gunzipped when it says so, as UTF-8 bytes: 413 when it is (or
    inflates to) more than the limits allow, 400 when it is damaged or not UTF-8.

    Reading stops at the limit: a large body is never held whole."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_wire_bytes:
        raise _too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limits.max_wire_bytes:
            raise _too_large()
        chunks.append(chunk)
    body = _inflate(b"".join(chunks), request.headers.get("content-encoding", ""), limits)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "the body is not UTF-8") from None
    return body


def _inflate(body: bytes, encoding: str, limits: Limits) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        if len(body) > limits.max_body_bytes:
            raise _too_large()
        return body
    if encoding != GZIP:
        raise HTTPException(400, "unsupported content encoding")
    try:
        return gunzip(body, limits.inflated_limit(len(body)))
    except BodyTooLarge:
        raise _too_large() from None
    except ValueError:
        raise HTTPException(400, "bad gzip body") from None


def _too_large() -> HTTPException:
    return HTTPException(413, "the body is too large")


def parse_body(model: type[M], body: bytes) -> M:
    """The body as `model`; a 422 with pydantic's errors (as FastAPI gives) when it is not."""
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])}
             for e in exc.errors(include_url=False, include_context=False)]) from exc


def error_summary(errors: Sequence[Any]) -> str:
    """Where and what, for the first few errors; never the input (a key name that is not a
    plain field name is shown as `?`), and short whatever the body was."""
    shown = []
    for error in list(errors)[:MAX_ERRORS_SHOWN]:
        loc = ".".join(_loc_part(part) for part in error.get("loc", ()))
        shown.append(f"{loc}: {_loc_part(error.get('type', 'invalid'))}")
    more = len(errors) - MAX_ERRORS_SHOWN
    text = "; ".join(shown) + (f"; {more} more" if more > 0 else "")
    return text[:MAX_DETAIL_CHARS]


def _loc_part(part: Any) -> str:
    if isinstance(part, int):
        return str(part)
    text = str(part)
    return text if _NAME.fullmatch(text) else "?"


def install_error_handlers(app: FastAPI) -> None:
    """422 answers as a short ErrorBody that never repeats what was sent."""

    async def invalid(_request: Request, exc: Exception) -> JSONResponse:
        errors = exc.errors() if isinstance(exc, RequestValidationError) else []
        body = ErrorBody(error="invalid_request", detail=error_summary(errors))
        return JSONResponse(body.model_dump(), status_code=422)

    app.add_exception_handler(RequestValidationError, invalid)


def json_body(model: type[BaseModel]) -> dict[str, Any]:
    """An operation's `openapi_extra`: a required JSON body of `model`."""
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"$ref": _REF.format(model=model.__name__)}}}}}


def publish_models(app: FastAPI, *models: type[BaseModel]) -> None:
    """Add `models` (and the models they use) to the app's OpenAPI components."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for model in models:
                found = model.model_json_schema(ref_template=_REF)
                components.update(found.pop("$defs", {}))
                components[model.__name__] = found
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
