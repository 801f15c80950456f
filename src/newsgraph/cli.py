"""The command line: thin commands over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def emit(data, as_json: bool | None = None) -> None:
    """JSON on stdout when piped or asked for; otherwise the same, indented for people."""
    if as_json or not sys.stdout.isatty():
        click.echo(json.dumps(data, ensure_ascii=False))
    else:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def emit_rows(rows: list[dict], as_json: bool | None, line) -> None:
    """A listing: JSON when piped or asked for, else one line per row as `line` writes it."""
    if as_json or not sys.stdout.isatty():
        emit(rows, True)
        return
    for row in rows:
        click.echo(line(row))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: raw news pages in, a clean searchable store of articles and entities out."""



DB_OPTION = click.option("--db", default="newsgraph.db", show_default=True, type=click.Path(dir_okay=False),
                         envvar="NEWSGRAPH_DB", help="The SQLite store (env NEWSGRAPH_DB).")
JSON_OPTION = click.option("--json", "as_json", is_flag=True, default=None, help="JSON even on a terminal.")
FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["html", "text", "warc", "jsonl"]), default=None,
                             help="Override detection by content and extension.")


def _page_command(name: str, analyse: bool, summary: str):
    """`extract` and `analyze` are one command that differs only in whether the model runs."""

    @main.command(name, help=summary)
    @click.argument("page", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
    @click.option("--url", default=None, help="The page's URL, for its id and site.")
    @click.option("--format", "fmt", type=click.Choice(["html", "text"]), default=None,
                  help="Override detection by content and extension.")
    @JSON_OPTION
    def command(page: str, url: str | None, fmt: str | None, as_json: bool | None) -> None:
        from . import analyze, extract
        from .errors import NewsgraphError
        from .sources import format_from_name

        if page == "-":
            content = sys.stdin.buffer.read()
        else:
            content = Path(page).read_bytes()
            if fmt is None and format_from_name(page) in ("html", "text"):
                fmt = format_from_name(page)
        try:
            article = extract(content, url=url, format=fmt)
            emit((analyze(article) if analyse else article).to_dict(), as_json)
        except NewsgraphError as exc:
            raise click.ClickException(f"{page}: {exc}") from exc

    return command


extract_command = _page_command("extract", analyse=False,
                                summary="Clean one page (a file, or - for stdin) into an article, as JSON. No NLP.")
analyze_command = _page_command("analyze", analyse=True,
                                summary="Clean and analyse one page (a file, or - for stdin): the full record as JSON.")


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--workers", "-w", default=1, show_default=True, help="Worker processes.")
@FORMAT_OPTION
@click.option("--batch-size", default=16, show_default=True, help="Pages per batch sent to a worker.")
@click.option("--no-analyze", is_flag=True, help="Store clean articles only, without entities.")
@click.option("--force", is_flag=True, help="Re-process items already stored unchanged.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any item failed.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@JSON_OPTION
def ingest_command(paths, db, workers, fmt, batch_size, no_analyze, force, strict, quiet, as_json) -> None:
    """Ingest pages, folders (recursive), WARC, JSONL or - (stdin) into the store.

    Re-running is safe: unchanged items are skipped, changed ones updated, none duplicated.
    """
    from tqdm import tqdm

    from .pipeline import ingest

    bar = tqdm(unit=" items", disable=quiet or None, file=sys.stderr, dynamic_ncols=True)

    def progress(report, advanced: int) -> None:
        bar.update(advanced)
        bar.set_postfix(stored=report.stored, unchanged=report.unchanged, failed=report.failed, refresh=False)

    try:
        report = ingest(list(paths), db=db, workers=workers, format=fmt, analyse=not no_analyze,
                        batch_size=batch_size, force=force, on_progress=progress)
    finally:
        bar.close()
    summary = report.to_dict()
    if as_json or not sys.stdout.isatty():
        click.echo(json.dumps(summary))
    else:
        errors = ", ".join(f"{kind} {count}" for kind, count in report.errors.items())
        click.echo(f"run {report.run_id}: {report.items} items in {report.seconds:.1f} s - stored {report.stored}, "
                   f"unchanged {report.unchanged}, failed {report.failed}" + (f" ({errors})" if errors else ""))
        if report.failed:
            click.echo(f"see the failures with: newsgraph errors --db {db}")
    if strict and report.failed:
        sys.exit(1)


def _store(db: str):
    from .store import Store

    if not Path(db).exists():
        raise click.ClickException(f"{db}: no such store; create it with `newsgraph ingest PATH --db {db}`")
    return Store(db)


@main.command("search")
@click.argument("query")
@DB_OPTION
@click.option("--limit", "-n", default=10, show_default=True)
@JSON_OPTION
def search_command(query: str, db: str, limit: int, as_json: bool | None) -> None:
    """Full-text search over titles and bodies (FTS5 syntax, or plain words)."""
    with _store(db) as store:
        hits = store.search(query, limit=limit)
    if as_json or not sys.stdout.isatty():
        emit(hits, True)
        return
    for hit in hits:
        click.echo(f"{hit['id']}  {hit['published'] or '':<10.10}  {hit['source'] or '':<22.22}  {hit['title'] or ''}")
        click.echo(f"    {hit['snippet']}")
    if not hits:
        click.echo("no matches")


@main.command("show")
@click.argument("article_id")
@DB_OPTION
@JSON_OPTION
def show_command(article_id: str, db: str, as_json: bool | None) -> None:
    """One stored article, whole (an id or a unique prefix of one)."""
    with _store(db) as store:
        article = store.get(article_id)
    if article is None:
        raise click.ClickException(f"no article with id {article_id!r}")
    emit(article.to_dict(), as_json)


@main.command("entities")
@DB_OPTION
@click.option("--type", "entity_type", default=None, help="PERSON, ORG, GPE, NORP, LOC, ...")
@click.option("--name", "-q", "name", default=None, help="Only names containing these words.")
@click.option("--top", default=20, show_default=True)
@JSON_OPTION
def entities_command(db: str, entity_type: str | None, name: str | None, top: int, as_json: bool | None) -> None:
    """The entities that appear in the most articles (one per corpus key, as the web UI's entity pages)."""
    with _store(db) as store:
        rows = store.entities(type=entity_type, q=name, top=top)
    emit_rows(rows, as_json, lambda row: f"{row['articles']:>6} articles {row['mentions']:>7} mentions  "
                                         f"{row['type']:<8} {row['country'] or '':<4} {row['name']}")


@main.command("quotes")
@click.option("--speaker", default=None, help="Who said it: part of the speaker's name, any case.")
@click.option("--about", default=None, help="Part of the name of an entity mentioned inside the quote.")
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed"]), default=None)
@click.option("--polarity", type=click.Choice(["asserts", "denies", "confirms", "questions"]), default=None)
@click.option("-q", "--query", default=None, help="Words in the quote (FTS5 syntax, or plain words).")
@click.option("--limit", "-n", default=20, show_default=True)
@DB_OPTION
@JSON_OPTION
def quotes_command(speaker, about, kind, polarity, query, limit, db, as_json) -> None:
    """Who said what: attributed quotes and reported speech, newest article first (best match first with -q)."""
    with _store(db) as store:
        rows = store.attributions(speaker=speaker, about=about, kind=kind, polarity=polarity, q=query, limit=limit)
    if as_json or not sys.stdout.isatty():
        emit(rows, True)
        return
    for row in rows:
        click.echo(_quote_line(row))
    if not rows:
        click.echo("no matches")


def _quote_line(row: dict) -> str:
    """speaker — cue — “content” — article title"""
    speaker = row["speaker_name"] or row["entity_name"] or "(unattributed)"
    cue = row["cue_text"] or row["cue_lemma"]
    parts = (speaker, cue, f"“{row['content_text']}”", row["title"] or row["article_id"])
    return " — ".join(part for part in parts if part)


@main.command("speakers")
@DB_OPTION
@click.option("--top", default=20, show_default=True)
@click.option("--anonymous", is_flag=True, help="Also count anonymous sources, by their description.")
@click.option("--recent", type=click.IntRange(min=1), default=None,
              help="Count only the latest N articles (by publication date).")
@JSON_OPTION
def speakers_command(db: str, top: int, anonymous: bool, recent: int | None, as_json: bool | None) -> None:
    """The most quoted speakers."""
    with _store(db) as store:
        rows = store.speakers(top=top, anonymous=anonymous, recent=recent)
    emit_rows(rows, as_json, lambda row: f"{row['attributions']:>6} attributions {row['articles']:>5} articles  "
                                         f"{row['type'] or '-':<8} {row['name']}")


@main.command("stats")
@DB_OPTION
@JSON_OPTION
def stats_command(db: str, as_json: bool | None) -> None:
    """Figures about the store: articles, words, entities, errors by kind."""
    with _store(db) as store:
        stats = store.stats()
    if as_json or not sys.stdout.isatty():
        emit(stats, True)
        return
    click.echo(f"{stats['articles']} articles ({stats['analysed']} analysed), {stats['words']} words, "
               f"{stats['sources']} sources, published {stats['published']['first'] or '?'} .. "
               f"{stats['published']['last'] or '?'}")
    click.echo(f"{stats['entities']} distinct entities, {stats['mentions']} mentions: "
               + ", ".join(f"{kind} {count}" for kind, count in stats["entity_types"].items()))
    errors = ", ".join(f"{kind} {count}" for kind, count in stats["errors"].items()) or "none"
    click.echo(f"{stats['items']} items ingested in {stats['runs']} runs; failed items: {errors}")
    click.echo(f"{stats['attributions']} attributions: "
               + (", ".join(f"{kind} {count}" for kind, count in stats["attribution_kinds"].items()) or "none"))


@main.command("errors")
@DB_OPTION
@click.option("--limit", "-n", default=50, show_default=True)
@JSON_OPTION
def errors_command(db: str, limit: int, as_json: bool | None) -> None:
    """Items that failed, with their typed reason and origin."""
    with _store(db) as store:
        rows = store.errors(limit=limit)
    if as_json or not sys.stdout.isatty():
        emit(rows, True)
        return
    for row in rows:
        click.echo(f"{row['kind']:<12} {row['origin_key']}  {row['message']}")


@main.command("serve")
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; the default answers this machine only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--write-token", envvar="NEWSGRAPH_WRITE_TOKEN", default=None,
              help="Turn on POST /api/articles for requests bearing this token (env NEWSGRAPH_WRITE_TOKEN).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Server processes.")
@click.option("--no-cache", is_flag=True, help="Do not keep responses between writes to the store.")
def serve_command(db: str, host: str, port: int, write_token: str | None, workers: int, no_cache: bool) -> None:
    """The web UI and HTTP API over the store (API docs at /docs)."""
    from .serve import serve

    if not Path(db).exists():
        raise click.UsageError(f"no store at {db}: run `newsgraph ingest PATH --db {db}` first")
    click.echo(f"newsgraph: serving {db} at http://{host}:{port}/ (API docs at /docs); Ctrl-C stops", err=True)
    serve(db, host=host, port=port, write_token=write_token, workers=workers, cache=not no_cache,
          log_level="warning")


@main.group()
def bench() -> None:
    """Accuracy and speed benchmarks on gold data folders."""


@bench.command("extract")
@click.option("--data", "data_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="An aeb-style or wcxb-style folder.")
@click.option("--mode", type=click.Choice(["html", "text"]), default="html", show_default=True)
@click.option("--compare", multiple=True, type=click.Choice(["trafilatura"]),
              help="Also run another extractor on the same pages in the same run.")
@click.option("--worst", default=10, show_default=True, help="How many of the worst pages to list.")
@click.option("--limit", type=int, default=None, help="Only the first N pages.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def bench_extract_command(data_dir: Path, mode: str, compare: tuple[str, ...], worst: int, limit: int | None,
                          as_json: bool) -> None:
    """Body precision/recall/F1 (aeb metric) and metadata accuracy (title, author, date)."""
    from .bench.extract import bench_extract, format_report

    report = bench_extract(data_dir, mode=mode, compare=list(compare), worst=worst, limit=limit)
    click.echo(json.dumps(report, ensure_ascii=False) if as_json else format_report(report))


@bench.command("attributions")
@click.option("--data", "data_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A PolNeAR folder (metadata.tsv, <split>/text, <split>/attributions).")
@click.option("--split", type=click.Choice(["dev", "train"]), default="dev", show_default=True)
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option("--worst", default=10, show_default=True, help="How many of the worst articles to list.")
@click.option("--no-compare", is_flag=True, help="Skip the textacy direct-quotation comparison.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def bench_attributions_command(data_dir: Path, split: str, limit: int | None, worst: int, no_compare: bool,
                               as_json: bool) -> None:
    """Content, source and cue P/R/F1 (Jaccard >= 0.5 and exact), per kind, and speaker accuracy."""
    from .bench.attributions import format_report, run

    try:
        report = run(data_dir, split=split, limit=limit, worst=worst, compare=not no_compare)
    except FileNotFoundError as error:
        raise click.ClickException(str(error)) from error
    click.echo(json.dumps(report, ensure_ascii=False) if as_json else format_report(report))


@bench.command("speakers")
@click.option("--data", "data_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A PolNeAR folder (the articles the gold file points into).")
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default="tests/data/resolution/polnear_sources.jsonl", show_default=True,
              help="Hand-annotated sources: JSON Lines with the referent of each.")
@click.option("--limit", type=int, default=None, help="Only the first N sources.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def bench_speakers_command(data_dir: Path, gold_path: Path, limit: int | None, as_json: bool) -> None:
    """How often pronoun and description sources resolve to the right named entity."""
    from .bench.speakers import format_report, run

    report = run(data_dir, gold_path, limit=limit)
    click.echo(json.dumps(report, ensure_ascii=False) if as_json else format_report(report))


@bench.command("speed")
@click.option("--data", "data_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of pages, or a benchmark folder with an html/ folder.")
@click.option("--limit", type=int, default=None, help="Only the first N pages.")
@click.option("--workers", default=2, show_default=True, help="Also time the full ingest with this many workers.")
@click.option("--repeat", default=1, show_default=True, help="Run every stage in N rounds; each stage keeps its fastest run.")
@click.option("--paired", default=0.0, show_default=True, type=click.FloatRange(min=0),
              help="Also time trafilatura + spaCy and the full ingest at the same time, each on its own core, "
                   "for this many seconds per half (cores swapped between halves); 0: off.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def bench_speed_command(data_dir: Path, limit: int | None, workers: int, repeat: int, paired: float,
                        as_json: bool) -> None:
    """Pages/s and words/s: trafilatura, extraction, spaCy alone and the full ingest, same pages, one run."""
    from .bench.speed import bench_speed, format_report

    report = bench_speed(data_dir, limit=limit, workers=workers, repeat=repeat, paired=paired)
    click.echo(json.dumps(report) if as_json else format_report(report))


@bench.command("serve")
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The SQLite store to serve (use a copy: the server may bring its schema up to date).")
@click.option("--clients", default=50, show_default=True, type=click.IntRange(min=1), help="Concurrent clients.")
@click.option("--duration", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds measured, after each client's warm-up requests.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1), help="uvicorn workers.")
@click.option("--client", "client_kind", type=click.Choice(["raw", "httpx"]), default="raw", show_default=True,
              help="The load generator's HTTP client: hand-written asyncio streams, or httpx (more CPU).")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Serve with the app's response cache, as `newsgraph serve` does; off measures every request's work.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def bench_serve_command(db: Path, clients: int, duration: float, workers: int, client_kind: str, cache: bool,
                        as_json: bool) -> None:
    """Requests/s and p50/p95/p99 latency of article and search pages and API calls, N clients, closed loop.
    Exits with status 1 when any request failed."""
    from .bench.serve import bench_serve, format_report

    try:
        report = bench_serve(db, clients=clients, duration=duration, workers=workers, client=client_kind, cache=cache)
    except (RuntimeError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(json.dumps(report, ensure_ascii=False) if as_json else format_report(report))
    if report["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
