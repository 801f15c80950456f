"""The JSON API under /api: thin routes over the store's browse and read functions."""

from __future__ import annotations

import contextlib
import dataclasses
import hmac
import threading
from typing import Annotated, Iterator, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
import orjson

from ..article import SCHEMA_VERSION, Article
from ..errors import NewsgraphError
from ..store import browse, read
from .schemas import (
    DATE_PATTERN, ArticlePage, ArticleRecord, AttributionRow, EntityProfile, EntitySummary, Kind, PageIn, Polarity,
    Problem, Stored,
)

# The read routes are `async def` on purpose: their SQLite queries take milliseconds, and running them on
# the event loop avoids the thread pool, whose threads spend more time handing the interpreter lock
# around (sqlite3 releases it for every row) than reading. Slow work (analysis, export) keeps to threads.
router = APIRouter(prefix="/api", tags=["api"])
bearer = HTTPBearer(auto_error=False, description="The write token the server was started with")
TEXT = Annotated[str | None, Query(max_length=500)]


async def article_filter(
    q: Annotated[str | None, Query(max_length=500, description="Full-text search over title and body")] = None,
    source: TEXT = None,
    since: Annotated[str | None, Query(pattern=DATE_PATTERN, description="Published on or after (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN, description="Published on or before")] = None,
    entity: Annotated[str | None, Query(max_length=500, description="An entity key, e.g. person:ali-khamenei")] = None,
    speaker: Annotated[str | None, Query(max_length=500, description="A speaker's entity key, or part of a name")] = None,
) -> browse.ArticleFilter:
    return browse.ArticleFilter(q=q, source=source, since=since, until=until, entity=entity, speaker=speaker)


@router.get("/articles", response_model=ArticlePage, responses={400: {"model": Problem}})
async def list_articles(request: Request, where: Annotated[browse.ArticleFilter, Depends(article_filter)],
                  cursor: Annotated[str | None, Query(max_length=1000)] = None,
                  limit: Annotated[int, Query(ge=1, le=100)] = 20,
                  facets: Annotated[bool, Query(description="Also count the matches by source, entity, month")] = False):
    """Articles, newest first (best match first with `q`), one page at a time."""
    conn = request.app.state.db.conn()
    page = browse.articles(conn, where, cursor=cursor, limit=limit)
    if facets:
        page["facets"] = browse.facets(conn, where)
    return JSONResponse(page)


def record_json(article: Article, entity_keys: dict[str, str] | None = None) -> bytes:
    """The full record as `Article.to_dict()` gives it, plus the corpus key of each entity, encoded by
    orjson straight from the dataclasses: twenty times faster than building the dicts first, and
    this is most of the work of serving an article."""
    fields = {field.name: getattr(article, field.name) for field in dataclasses.fields(article)}
    return orjson.dumps({**fields, "schema_version": SCHEMA_VERSION, "entity_keys": entity_keys})


def stored_record(conn, article: Article) -> bytes:
    return record_json(article, browse.entity_keys(conn, article.id) if article.entities is not None else None)


@router.get("/articles/{article_id}", response_model=ArticleRecord, responses={404: {"model": Problem}})
async def get_article(request: Request, article_id: Annotated[str, Path(max_length=200)]):
    """One article's full record: text, metadata, entities, dates and attributions. A unique prefix of
    the id is enough."""
    conn = request.app.state.db.conn()
    article = read.find_article(conn, article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return Response(stored_record(conn, article), media_type="application/json")


@router.get("/entities", response_model=list[EntitySummary])
async def list_entities(request: Request, type: Annotated[str | None, Query(max_length=40)] = None, q: TEXT = None,
                  top: Annotated[int, Query(ge=1, le=500)] = 50):
    """Entities across the corpus by the number of articles they appear in."""
    return JSONResponse(browse.entities(request.app.state.db.conn(), type=type, q=q, top=top))


@router.get("/entities/{key}", response_model=EntityProfile, responses={404: {"model": Problem}})
async def get_entity(request: Request, key: str):
    """An entity's profile: mentions over time, what they said, what others said about them, who they
    appear with, and the latest articles."""
    profile = browse.entity_profile(request.app.state.db.conn(), key)
    if profile is None:
        raise HTTPException(404, f"no entity {key!r}")
    return JSONResponse(profile)


@router.get("/attributions", response_model=list[AttributionRow])
async def list_attributions(request: Request, speaker: TEXT = None, about: TEXT = None, kind: Kind | None = None,
                      polarity: Polarity | None = None, q: TEXT = None,
                      article_id: Annotated[str | None, Query(max_length=200)] = None,
                      limit: Annotated[int, Query(ge=1, le=200)] = 50,
                      offset: Annotated[int, Query(ge=0, le=100_000)] = 0):
    """Who said what: by speaker or by entity talked about (part of a name), kind, polarity, words."""
    rows = read.attributions(request.app.state.db.conn(), speaker=speaker, about=about, kind=kind,
                             polarity=polarity, q=q, article_id=article_id, limit=limit, offset=offset)
    return JSONResponse(rows)


@router.get("/stats")
async def stats(request: Request) -> dict:
    """Corpus figures: articles, words, sources, entities, attributions, errors by kind."""
    return JSONResponse(read.stats(request.app.state.db.conn()))


# spaCy pipelines are not safe to call from two threads at once.
_analysis_lock = threading.Lock()


def analyse_bytes(content: bytes, url: str | None = None, format: str | None = None) -> Article:
    """Extract and analyse one page; raises the NewsgraphError that says why a page is unusable."""
    from .. import analyze

    with _analysis_lock:
        return analyze(content, url=url, format=format)


def analyse_page(page: PageIn) -> Article:
    try:
        return analyse_bytes(page.content.encode("utf-8", "surrogatepass"), page.url, page.format)
    except NewsgraphError as error:
        raise HTTPException(422, str(error)) from None


# 400: a body that is not JSON at all (not UTF-8), as FastAPI answers it.
PAGE_PROBLEMS = {status: {"model": Problem} for status in (400, 413, 422)}


@router.post("/analyze", response_model=ArticleRecord, responses=PAGE_PROBLEMS)
def analyze_page(page: PageIn):
    """Clean and analyse one page sent in the body, without storing it."""
    return Response(record_json(analyse_page(page)), media_type="application/json")


@router.post("/articles", status_code=201, response_model=Stored,
             responses={**PAGE_PROBLEMS, 401: {"model": Problem}, 403: {"model": Problem}})
def ingest_page(request: Request, page: PageIn,
                credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None):
    """Analyse one page and store it (replacing an earlier version of it). Needs the write token; off
    when the server was started without one."""
    token = request.app.state.settings.write_token
    if not token:
        raise HTTPException(403, "writing is off: start the server with a write token")
    if credentials is None or not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise HTTPException(401, "a valid write token is needed", headers={"WWW-Authenticate": "Bearer"})
    article = analyse_page(page)
    with request.app.state.db.writer() as store:
        store.save(article)
    return JSONResponse({"id": article.id, "title": article.title, "location": f"/api/articles/{article.id}"},
                        status_code=201)


@router.get("/export", response_class=StreamingResponse,
            responses={200: {"content": {"application/x-ndjson": {}}, "description": "One article record per line"}})
def export(request: Request, where: Annotated[browse.ArticleFilter, Depends(article_filter)],
           format: Literal["jsonl"] = "jsonl"):
    """Every matching article's full record, one JSON object per line, streamed."""
    db = request.app.state.db

    def lines() -> Iterator[bytes]:
        # Its own connection: each step of the stream may run on a different pool thread.
        with contextlib.closing(db.connect()) as conn:
            cursor = None
            while True:
                page = browse.articles(conn, where, cursor=cursor, limit=100)
                for row in page["items"]:
                    article = read.get_article(conn, row["id"])
                    if article is not None:
                        yield stored_record(conn, article) + b"\n"
                cursor = page["next"]
                if cursor is None:
                    return

    return StreamingResponse(lines(), media_type="application/x-ndjson",
                             headers={"content-disposition": 'attachment; filename="newsgraph.jsonl"'})
