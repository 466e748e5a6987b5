"""Outlet reliability profiles: who independent raters say publishes an article.

The shipped table (`resources/outlets/outlets.json`, sources and licences in `NOTICE.md` beside
it) joins Media Bias/Fact Check ratings as released by Baly et al. (EMNLP 2018, ACL 2020) with the
OpenSources tags.  `build_outlet_table` rebuilds it from the raw files in `shared/data/outlets/`;
the installed package only ever reads the built table.

Lookups are exact after normalisation (case, punctuation, a leading "the", "www." and parent
domains): an outlet we have no rating for gets None, never the nearest-looking guess.  A name
with no alias may still spell its own domain ("The Free Thought Project" is
thefreethoughtproject.com, "SHTFPlan" is shtfplan.com), which is looked up letter for letter
where the name is long enough not to be a common word.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal, cast
from urllib.parse import urlsplit

from propalens.schema import OutletProfile

Factuality = Literal["high", "mixed", "low"]

_TABLE = ("resources", "outlets", "outlets.json")
_COLUMNS = ["domain", "name", "factuality", "bias", "tags", "sources"]
# Source ids as they appear in `OutletProfile.sources`; NOTICE.md cites each one.
_EMNLP18 = "mbfc-baly-emnlp18"
_ACL2020 = "mbfc-baly-acl2020"
_OPENSOURCES = "opensources"
_FACTUALITY: frozenset[str] = frozenset({"high", "mixed", "low"})
# OpenSources spells a few of its tags several ways; the table keeps one spelling per tag.
_TAG_SPELLINGS = {"fake news": "fake", "satirical": "satire", "unrealiable": "unreliable"}

# Names that readers and articles use for well-known outlets and that the MBFC page slugs do not
# yield ("RT" is not "rt news").  Only aliases whose domain is rated end up in the table.
CURATED_ALIASES: Mapping[str, str] = {
    "rt": "rt.com",
    "russia today": "rt.com",
    "rt news": "rt.com",
    "sputnik": "sputniknews.com",
    "sputnik news": "sputniknews.com",
    "global research": "globalresearch.ca",
    "centre for research on globalization": "globalresearch.ca",
    "fox news": "foxnews.com",
    "fox": "foxnews.com",
    "fox news channel": "foxnews.com",
    "cnn": "cnn.com",
    "breitbart": "breitbart.com",
    "breitbart news": "breitbart.com",
    "infowars": "infowars.com",
    "info wars": "infowars.com",
    "drudge report": "drudgereport.com",
    "new york times": "nytimes.com",
    "nyt": "nytimes.com",
    "washington post": "washingtonpost.com",
    "wall street journal": "wsj.com",
    "wsj": "wsj.com",
    "reuters": "reuters.com",
    "associated press": "apnews.com",
    "ap": "apnews.com",
    "bbc": "bbc.com",
    "bbc news": "bbc.com",
    "the guardian": "theguardian.com",
    "guardian": "theguardian.com",
    "msnbc": "msnbc.com",
    "nbc news": "nbcnews.com",
    "abc news": "abcnews.go.com",
    "cbs news": "cbsnews.com",
    "npr": "npr.org",
    "al jazeera": "aljazeera.com",
    "daily caller": "dailycaller.com",
    "the daily caller": "dailycaller.com",
    "the gateway pundit": "thegatewaypundit.com",
    "gateway pundit": "thegatewaypundit.com",
    "zero hedge": "zerohedge.com",
    "zerohedge": "zerohedge.com",
    "lifesitenews": "lifesitenews.com",
    "natural news": "naturalnews.com",
    "daily mail": "dailymail.co.uk",
    "huffpost": "huffingtonpost.com",
    "huffington post": "huffingtonpost.com",
    "politico": "politico.com",
    "the intercept": "theintercept.com",
    "vox": "vox.com",
}


# How the best-known outlets call themselves, where the MBFC page slug says otherwise.
DISPLAY_NAMES: Mapping[str, str] = {
    "rt.com": "RT",
    "sputniknews.com": "Sputnik",
    "cnn.com": "CNN",
    "foxnews.com": "Fox News",
    "breitbart.com": "Breitbart",
    "infowars.com": "InfoWars",
    "globalresearch.ca": "Global Research",
    "theguardian.com": "The Guardian",
    "bbc.com": "BBC",
    "apnews.com": "Associated Press",
    "reuters.com": "Reuters",
    "nytimes.com": "The New York Times",
}


@dataclass
class _Row:
    domain: str
    name: str
    factuality: str | None = None
    bias: str | None = None
    tags: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def normalize_name(name: str) -> str:
    """Outlet name as the alias table keys it: lower case, no punctuation, no leading "the"."""
    words = re.sub(r"[^\w\s]", " ", name.casefold().replace("&", " and ")).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def domain_of(url: str) -> str | None:
    """Host of `url` in lower case without "www." (a bare "rt.com/news" works too)."""
    text = url.strip()
    if not text:
        return None
    if "//" not in text:
        text = "//" + text
    host = (urlsplit(text).hostname or "").rstrip(".")
    host = re.sub(r"^www\d*\.", "", host)
    return host or None


def _parents(domain: str) -> Iterable[str]:
    labels = domain.split(".")
    for start in range(len(labels) - 1):
        yield ".".join(labels[start:])


def _slug_name(ref: str) -> str | None:
    """ "https://mediabiasfactcheck.com/global-research/" -> "global research"."""
    slug = urlsplit(ref if "//" in ref else "//" + ref).path.strip("/").split("/")[-1]
    return slug.replace("-", " ").strip() or None


def _display_name(slug_name: str | None, domain: str) -> str:
    if slug_name is None:
        return domain
    return " ".join(word if word.isupper() else word.capitalize() for word in slug_name.split())


def _read_mbfc(path: Path, source: str, rows: dict[str, _Row], slugs: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            domain = domain_of(record["source_url"])
            fact = record["fact"].strip().lower()
            if domain is None or fact not in _FACTUALITY:
                continue
            slug = _slug_name(record["ref"])
            row = rows.setdefault(domain, _Row(domain, _display_name(slug, domain)))
            # Files are read oldest first, so a newer rating overrides an older one.
            row.factuality = fact
            row.bias = record["bias"].strip().lower() or row.bias
            if source not in row.sources:
                row.sources.append(source)
            if slug is not None:
                slugs.setdefault(domain, slug)


def _read_opensources(folder: Path, rows: dict[str, _Row]) -> None:
    """Tags from sources.csv and sources.json (the same list in two formats; their union)."""
    records: list[tuple[str, list[str]]] = []
    csv_path, json_path = folder / "sources.csv", folder / "sources.json"
    if csv_path.exists():
        with csv_path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            next(reader, None)
            records.extend((line[0], line[1:4]) for line in reader if line)
    if json_path.exists():
        data = json.loads(json_path.read_text(encoding="utf-8"))
        for site, info in data.items():
            records.append((site, [info.get(k, "") for k in ("type", "2nd type", "3rd type")]))
    for site, raw_tags in records:
        domain = domain_of(site)
        if domain is None:
            continue
        row = rows.setdefault(domain, _Row(domain, domain))
        for raw in raw_tags:
            tag = _TAG_SPELLINGS.get(raw.strip().lower(), raw.strip().lower())
            if tag and tag not in row.tags:
                row.tags.append(tag)
        if _OPENSOURCES not in row.sources:
            row.sources.append(_OPENSOURCES)


def _aliases(rows: Mapping[str, _Row], slugs: Mapping[str, str]) -> dict[str, str]:
    """Alias -> domain; a name that two outlets could claim is dropped rather than guessed."""
    claims: dict[str, set[str]] = {}
    for domain, slug in slugs.items():
        claims.setdefault(normalize_name(slug), set()).add(domain)
    aliases = {name: next(iter(ds)) for name, ds in claims.items() if len(ds) == 1 and name}
    for name, domain in CURATED_ALIASES.items():
        if domain in rows:
            aliases[normalize_name(name)] = domain
    return dict(sorted(aliases.items()))


def build_outlet_table(outlets_dir: Path, out: Path) -> int:
    """Build the shipped outlet table from `shared/data/outlets/`; returns the rows written."""
    rows: dict[str, _Row] = {}
    slugs: dict[str, str] = {}
    for version, source in (("emnlp18", _EMNLP18), ("acl2020", _ACL2020)):
        corpus = outlets_dir / "mbfc-baly" / version / "corpus.tsv"
        if corpus.exists():
            _read_mbfc(corpus, source, rows, slugs)
    _read_opensources(outlets_dir / "opensources" / "sources", rows)
    for domain, name in DISPLAY_NAMES.items():
        if domain in rows:
            rows[domain].name = name
    ordered = [rows[d] for d in sorted(rows)]
    table = {
        "columns": _COLUMNS,
        # A name equal to the domain is left out (null) to keep the table small.
        "rows": [
            [
                r.domain,
                None if r.name == r.domain else r.name,
                r.factuality,
                r.bias,
                r.tags,
                r.sources,
            ]
            for r in ordered
        ],
        "aliases": _aliases(rows, slugs),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    return len(ordered)


@dataclass(frozen=True)
class _Table:
    profiles: Mapping[str, OutletProfile]
    aliases: Mapping[str, str]
    stems: Mapping[str, str]
    """A domain's name without its suffix and punctuation ("freethoughtproject" for
    thefreethoughtproject.com's "thefreethoughtproject"), for the domains whose stem is unique."""


# A short name is a common word ("Times" is times.com.mx, and The Times is not): only names of
# this many letters or more are taken to spell their domain.
_MIN_STEM_LETTERS = 8
# Second-level labels of country suffixes: "dailymail.co.uk" has the stem "dailymail".
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov"})


def _squashed(name: str) -> str:
    return re.sub(r"[\W_]", "", name.casefold())


def _stem(domain: str) -> str | None:
    """The registrable name of `domain` ("rt" for rt.com, "dailymail" for dailymail.co.uk), or
    None for a subdomain, whose first label names a section rather than the outlet."""
    labels = domain.split(".")
    if len(labels) == 2 or (len(labels) == 3 and labels[1] in _SECOND_LEVEL):
        return _squashed(labels[0]) or None
    return None


def _stems(domains: Iterable[str]) -> dict[str, str]:
    claims: dict[str, set[str]] = {}
    for domain in domains:
        stem = _stem(domain)
        if stem is not None:
            claims.setdefault(stem, set()).add(domain)
    return {stem: next(iter(ds)) for stem, ds in claims.items() if len(ds) == 1}


@cache
def _table() -> _Table:
    path = resources.files("propalens").joinpath(*_TABLE)
    data = json.loads(path.read_text(encoding="utf-8"))
    columns: list[str] = data["columns"]
    profiles: dict[str, OutletProfile] = {}
    for values in data["rows"]:
        row = dict(zip(columns, values, strict=True))
        fact = row["factuality"]
        profiles[row["domain"]] = OutletProfile(
            name=row["name"] or row["domain"],
            domain=row["domain"],
            factuality=cast(Factuality, fact) if fact in _FACTUALITY else None,
            bias=row["bias"],
            tags=tuple(row["tags"]),
            sources=tuple(row["sources"]),
        )
    return _Table(profiles, data["aliases"], _stems(profiles))


def _by_domain(domain: str) -> OutletProfile | None:
    profiles = _table().profiles
    return next((profiles[d] for d in _parents(domain) if d in profiles), None)


def lookup_outlet(name: str | None = None, url: str | None = None) -> OutletProfile | None:
    """Profile for the outlet at `url` (www. and subdomains stripped) or called `name`.

    The URL wins when both are given and it is rated; an unknown outlet gets None.
    """
    if url:
        domain = domain_of(url)
        profile = _by_domain(domain) if domain else None
        if profile is not None:
            return profile
    if not name:
        return None
    aliased = _table().aliases.get(normalize_name(name))
    if aliased is not None:
        return _table().profiles.get(aliased)
    if re.fullmatch(r"[\w-]+(\.[\w-]+)+", name.strip()):
        return _by_domain(name.strip().lower().removeprefix("www."))
    normalized = _squashed(normalize_name(name))
    if len(normalized) < _MIN_STEM_LETTERS:
        return None
    for stem in (normalized, "the" + normalized):
        domain = _table().stems.get(stem)
        if domain is not None:
            return _table().profiles[domain]
    return None
