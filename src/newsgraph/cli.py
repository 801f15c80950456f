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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: raw news pages in, a clean searchable store of articles and entities out."""


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


if __name__ == "__main__":
    main()
