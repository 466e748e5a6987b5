"""Error answers: what a request did wrong, said without echoing what it sent."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from propalens.errors import InputError
from propalens.service import ServiceBusy
from propalens.store import InputKind


class ErrorDetail(BaseModel):
    detail: str


class AsciiJSONResponse(JSONResponse):
    """JSON with every non-ASCII character escaped, so that no string can fail to encode."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False).encode("ascii")


async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    """A 422 listing where each request field is wrong.

    FastAPI's own handler echoes each bad input, which may be megabytes long, NaN, or hold a
    lone surrogate (both of which would fail to encode): this one says where, not what.
    """
    detail = [
        {key: value for key, value in item.items() if key != "input"} for item in error.errors()
    ]
    return AsciiJSONResponse({"detail": jsonable_encoder(detail)}, status_code=422)


def input_error_response(field: InputKind, error: InputError) -> JSONResponse:
    """A 422 shaped like FastAPI's own validation errors, naming the field at fault."""
    detail = [{"loc": ["body", field], "msg": error.reason, "type": "input_error"}]
    return JSONResponse({"detail": detail}, status_code=422)


def retry_after(error: ServiceBusy) -> dict[str, str]:
    """The header of a 503 that says when to try again."""
    return {"Retry-After": str(error.retry_after_s)}


def busy_response(error: ServiceBusy) -> JSONResponse:
    """A 503: every analysis slot is taken, and the client should come back later."""
    return JSONResponse({"detail": str(error)}, status_code=503, headers=retry_after(error))
