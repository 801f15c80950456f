"""The web UI: server-rendered pages over the same store functions as the API. They read fine without
JavaScript; static/app.js only adds selecting an attribution to see its speaker panel."""

from __future__ import annotations

from importlib import resources
from typing import Annotated
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..errors import NewsgraphError
from ..store import browse, read
from .api import analyse_bytes
from .limits import MAX_BODY_BYTES as MAX_UPLOAD_BYTES  # a file may take the whole request
from .render import (article_pieces, entity_link_html, paragraph_html, snippet_pieces, speaker_colours, speaker_labels,
                     timeline_bars)
from .schemas import DATE_PATTERN

router = APIRouter(include_in_schema=False)
_environment = Environment(
    loader=FileSystemLoader(str(resources.files("newsgraph.serve") / "templates")),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True, lstrip_blocks=True, auto_reload=False,  # templates ship with the package
)
templates = Jinja2Templates(env=_environment)
QUOTES_PAGE = 100
TEXT = Annotated[str | None, Query(max_length=500)]


def safe_link(url: str | None) -> str | None:
    """The URL when it is a plain web address; a `javascript:` or `data:` one from a page is never a link."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


_environment.filters["safe_link"] = safe_link
_environment.globals["snippet_pieces"] = snippet_pieces
_environment.globals["entity_link_html"] = entity_link_html


def page(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    return page(request, "error.html", status_code=status_code, status=status_code, message=message)


# The home page's "most quoted" counts the latest this many articles: who is quoted now.
HOME_SCOPE = 1000


@router.get("/", response_class=HTMLResponse)
async def home(request: Request):
    conn = request.app.state.db.conn()
    return page(request, "home.html", stats=read.stats(conn),
                latest=browse.articles(conn, limit=10)["items"],
                speakers=read.speakers(conn, top=10, recent=HOME_SCOPE), scope=HOME_SCOPE,
                entities=browse.entities(conn, top=12))


@router.get("/search", response_class=HTMLResponse)
async def search(request: Request, q: TEXT = None, source: TEXT = None, entity: TEXT = None, speaker: TEXT = None,
           since: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
           until: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
           cursor: Annotated[str | None, Query(max_length=1000)] = None):
    conn = request.app.state.db.conn()
    where = browse.ArticleFilter(q=q or None, source=source or None, since=since, until=until,
                                 entity=entity or None, speaker=speaker or None)
    results = browse.articles(conn, where, cursor=cursor, limit=20)
    filters = {k: v for k, v in (("q", q), ("source", source), ("entity", entity), ("speaker", speaker),
                                 ("since", since), ("until", until)) if v}

    def link(**changes) -> str:
        chosen = {**filters, **changes}
        return "/search?" + urlencode({k: v for k, v in chosen.items() if v})

    return page(request, "search.html", q=q or "", filters=filters, link=link,
                results=results["items"], next=results["next"], facets=browse.facets(conn, where),
                entity_name=_entity_name(conn, entity))


def _entity_name(conn, key: str | None) -> str | None:
    if not key:
        return None
    row = conn.execute("SELECT name FROM entities WHERE key = ? LIMIT 1", (key,)).fetchone()
    return row[0] if row else key


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article(request: Request, article_id: str):
    conn = request.app.state.db.conn()
    found = read.find_article(conn, article_id)
    if found is None:
        raise HTTPException(404, "There is no article with this id in the store.")
    return _article_page(request, found, browse.entity_keys(conn, found.id), stored=True)


def _article_page(request: Request, found, entity_keys: dict[str, str], stored: bool) -> HTMLResponse:
    paragraphs = [paragraph_html(pieces) for pieces in article_pieces(found, entity_keys)]
    return page(request, "article.html", article=found, paragraphs=paragraphs,
                colours=speaker_colours(found.attributions or []), entity_keys=entity_keys,
                speakers=speaker_labels(found, entity_keys), url=safe_link(found.url), stored=stored)


@router.get("/entities", response_class=HTMLResponse)
async def entities(request: Request, q: TEXT = None, type: Annotated[str | None, Query(max_length=40)] = None):
    rows = browse.entities(request.app.state.db.conn(), type=type or None, q=q or None, top=200)
    return page(request, "entities.html", entities=rows, q=q or "", type=type or "")


@router.get("/entities/{key}", response_class=HTMLResponse)
async def entity(request: Request, key: str):
    profile = browse.entity_profile(request.app.state.db.conn(), key, top=30)
    if profile is None:
        raise HTTPException(404, "No article in the store mentions this entity.")
    return page(request, "entity.html", entity=profile, bars=timeline_bars(profile["timeline"]))


@router.get("/quotes", response_class=HTMLResponse)
async def quotes(request: Request, speaker: TEXT = None, about: TEXT = None, q: TEXT = None,
                 kind: Annotated[str | None, Query(pattern="^(direct|indirect|mixed)?$")] = None,
                 polarity: Annotated[str | None, Query(pattern="^(asserts|denies|confirms|questions)?$")] = None,
                 offset: Annotated[int, Query(ge=0, le=100_000)] = 0):
    filters = {"speaker": speaker or "", "about": about or "", "q": q or "", "kind": kind or "",
               "polarity": polarity or ""}
    rows = read.attributions(request.app.state.db.conn(), speaker=speaker or None, about=about or None,
                             kind=kind or None, polarity=polarity or None, q=q or None, limit=QUOTES_PAGE + 1,
                             offset=offset)
    following = None
    if len(rows) > QUOTES_PAGE:
        following = "/quotes?" + urlencode({**{k: v for k, v in filters.items() if v}, "offset": offset + QUOTES_PAGE})
    return page(request, "quotes.html", rows=rows[:QUOTES_PAGE], filters=filters, next=following)


@router.get("/analyze", response_class=HTMLResponse)
async def analyze_form(request: Request):
    return page(request, "analyze.html", content="", problem=None)


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_submit(request: Request, content: Annotated[str, Form(max_length=MAX_UPLOAD_BYTES)] = "",
                         url: Annotated[str, Form(max_length=4096)] = "", upload: UploadFile | None = None):
    data = content.encode("utf-8", "surrogatepass")
    if upload is not None and upload.filename:
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            return page(request, "analyze.html", status_code=413, content="",
                        problem=f"The file is over {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    if not data.strip():
        return page(request, "analyze.html", status_code=422, content=content, problem="Paste a page or choose a file.")
    try:
        found = await run_in_threadpool(analyse_bytes, data, url or None, None)
    except NewsgraphError as error:
        return page(request, "analyze.html", status_code=422, content=content,
                    problem=f"This page could not be analysed ({error.kind}): {error.args[0]}")
    return _article_page(request, found, {}, stored=False)
