"""The `propalens` command line (Typer + Rich)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from propalens.settings import (
    DEFAULT_RATE_LIMIT,
    MAX_INPUT_BYTES,
    Settings,
    check_rate_limit,
    check_token,
)

if TYPE_CHECKING:
    from propalens.errors import ArticleError
    from propalens.ingest import Document
    from propalens.store import StoreLocation

app = typer.Typer(
    help="Shows, span by span, how news articles try to persuade.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
_out = Console()
_err = Console(stderr=True)


def _show_version(asked: bool) -> None:
    if asked:
        from propalens import __version__

        _out.print(f"propalens {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Shows, span by span, how news articles try to persuade."""
    _check_environment()


def _check_environment() -> None:
    """Refuse a `PROPALENS_*` variable that `Settings` cannot read, naming the variable as the
    user set it (pydantic names the field: `max_bytes`) and not its value (it may be a token)."""
    from pydantic import ValidationError

    try:
        Settings()
    except ValidationError as error:
        for problem in error.errors():
            variable = "PROPALENS_" + "_".join(str(part) for part in problem["loc"]).upper()
            _err.print(f"{variable}: {problem['msg']}", markup=False, highlight=False)
        raise typer.Exit(INPUT_ERROR_EXIT) from error


def _counted(count: int, singular: str, plural: str) -> str:
    """`1 analysis`, `2 analyses`: what a status line says it wrote."""
    return f"{count} {singular if count == 1 else plural}"


INPUT_ERROR_EXIT = 2
INTERNAL_ERROR_EXIT = 1
"""Some article failed for a reason of propalens's own (a bug), not because of its input."""


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"
    html = "html"


class Task(StrEnum):
    si = "si"
    tc = "tc"


# Options that several commands share, declared once.
MaxBytesOption = Annotated[
    int, typer.Option(min=1, help="Refuse inputs larger than this many bytes.")
]
AllowPrivateUrlsOption = Annotated[
    bool, typer.Option(help="Allow fetching URLs on private or loopback addresses.")
]
TextColumnOption = Annotated[str, typer.Option(help="Text column of JSONL/CSV inputs.")]
IdColumnOption = Annotated[str | None, typer.Option(help="Id column of JSONL/CSV inputs.")]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="The store: a SQLite file or postgresql://user@host:port/dbname (default: "
        "$PROPALENS_DB, else propalens.db in the user's data folder). Keep a password out of "
        "the process list: in $PROPALENS_DB, $PGPASSWORD or ~/.pgpass.",
    ),
]


def _existing_store(db: str | None, option: str = "--db") -> StoreLocation:
    """The store `option` names (see `StoreOption`); a SQLite file must exist already."""
    from propalens.store import resolve_location

    location = resolve_location(db)
    if isinstance(location, Path) and not location.exists():
        raise typer.BadParameter(f"no store at {location}", param_hint=option)
    return location


@contextmanager
def _store_errors() -> Iterator[None]:
    """A store that cannot be opened (unreachable, or from a newer propalens) ends the command
    with its reason and exit code 2, not a traceback."""
    from propalens.store import StoreError

    try:
        yield
    except StoreError as error:
        _err.print(str(error), markup=False, highlight=False)
        raise typer.Exit(INPUT_ERROR_EXIT) from error


def _known_model(model: str | None) -> str | None:
    """Refuse a model name or folder that cannot be loaded before any work starts."""
    from propalens.detect import ModelError, model_kind

    try:
        model_kind(model)
    except ModelError as error:
        raise typer.BadParameter(str(error)) from error
    return model


ModelOption = Annotated[
    str | None,
    typer.Option(
        help="A shipped model's name or a model folder (default: $PROPALENS_MODEL, else minilm).",
        callback=_known_model,
    ),
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
    max_bytes: MaxBytesOption = MAX_INPUT_BYTES,
    allow_private_urls: AllowPrivateUrlsOption = False,
    text_column: TextColumnOption = "text",
    id_column: IdColumnOption = None,
    model: ModelOption = None,
) -> None:
    """Analyse articles: technique spans, sentence and article scores, metadata.

    Inputs that fail are listed at the end: exit code 2 for bad input, 1 when propalens
    itself failed on some article (a bug to report).
    """
    from propalens.detect import load_detector
    from propalens.errors import ArticleError
    from propalens.pipeline import Analyzer
    from propalens.render import write_analyses
    from propalens.schema import Analysis

    analyzer = Analyzer(load_detector(model))
    documents = _documents(inputs, max_bytes, allow_private_urls, text_column, id_column)
    results = list(analyzer.analyze_many(documents))
    analyses = [result for result in results if isinstance(result, Analysis)]
    failures = [result for result in results if isinstance(result, ArticleError)]
    if analyses:
        write_analyses(analyses, output_format, analyzer.detector.taxonomy, output, _out)
        if output is not None:
            _err.print(f"wrote {_counted(len(analyses), 'analysis', 'analyses')} to {output}")
    _exit_listing(failures)


def _documents(
    inputs: Sequence[str],
    max_bytes: int,
    allow_private_urls: bool,
    text_column: str,
    id_column: str | None,
) -> Iterator[Document | ArticleError]:
    """The inputs read as documents (or errors in their place), warnings shown as they come."""
    from propalens.ingest import IngestOptions, read_inputs, with_warnings_shown

    options = IngestOptions(
        max_bytes=max_bytes,
        allow_private_urls=allow_private_urls,
        text_column=text_column,
        id_column=id_column,
    )
    return with_warnings_shown(read_inputs(inputs, options), _warn)


def _exit_listing(failures: Sequence[Exception]) -> None:
    """List the inputs that failed and exit with `_failure_exit`'s code; nothing when none."""
    if failures:
        _err.print(f"[bold red]{len(failures)} input(s) failed:[/]")
        for failure in failures:
            _err.print(f"  {failure}", markup=False, highlight=False)
        raise typer.Exit(_failure_exit(failures))


def _warn(line: str) -> None:
    _err.print(f"warning: {line}", markup=False, highlight=False, soft_wrap=True)


def _failure_exit(failures: Sequence[Exception]) -> int:
    """1 when any failure is propalens's own (an `InternalError`), else 2 (bad input)."""
    from propalens.errors import InternalError

    if any(isinstance(failure, InternalError) for failure in failures):
        _err.print(
            "[bold red]propalens itself failed on some of them (internal error):[/] "
            "this is a bug, not a problem with the input; please report it"
        )
        return INTERNAL_ERROR_EXIT
    return INPUT_ERROR_EXIT


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Analysis result."""
    from propalens.render import render_json_schema

    sys.stdout.write(render_json_schema())


@app.command()
def evaluate(
    task: Annotated[Task, typer.Option(help="si: span identification; tc: technique labels.")],
    gold: Annotated[Path, typer.Option(help="Gold label file or folder of label files.")],
    pred: Annotated[Path, typer.Option(help="Predicted label file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print scores as JSON.")] = False,
    taxonomy: Annotated[
        str | None,
        typer.Option(
            help="The labels' taxonomy: a shipped name or a TOML or JSON file "
            "(default: the --model's)."
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            help="The model that made the predictions: its labels are scored (unless "
            "--taxonomy names others), and evaluate warns when it was trained on the split "
            "scored (default: $PROPALENS_MODEL, else minilm).",
            callback=_known_model,
        ),
    ] = None,
) -> None:
    """Score predictions with the SemEval-2020 Task 11 metrics (and, for SI, by span
    boundaries: a predicted and a gold span match when each lies at least half in the other)."""
    from propalens.detect import model_taxonomy
    from propalens.detect.manifest import read_manifest, training_splits
    from propalens.detect.registry import model_folder
    from propalens.errors import InputError
    from propalens.evaluate import (
        SiReport,
        off_template_warning,
        score_si,
        score_si_boundaries,
        score_tc,
        scores_json,
        scores_table,
        trained_on_gold_warning,
    )
    from propalens.ptc import read_spans
    from propalens.taxonomy import TaxonomyError, load_taxonomy

    try:
        labels = load_taxonomy(taxonomy) if taxonomy else model_taxonomy(model)
        gold_spans, predicted = read_spans(gold, labels), read_spans(pred, labels)
    except (InputError, TaxonomyError) as error:
        _err.print(str(error), markup=False)
        raise typer.Exit(INPUT_ERROR_EXIT) from error
    folder = model_folder(model)
    manifest = read_manifest(folder)
    named = f"{manifest.get('name', folder.name)} {manifest.get('version', '')}".strip()
    warnings = [
        trained_on_gold_warning(gold, named, training_splits(folder)),
        off_template_warning(gold_spans, predicted) if task is Task.tc else None,
    ]
    for warning in filter(None, warnings):
        _warn(warning)
    scores = (
        SiReport(score_si(gold_spans, predicted), score_si_boundaries(gold_spans, predicted))
        if task is Task.si
        else score_tc(gold_spans, predicted, labels)
    )
    if as_json:
        sys.stdout.write(scores_json(scores))
    else:
        _out.print(scores_table(scores))


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
    try:
        # A gold TC file of the model's own labels serves as a template too.
        template = read_spans(tc_template, detector.taxonomy) if tc_template else None
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
        str, typer.Option(help="The labels: a shipped taxonomy's name or a TOML or JSON file.")
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


def _valid(check: Callable[[str], str], value: str, variable: str = "") -> str:
    """`value` if `check` accepts it, else a usage error with its reason (naming `variable`
    when the value came from there)."""
    try:
        return check(value)
    except ValueError as error:
        raise typer.BadParameter(f"{variable}: {error}" if variable else str(error)) from error


def _checked(check: Callable[[str], str]) -> Callable[[str | None], str | None]:
    """An option callback that refuses a value `check` refuses."""
    return lambda value: None if value is None else _valid(check, value)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: StoreOption = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1, help="Server processes, each with its own model (PostgreSQL or SQLite store)."
        ),
    ] = 1,
    allow_private_urls: AllowPrivateUrlsOption = False,
    model: ModelOption = None,
    token: Annotated[
        str | None,
        typer.Option(
            help="Require this bearer token for writes (default: $PROPALENS_TOKEN, which, "
            "unlike an option, other users cannot see in the process list).",
            callback=_checked(check_token),
        ),
    ] = None,
    public: Annotated[
        bool,
        typer.Option(
            help="Serve beyond loopback without a token: anyone who can reach it may analyse, "
            "fetch URLs and fill the store (writes stay rate-limited)."
        ),
    ] = False,
    rate_limit: Annotated[
        str | None,
        typer.Option(
            help="Writes per client when served beyond loopback or with a token, e.g. "
            f"'10/minute;200/day' (default: $PROPALENS_RATE_LIMIT, else {DEFAULT_RATE_LIMIT}).",
            callback=_checked(check_rate_limit),
        ),
    ] = None,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            help="Reverse proxies (comma-separated addresses, or *) whose X-Forwarded-For "
            "names the client; without it the header is ignored.",
        ),
    ] = None,
) -> None:
    """Serve the web app and the REST API (OpenAPI schema at /openapi.json).

    On loopback (the default, 127.0.0.1) it is open to this machine unless a token is set.
    Beyond loopback, writes need a token (--token or $PROPALENS_TOKEN) unless --public; with a
    token or beyond loopback, each client's writes are rate-limited.
    """
    from pydantic import SecretStr

    from propalens.api.access import ExposureRefused
    from propalens.server import serve as run_server

    settings = Settings()
    if token is None and settings.token is not None:
        token = _valid(check_token, settings.token.get_secret_value(), "PROPALENS_TOKEN")
    rate_limit = rate_limit or _valid(check_rate_limit, settings.rate_limit, "PROPALENS_RATE_LIMIT")
    with _store_errors():
        try:
            run_server(
                host,
                port,
                db,
                workers=workers,
                allow_private_urls=allow_private_urls,
                model=model,
                log=_err.print,
                token=None if token is None else SecretStr(token),
                public=public,
                rate_limit=rate_limit,
                forwarded_allow_ips=forwarded_allow_ips,
            )
        except ExposureRefused as error:
            raise typer.BadParameter(str(error), param_hint="--host") from error


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
    db: StoreOption = None,
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
    max_bytes: MaxBytesOption = MAX_INPUT_BYTES,
    allow_private_urls: AllowPrivateUrlsOption = False,
    text_column: TextColumnOption = "text",
    id_column: IdColumnOption = None,
    title_column: Annotated[str, typer.Option(help="Title column of JSONL/CSV inputs.")] = "title",
    outlet_column: Annotated[
        str, typer.Option(help="Outlet column of JSONL/CSV inputs.")
    ] = "outlet",
    url_column: Annotated[str, typer.Option(help="URL column of JSONL/CSV inputs.")] = "url",
    model: ModelOption = None,
) -> None:
    """Analyse a corpus into the store, in parallel; run it again to resume after a crash.

    Stored articles (same text) are skipped; failures are recorded and counted: exit code 2
    for bad input, 1 when propalens itself failed on some article (a bug, a worker that died).
    """
    from propalens.batch import WorkerLost
    from propalens.batch.progress import batch_with_progress
    from propalens.ingest import IngestOptions

    given, url_lists = inputs or [], urls or []
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
    with _store_errors():
        try:
            summary = batch_with_progress(
                given,
                db,
                _err,
                url_lists=url_lists,
                options=options,
                engine=engine.value,
                workers=workers,
                scheduler=scheduler,
                chunk_size=chunk_size,
                model=model,
            )
        except WorkerLost as error:
            raise typer.Exit(INTERNAL_ERROR_EXIT) from error
    if summary.counts.internal:
        raise typer.Exit(INTERNAL_ERROR_EXIT)
    if summary.failures:
        raise typer.Exit(INPUT_ERROR_EXIT)


@app.command()
def export(
    db: StoreOption = None,
    export_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl, csv or parquet.")
    ] = ExportFormat.jsonl,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (default: stdout; parquet needs -o)."),
    ] = None,
    failures: Annotated[
        bool,
        typer.Option(
            "--failures", help="Export the recorded failures (source, error, attempts) instead."
        ),
    ] = False,
    model: ModelOption = None,
) -> None:
    """Export the store: one row per article (id, source, outlet, score, techniques, voices),
    or with --failures one row per input that failed."""
    from propalens.batch.export import export_db

    location = _existing_store(db)
    if export_format is ExportFormat.parquet and output is None:
        raise typer.BadParameter("parquet is binary: give --output FILE")
    with _store_errors():
        written = export_db(
            location, export_format.value, output or sys.stdout, model=model, failures=failures
        )
    if output is not None:
        what = ("failure", "failures") if failures else ("article", "articles")
        _err.print(f"wrote {_counted(written, *what)} to {output}", highlight=False)


class ReviewFormatChoice(StrEnum):
    label_studio = "label-studio"
    brat = "brat"


@app.command("export-annotations")
def export_annotations(
    out: Annotated[Path, typer.Option(help="The folder to write the tool's files in.")],
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Articles to analyse now: files, folders, URLs, JSONL/CSV corpora."),
    ] = None,
    review_format: Annotated[
        ReviewFormatChoice, typer.Option("--format", "-f", help="The annotation tool.")
    ] = ReviewFormatChoice.label_studio,
    db: Annotated[
        str | None,
        typer.Option(
            help="Export the analyses of this store instead of INPUTS: a SQLite file or a "
            "postgresql:// URL."
        ),
    ] = None,
    max_bytes: MaxBytesOption = MAX_INPUT_BYTES,
    allow_private_urls: AllowPrivateUrlsOption = False,
    text_column: TextColumnOption = "text",
    id_column: IdColumnOption = None,
    model: ModelOption = None,
) -> None:
    """Export analyses as pre-annotations for people to correct: a Label Studio project
    (labeling_config.xml, tasks.json) or a brat collection (article<ID>.txt/.ann, conf files).

    Each article keeps its PTC id (article<ID>.txt) or is numbered; the corrections come back
    with `propalens import-annotations`.
    """
    from propalens.annotations import AnnotationError, export_for_review
    from propalens.annotations.sources import analysed_for_review, stored_for_review

    given = inputs or []
    if (db is None) == (not given):
        raise typer.BadParameter("give INPUTS to analyse, or --db STORE (not both)")
    failures: list[ArticleError] = []
    if db is not None:
        from propalens.batch.labels import store_taxonomy
        from propalens.store import open_store

        with _store_errors(), open_store(_existing_store(db)) as store:
            articles, taxonomy = stored_for_review(store), store_taxonomy(store, model)
    else:
        from propalens.detect import load_detector
        from propalens.pipeline import Analyzer

        analyzer = Analyzer(load_detector(model))
        documents = _documents(given, max_bytes, allow_private_urls, text_column, id_column)
        articles, failures = analysed_for_review(analyzer, documents)
        taxonomy = analyzer.detector.taxonomy
    try:
        written = export_for_review(articles, taxonomy, review_format.value, out)
    except AnnotationError as error:
        _err.print(str(error), markup=False, highlight=False)
        raise typer.Exit(INPUT_ERROR_EXIT) from error
    _err.print(
        f"wrote {_counted(len(articles), 'article', 'articles')} for {review_format.value} "
        f"({len(written)} files) to {out}",
        highlight=False,
    )
    _exit_listing(failures)


@app.command("import-annotations")
def import_annotations(
    annotations: Annotated[
        Path,
        typer.Argument(help="A Label Studio JSON export (.json) or a brat collection folder."),
    ],
    out: Annotated[Path, typer.Option(help="The PTC folder to write (train-articles/ etc.).")],
    taxonomy: Annotated[
        str, typer.Option(help="The labels: a shipped taxonomy's name or a TOML or JSON file.")
    ] = "ptc",
    split: Annotated[str, typer.Option(help="The PTC split to write: train or dev.")] = "train",
) -> None:
    """Import corrected annotations into a PTC folder that `propalens train --data` reads.

    Every span is checked: its label must be the taxonomy's, and its offsets must point at the
    text it was given for (exit code 2 naming the task or line and the span otherwise). From
    Label Studio, each task's ground-truth annotation is read, else its latest one not skipped.
    """
    from propalens.annotations import read_corrections, write_ptc_folder
    from propalens.errors import InputError
    from propalens.taxonomy import TaxonomyError, load_taxonomy

    try:
        corrections = read_corrections(annotations, load_taxonomy(taxonomy))
    except (InputError, TaxonomyError) as error:
        _err.print(str(error), markup=False, highlight=False)
        raise typer.Exit(INPUT_ERROR_EXIT) from error
    folders = write_ptc_folder(corrections.articles, out, split)
    spans = sum(len(article.spans) for article in corrections.articles)
    _err.print(
        f"wrote {_counted(len(corrections.articles), 'article', 'articles')} with "
        f"{_counted(spans, 'span', 'spans')} to {folders.articles.parent} ({split} split)",
        highlight=False,
    )
    if corrections.unannotated:
        _err.print(
            f"left out {len(corrections.unannotated)} task(s) with no annotation to import "
            "(none made, or all skipped):",
            highlight=False,
        )
        for name in corrections.unannotated:
            _err.print(f"  {name}", markup=False, highlight=False, soft_wrap=True)


@app.command()
def report(
    db: StoreOption = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    model: ModelOption = None,
) -> None:
    """A self-contained HTML report of the store, with charts (no network needed to open it)."""
    from propalens.batch.report import write_report

    location = _existing_store(db)
    with _store_errors():
        write_report(location, output, model=model)
    _err.print(f"wrote {output}", highlight=False)


db_app = typer.Typer(
    help="Move, migrate and check stores (SQLite files and PostgreSQL databases).",
    no_args_is_help=True,
)
app.add_typer(db_app, name="db")


@db_app.command("copy")
def db_copy(
    source: Annotated[Path, typer.Option("--from", help="The SQLite store to copy.")],
    target: Annotated[
        str,
        typer.Option(
            "--to", help="The PostgreSQL store to copy into: postgresql://user@host:port/dbname."
        ),
    ],
) -> None:
    """Copy every analysis and recorded failure of a SQLite store into PostgreSQL, keeping
    their times; run it again after an interruption to finish the copy."""
    from propalens.store import describe_location, open_store, resolve_location
    from propalens.store.admin import copy_store

    location = _existing_store(str(source), "--from")
    if isinstance(resolve_location(target), Path):
        raise typer.BadParameter("the target must be a postgresql:// URL", param_hint="--to")
    with _store_errors(), open_store(location) as store:
        copied = copy_store(store, target, on_progress=lambda n: _err.print(f"copied {n}..."))
    _err.print(
        f"copied {_counted(copied.analyses, 'analysis', 'analyses')} and "
        f"{_counted(copied.failures, 'failure', 'failures')} from {source} to "
        f"{describe_location(target)}",
        highlight=False,
    )


@db_app.command("migrate")
def db_migrate(db: StoreOption = None) -> None:
    """Bring the store's schema up to this propalens's version (creating it if new); any
    command that opens the store would too, so this is for doing it at a time of your choice."""
    from propalens.store import describe_location, open_store, resolve_location
    from propalens.store.admin import schema_versions

    location = resolve_location(db)
    with _store_errors():
        before = schema_versions(location)
        open_store(location).close()
    done = "already at" if before.found == before.latest else f"migrated from {before.found} to"
    _err.print(
        f"{describe_location(location)}: {done} schema version {before.latest}",
        highlight=False,
        soft_wrap=True,
    )


@db_app.command("check")
def db_check(db: StoreOption = None) -> None:
    """Report the store's schema version, analyses and failures, and what is wrong with it:
    exit code 1 when something is."""
    from propalens.store import describe_location
    from propalens.store.admin import check_store

    location = _existing_store(db)
    with _store_errors():
        health = check_store(location)
    _out.print(
        f"{describe_location(location)}: schema version {health.versions.found} "
        f"(latest {health.versions.latest}), "
        f"{_counted(health.analyses, 'analysis', 'analyses')}, "
        f"{_counted(health.failures, 'recorded failure', 'recorded failures')}",
        highlight=False,
        soft_wrap=True,
    )
    for problem in health.problems:
        _out.print(f"problem: {problem}", markup=False, highlight=False, soft_wrap=True)
    if health.problems:
        raise typer.Exit(1)
