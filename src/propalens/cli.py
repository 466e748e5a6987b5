"""The `propalens` command line (Typer + Rich)."""

from __future__ import annotations

import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    help="Shows, span by span, how news articles try to persuade.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
_out = Console()
_err = Console(stderr=True)

INPUT_ERROR_EXIT = 2


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"
    html = "html"


class Task(StrEnum):
    si = "si"
    tc = "tc"


# Options that several commands share, declared once.
MaxBytesOption = Annotated[int, typer.Option(help="Refuse inputs larger than this many bytes.")]
AllowPrivateUrlsOption = Annotated[
    bool, typer.Option(help="Allow fetching URLs on private or loopback addresses.")
]
TextColumnOption = Annotated[str, typer.Option(help="Text column of JSONL/CSV inputs.")]
IdColumnOption = Annotated[str | None, typer.Option(help="Id column of JSONL/CSV inputs.")]
ModelOption = Annotated[
    str | None,
    typer.Option(help="A shipped model's name or a model folder (default: $PROPALENS_MODEL)."),
]


@app.command()
def analyze(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, folders, URLs, JSONL/CSV corpora, or - for standard input."),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    max_bytes: MaxBytesOption = 10_000_000,
    allow_private_urls: AllowPrivateUrlsOption = False,
    text_column: TextColumnOption = "text",
    id_column: IdColumnOption = None,
) -> None:
    """Analyse articles: technique spans, sentence and article scores, metadata."""
    from propalens.errors import InputError
    from propalens.ingest import IngestOptions, read_inputs
    from propalens.pipeline import Analyzer
    from propalens.render import (
        render_html,
        render_json,
        render_jsonl,
        render_plain_text,
        render_terminal,
    )
    from propalens.schema import Analysis

    options = IngestOptions(
        max_bytes=max_bytes,
        allow_private_urls=allow_private_urls,
        text_column=text_column,
        id_column=id_column,
    )
    analyzer = Analyzer()
    analyses: list[Analysis] = []
    failures: list[InputError] = []
    for item in read_inputs(inputs, options):
        if isinstance(item, InputError):
            failures.append(item)
            continue
        try:
            analyses.append(analyzer.analyze(item))
        except InputError as error:
            failures.append(error)

    if analyses:
        if output_format is OutputFormat.text and output is None:
            for analysis in analyses:
                _out.print(render_terminal(analysis))
        else:
            rendered = {
                OutputFormat.json: lambda: render_json(analyses) + "\n",
                OutputFormat.jsonl: lambda: render_jsonl(analyses),
                OutputFormat.html: lambda: render_html(analyses),
                OutputFormat.text: lambda: render_plain_text(analyses),
            }[output_format]()
            if output is None:
                sys.stdout.write(rendered)
            else:
                output.write_text(rendered, encoding="utf-8")
                _err.print(f"wrote {len(analyses)} analyses to {output}")
    if failures:
        _err.print(f"[bold red]{len(failures)} input(s) failed:[/]")
        for failure in failures:
            _err.print(f"  {failure}", markup=False, highlight=False)
        raise typer.Exit(INPUT_ERROR_EXIT)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Analysis result."""
    from propalens.schema import Analysis

    sys.stdout.write(json.dumps(Analysis.model_json_schema(), indent=2) + "\n")


@app.command()
def evaluate(
    task: Annotated[Task, typer.Option(help="si: span identification; tc: technique labels.")],
    gold: Annotated[Path, typer.Option(help="Gold label file or folder of label files.")],
    pred: Annotated[Path, typer.Option(help="Predicted label file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print scores as JSON.")] = False,
) -> None:
    """Score predictions with the SemEval-2020 Task 11 metrics."""
    from propalens.errors import InputError
    from propalens.evaluate import score_si, score_tc
    from propalens.ptc import read_spans

    try:
        gold_spans, predicted = read_spans(gold), read_spans(pred)
    except InputError as error:
        _err.print(str(error), markup=False)
        raise typer.Exit(INPUT_ERROR_EXIT) from error
    if task is Task.si:
        si = score_si(gold_spans, predicted)
        scores = {"precision": si.precision, "recall": si.recall, "f1": si.f1}
        if as_json:
            sys.stdout.write(json.dumps(scores, indent=2) + "\n")
        else:
            _out.print(f"SI  P={si.precision:.4f}  R={si.recall:.4f}  F1={si.f1:.4f}")
        return
    tc = score_tc(gold_spans, predicted)
    if as_json:
        payload = {
            "micro": {"precision": tc.precision, "recall": tc.recall, "f1": tc.f1},
            "per_class": {
                name: {"precision": c.precision, "recall": c.recall, "f1": c.f1,
                       "support": c.support}
                for name, c in tc.per_class.items()
            },
        }  # fmt: skip
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    table = Table(title=f"TC micro  P={tc.precision:.4f}  R={tc.recall:.4f}  F1={tc.f1:.4f}")
    for column in ("technique", "P", "R", "F1", "support"):
        table.add_column(column, justify="left" if column == "technique" else "right")
    for name, c in tc.per_class.items():
        table.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.support))
    _out.print(table)


@app.command()
def predict(
    articles: Annotated[Path, typer.Argument(help="A folder of PTC articles (article<ID>.txt).")],
    si_out: Annotated[Path | None, typer.Option(help="Write SI predictions here.")] = None,
    tc_out: Annotated[Path | None, typer.Option(help="Write TC predictions here.")] = None,
    tc_template: Annotated[
        Path | None,
        typer.Option(help="Label exactly these spans (lines id, ?, start, end) for --tc-out."),
    ] = None,
    model: ModelOption = None,
) -> None:
    """Write SemEval-format predictions for a folder of PTC articles."""
    from propalens.detect import ModelError, load_detector
    from propalens.errors import InputError
    from propalens.predict import predict_articles, write_predictions
    from propalens.ptc import read_spans

    if si_out is None and tc_out is None:
        raise typer.BadParameter("give --si-out, --tc-out or both")
    try:
        detector = load_detector(model)
    except ModelError as error:
        raise typer.BadParameter(str(error), param_hint="--model") from error
    template = read_spans(tc_template) if tc_template else None
    try:
        predictions = predict_articles(
            detector, articles, want_si=si_out is not None, template=template
        )
    except InputError as error:
        _err.print(str(error), markup=False, highlight=False)
        raise typer.Exit(INPUT_ERROR_EXIT) from error
    write_predictions(predictions, si_out, tc_out)
    _err.print(f"predicted {len(predictions.si)} SI spans and {len(predictions.tc)} TC labels")


@app.command()
def train(
    data: Annotated[Path, typer.Option(help="The PTC folder (with train-articles/ etc.).")],
    out: Annotated[Path, typer.Option(help="Where to write the model folder.")],
    model: ModelOption = None,
    taxonomy: Annotated[
        str, typer.Option(help="The labels: a shipped taxonomy's name or a TOML file.")
    ] = "ptc",
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    splits: Annotated[
        str, typer.Option(help="Comma-separated PTC splits to train on, e.g. train or train,dev.")
    ] = "train",
    epochs: Annotated[
        int | None, typer.Option(help="Passes over the data (minilm; default: its own).")
    ] = None,
    threads: Annotated[
        int | None, typer.Option(help="CPU threads (minilm; default: torch's choice).")
    ] = None,
) -> None:
    """Train a model of the kind --model is (its model.json says) on the PTC corpus; the same
    seed gives the same model."""
    from propalens.detect import ModelError, TrainingOptions, train_detector
    from propalens.taxonomy import TaxonomyError

    options = TrainingOptions(
        splits=tuple(splits.split(",")),
        seed=seed,
        taxonomy=taxonomy,
        epochs=epochs,
        threads=threads,
        log=lambda line: _err.print(line, highlight=False),
    )
    try:
        report = train_detector(model, data, out, options)
    except ModelError as error:
        raise typer.BadParameter(str(error), param_hint="--model") from error
    except TaxonomyError as error:
        raise typer.BadParameter(str(error), param_hint="--taxonomy") from error
    sys.stdout.write(json.dumps(report, indent=2) + "\n")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: Annotated[
        Path | None,
        typer.Option(help="SQLite database (default: propalens.db in the user's data folder)."),
    ] = None,
    allow_private_urls: Annotated[
        bool, typer.Option(help="Allow fetching URLs on private or loopback addresses.")
    ] = False,
) -> None:
    """Serve the web app and the REST API (OpenAPI schema at /openapi.json)."""
    import uvicorn

    from propalens.api import create_app
    from propalens.pipeline import Analyzer
    from propalens.store import Store, default_db_path

    path = db or default_db_path()
    analyzer = Analyzer()
    analyzer.detector  # noqa: B018  (load the model now, not on the first request)
    with Store(path) as store:
        web_app = create_app(store, analyzer, allow_private_urls=allow_private_urls)
        _err.print(f"store: {path}\nserving on http://{host}:{port}/")
        uvicorn.run(web_app, host=host, port=port, log_level="info")


class BatchEngine(StrEnum):
    local = "local"
    dask = "dask"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command()
def batch(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, JSONL/CSV corpora and http(s) URLs."),
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option(help="SQLite store to fill (default: the one `propalens serve` uses)."),
    ] = None,
    urls: Annotated[
        list[Path] | None,
        typer.Option(help="A file of URLs to fetch, one per line ('#' starts a comment)."),
    ] = None,
    workers: Annotated[int, typer.Option(help="Worker processes (each loads the model).")] = 2,
    engine: Annotated[
        BatchEngine, typer.Option(help="local: a process pool; dask: a Dask cluster.")
    ] = BatchEngine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (default: a local cluster of --workers)."),
    ] = None,
    chunk_size: Annotated[
        int, typer.Option(help="Articles per task; each chunk is committed at once.")
    ] = 8,
    max_bytes: MaxBytesOption = 10_000_000,
    allow_private_urls: AllowPrivateUrlsOption = False,
    text_column: TextColumnOption = "text",
    id_column: IdColumnOption = None,
    title_column: Annotated[str, typer.Option(help="Title column of JSONL/CSV inputs.")] = "title",
    outlet_column: Annotated[
        str, typer.Option(help="Outlet column of JSONL/CSV inputs.")
    ] = "outlet",
    url_column: Annotated[str, typer.Option(help="URL column of JSONL/CSV inputs.")] = "url",
) -> None:
    """Analyse a corpus into the store, in parallel; run it again to resume after a crash.

    Stored articles (same text) are skipped; failures are recorded and counted (exit code 2).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from propalens.batch import BatchCounts, WorkerLost, estimate_count, run_batch
    from propalens.ingest import IngestOptions
    from propalens.store import Store, default_db_path

    given, url_lists = inputs or [], urls or []
    db = db or default_db_path()
    if not given and not url_lists:
        raise typer.BadParameter("give at least one input or --urls FILE")
    if scheduler is not None and engine is not BatchEngine.dask:
        raise typer.BadParameter("--scheduler needs --engine dask")
    if workers < 1 or chunk_size < 1:
        raise typer.BadParameter("--workers and --chunk-size must be at least 1")
    options = IngestOptions(
        max_bytes=max_bytes,
        allow_private_urls=allow_private_urls,
        text_column=text_column,
        id_column=id_column,
        title_column=title_column,
        outlet_column=outlet_column,
        url_column=url_column,
    )
    estimate = estimate_count(given, url_lists)
    progress = Progress(
        TextColumn("[bold]batch[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("ETA {task.fields[eta]}"),
        TextColumn("[dim]{task.fields[tally]}"),
        console=_err,
    )
    task = progress.add_task("batch", total=estimate, rate="", eta="–", tally="")
    started = time.perf_counter()
    first_stored: list[float] = []

    def on_progress(counts: BatchCounts) -> None:
        now = time.perf_counter()
        if counts.stored and not first_stored:
            first_stored.append(now)
        # The rate counts analysed articles only: skipping stored ones is near-instant.
        rate = counts.stored / (now - started) if counts.stored else 0.0
        remaining = max(estimate - counts.done, 0)
        eta = _duration(remaining / rate) if rate > 0 else "–"
        progress.update(
            task,
            completed=counts.done,
            total=max(estimate, counts.done),
            rate=f"{rate:.1f} articles/s",
            eta=eta,
            tally=f"{counts.stored} stored, {counts.skipped} skipped, {counts.failed} failed",
        )

    with Store(db) as store, progress:
        try:
            summary = run_batch(
                given,
                store,
                url_lists=url_lists,
                options=options,
                engine=engine.value,
                workers=workers,
                scheduler=scheduler,
                chunk_size=chunk_size,
                on_progress=on_progress,
            )
        except WorkerLost as error:
            progress.stop()
            _err.print(
                f"[bold red]a worker process died[/] ({error}); what was stored is kept: "
                "run the same command again to carry on",
                highlight=False,
            )
            raise typer.Exit(1) from error
        progress.update(task, total=summary.counts.done, completed=summary.counts.done)
    counts = summary.counts
    _err.print(
        f"[bold]{counts.stored} stored[/], {counts.skipped} skipped (already stored), "
        f"[{'bold red' if counts.failed else 'green'}]{counts.failed} failed[/] "
        f"in {summary.seconds:.1f} s ({summary.articles_per_second:.1f} articles/s, "
        f"{summary.workers} {engine.value} worker{'s' if summary.workers != 1 else ''}) "
        f"into {db}",
        highlight=False,
    )
    if summary.peak_rss_bytes:
        peak = max(summary.peak_rss_bytes.values()) / 2**20
        _err.print(f"peak memory per worker: {peak:.0f} MiB", highlight=False)
    if summary.failures:
        _err.print(f"[bold red]{len(summary.failures)} input(s) failed:[/]")
        for failure in summary.failures[:50]:
            _err.print(f"  {failure.source}: {failure.error}", markup=False, highlight=False)
        if len(summary.failures) > 50:
            _err.print(f"  … and {len(summary.failures) - 50} more (see propalens report)")
        raise typer.Exit(INPUT_ERROR_EXIT)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@app.command()
def export(
    db: Annotated[Path, typer.Option(help="The SQLite store to read.")],
    export_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl, csv or parquet.")
    ] = ExportFormat.jsonl,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (default: stdout; parquet needs -o)."),
    ] = None,
) -> None:
    """Export the store: one row per article (id, source, outlet, score, techniques, voices)."""
    from propalens.batch.export import export_store
    from propalens.store import Store

    if not db.exists():
        raise typer.BadParameter(f"no store at {db}")
    if export_format is ExportFormat.parquet and output is None:
        raise typer.BadParameter("parquet is binary: give --output FILE")
    with Store(db) as store:
        written = export_store(store, export_format.value, output or sys.stdout)
    if output is not None:
        _err.print(f"wrote {written} articles to {output}", highlight=False)


@app.command()
def report(
    db: Annotated[Path, typer.Option(help="The SQLite store to read.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
) -> None:
    """A self-contained HTML report of the store, with charts (no network needed to open it)."""
    from propalens.batch.report import render_report
    from propalens.store import Store

    if not db.exists():
        raise typer.BadParameter(f"no store at {db}")
    with Store(db) as store:
        output.write_text(render_report(store), encoding="utf-8")
    _err.print(f"wrote {output}", highlight=False)
