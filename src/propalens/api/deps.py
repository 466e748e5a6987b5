"""The typed dependencies of the routers (API and pages): each request gets the app's one
`AnalysisService` and its store through `Depends`, never through a closure or a global."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from propalens.service import AnalysisService
from propalens.store import AnalysisStore


def get_service(request: Request) -> AnalysisService:
    service: AnalysisService = request.app.state.service
    return service


ServiceDep = Annotated[AnalysisService, Depends(get_service)]


def get_store(service: ServiceDep) -> AnalysisStore:
    return service.store


StoreDep = Annotated[AnalysisStore, Depends(get_store)]
