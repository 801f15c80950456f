"""API docs at /docs: Swagger UI 5 (which reads OpenAPI 3.1) from the swagger-ui-bundle-v2 package's
files, started by a script of ours, so the page needs no remote origin and no inline script."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

router = APIRouter(include_in_schema=False)


def mount_assets(app: FastAPI) -> None:
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs/assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")


@router.get("/docs", response_class=HTMLResponse)
async def docs(request: Request):
    from .web import page

    return page(request, "docs.html")
