"""An aggregate HTML report of a store: one self-contained file with interactive charts.

The charts are Plotly figures with plotly.js inlined, so the file opens offline and fetches
nothing (its Content-Security-Policy allows no network at all).  Article-derived strings
(outlets, titles, sources, errors) are escaped twice over: Jinja2 autoescapes the tables, and
chart labels have `&`, `<` and `>` escaped before Plotly sees them, because Plotly reads tags
such as `<a href>` in labels (quotes stay as they are: Plotly would print `&quot;` as such).
Techniques are named and coloured by the store's taxonomy (`batch.labels`), so a store filled
by any model shows every label in its own colour.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

# Plotly ships no type information.  This module is imported only to write a report.
import plotly.graph_objects as go  # type: ignore[import-untyped]
import plotly.io as pio  # type: ignore[import-untyped]
from jinja2 import Environment, PackageLoader, Template, select_autoescape
from plotly.offline import get_plotlyjs  # type: ignore[import-untyped]

from propalens.batch.labels import store_taxonomy
from propalens.store import AnalysisStore, StoreLocation, open_store
from propalens.taxonomy import Taxonomy

UNKNOWN_OUTLET = "(outlet unknown)"
MAX_OUTLETS = 15
"""Outlets with the most articles get a bar each; the rest share one."""
OTHER_OUTLETS = "(other outlets)"
TOP_ARTICLES = 10


@dataclass
class _Outlet:
    articles: int = 0
    techniques: Counter[str] = field(default_factory=Counter)
    author_spans: int = 0
    quoted_spans: int = 0
    score_total: float = 0.0


@dataclass(frozen=True)
class _Article:
    score: float
    title: str
    outlet: str
    source: str
    spans: int


@dataclass
class Aggregate:
    """What the report shows, gathered in one pass over the store."""

    outlets: dict[str, _Outlet] = field(default_factory=lambda: defaultdict(_Outlet))
    scores: list[float] = field(default_factory=list)
    months: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    top: list[_Article] = field(default_factory=list)
    models: Counter[str] = field(default_factory=Counter)
    spans: int = 0


def aggregate(store: AnalysisStore) -> Aggregate:
    result = Aggregate()
    for stored in store.iter_analyses():
        analysis = stored.analysis
        outlet = result.outlets[analysis.outlet or UNKNOWN_OUTLET]
        outlet.articles += 1
        outlet.score_total += analysis.score
        outlet.techniques.update(span.technique for span in analysis.spans)
        quoted = sum(1 for span in analysis.spans if span.voice == "quoted")
        outlet.quoted_spans += quoted
        outlet.author_spans += len(analysis.spans) - quoted
        result.scores.append(analysis.score)
        result.spans += len(analysis.spans)
        result.models[f"{analysis.model.name} {analysis.model.version}"] += 1
        if analysis.published is not None:
            result.months[analysis.published.strftime("%Y-%m")].append(analysis.score)
        result.top.append(
            _Article(
                analysis.score,
                analysis.title or "(untitled)",
                analysis.outlet or UNKNOWN_OUTLET,
                stored.source,
                len(analysis.spans),
            )
        )
        result.top = sorted(result.top, key=lambda a: -a.score)[:TOP_ARTICLES]
    return result


def write_report(db: StoreLocation, output: Path, *, model: str | None = None) -> None:
    """Write the report of the store at `db`; `model` names the taxonomy (labels, colours)."""
    with open_store(db) as store:
        output.write_text(render_report(store, model=model), encoding="utf-8")


def render_report(
    store: AnalysisStore, *, model: str | None = None, title: str = "Batch report"
) -> str:
    """The report as one HTML document."""
    data = aggregate(store)
    failures = store.failures()
    outlets = _top_outlets(data)
    charts = []
    if data.scores:
        charts = [
            ("Technique mix per outlet", _technique_mix(outlets, store_taxonomy(store, model))),
            ("Author versus quoted voice per outlet", _voices(outlets)),
            ("Article scores", _score_histogram(data.scores)),
        ]
        if data.months:
            charts.append(("Over time (by publication month)", _over_time(data.months)))
    return _template().render(
        title=title,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        articles=len(data.scores),
        outlets=len(data.outlets),
        spans=data.spans,
        mean_score=sum(data.scores) / len(data.scores) if data.scores else 0.0,
        dated=sum(len(scores) for scores in data.months.values()),
        models=data.models.most_common(),
        charts=[(heading, _figure_div(figure)) for heading, figure in charts],
        top=data.top,
        failures=failures[:100],
        failure_count=len(failures),
        plotlyjs=get_plotlyjs(),
    )


def _top_outlets(data: Aggregate) -> dict[str, _Outlet]:
    ranked = sorted(data.outlets.items(), key=lambda item: (-item[1].articles, item[0]))
    shown = dict(ranked[:MAX_OUTLETS])
    rest = ranked[MAX_OUTLETS:]
    if rest:
        other = _Outlet()
        for _, outlet in rest:
            other.articles += outlet.articles
            other.techniques.update(outlet.techniques)
            other.author_spans += outlet.author_spans
            other.quoted_spans += outlet.quoted_spans
            other.score_total += outlet.score_total
        shown[OTHER_OUTLETS] = other
    return shown


def _for_plotly(text: str) -> str:
    """`text` as a chart label shows it: Plotly reads tags and a few entities in labels."""
    return html.escape(text, quote=False)


def _label(name: str, outlet: _Outlet) -> str:
    return f"{_for_plotly(name)} ({outlet.articles})"


def _technique_mix(outlets: dict[str, _Outlet], taxonomy: Taxonomy) -> go.Figure:
    names = list(outlets)[::-1]  # Plotly draws the first category at the bottom
    totals = [sum(outlets[name].techniques.values()) for name in names]
    bars = [
        _share_bar(
            names,
            outlets,
            [outlets[name].techniques.get(technique, 0) for name in names],
            totals,
            technique,
            taxonomy.colour(technique),
        )
        for technique in taxonomy.labels
        if any(outlets[name].techniques.get(technique, 0) for name in names)
    ]
    return _stacked(bars, "share of the outlet's technique spans (%)", len(names), extra=60)


def _voices(outlets: dict[str, _Outlet]) -> go.Figure:
    names = list(outlets)[::-1]
    totals = [outlets[name].author_spans + outlets[name].quoted_spans for name in names]
    bars = [
        _share_bar(names, outlets, [outlets[name].author_spans for name in names], totals,
                   "the outlet's own voice", "#17203a"),
        _share_bar(names, outlets, [outlets[name].quoted_spans for name in names], totals,
                   "quoted voices", "#f0b429"),
    ]  # fmt: skip
    return _stacked(bars, "share of technique spans (%)", len(names))


def _share_bar(
    names: list[str],
    outlets: dict[str, _Outlet],
    counts: list[int],
    totals: list[int],
    series: str,
    colour: str,
) -> go.Bar:
    """One series of a stacked bar chart: its share (%) of each outlet's technique spans."""
    return go.Bar(
        y=[_label(name, outlets[name]) for name in names],
        x=[100 * count / (total or 1) for count, total in zip(counts, totals, strict=True)],
        customdata=counts,
        name=_for_plotly(series.replace("_", " ")),
        orientation="h",
        marker_color=colour,
        hovertemplate=(
            f"{_for_plotly(series)}: %{{x:.1f}}% (%{{customdata}} spans)<extra>%{{y}}</extra>"
        ),
    )


def _stacked(bars: list[go.Bar], axis_title: str, rows: int, extra: int = 0) -> go.Figure:
    figure = go.Figure(bars)
    figure.update_layout(
        barmode="stack",
        xaxis={"title": axis_title, "range": [0, 100]},
        height=160 + extra + 34 * rows,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
    )
    return _styled(figure)


def _score_histogram(scores: list[float]) -> go.Figure:
    figure = go.Figure(
        go.Histogram(
            x=scores,
            xbins={"start": 0.0, "end": 1.0, "size": 0.05},
            marker_color="#4e79a7",
            hovertemplate="score %{x}: %{y} articles<extra></extra>",
        )
    )
    figure.update_layout(
        xaxis_title="article score (expected share of sentences using a technique)",
        yaxis_title="articles",
        xaxis_range=[0, min(1.0, max(scores) + 0.1)],
        height=360,
        bargap=0.05,
    )
    return _styled(figure)


def _over_time(months: dict[str, list[float]]) -> go.Figure:
    ordered = sorted(months)
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=ordered,
            y=[len(months[m]) for m in ordered],
            name="articles",
            marker_color="#c9d3ea",
            hovertemplate="%{x}: %{y} articles<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=ordered,
            y=[sum(months[m]) / len(months[m]) for m in ordered],
            name="mean score",
            yaxis="y2",
            mode="lines+markers",
            marker_color="#d55e00",
            hovertemplate="%{x}: mean score %{y:.3f}<extra></extra>",
        )
    )
    figure.update_layout(
        xaxis={"type": "category", "title": "publication month"},
        yaxis={"title": "articles"},
        yaxis2={
            "title": "mean score",
            "overlaying": "y",
            "side": "right",
            "range": [0, 1],
            "tickmode": "linear",
            "dtick": 0.2,
            "showgrid": False,
        },
        height=360,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
    )
    return _styled(figure)


def _styled(figure: go.Figure) -> go.Figure:
    figure.update_layout(
        template="plotly_white",
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        font={"family": "system-ui, sans-serif", "size": 13},
        yaxis={"automargin": True},
        xaxis={"automargin": True},
    )
    return figure


def _figure_div(figure: go.Figure) -> str:

    # Plotly writes the figure's JSON with <, > and / escaped, so it cannot close the script.
    div: str = pio.to_html(
        figure,
        include_plotlyjs=False,
        full_html=False,
        config={"displaylogo": False, "responsive": True},
    )
    return div


@cache
def _template() -> Template:
    environment = Environment(
        loader=PackageLoader("propalens", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    return environment.get_template("batch_report.html.j2")
