"""Write a month's reports: one per region, a national overview, and an index with checksums.

The output depends only on the publish layer and the month, so regenerating a month from
the same warehouse reproduces the same bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from reports import sections, svg
from reports.data import NATION, CoverageRow, ReportData
from reports.headline import Headline, sentences
from reports.pdf import html_to_pdf
from reports.text import neutralise
from tipwh.months import add_months, month_label, parse_month

TREND_MONTHS = 12


@dataclass(frozen=True)
class WrittenReport:
    name: str
    file: str
    cutoff: str
    sha256: str


def _env() -> Environment:
    env = Environment(loader=PackageLoader("reports", "templates"),
                      autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)
    env.filters["neutralise"] = neutralise
    return env


def _headlines(now: CoverageRow | None, before: CoverageRow | None) -> list[Headline]:
    def pair(attr: str) -> tuple[float | None, str | None, float | None]:
        value = getattr(now, attr) if now else None
        symbol = getattr(now, f"{attr}_symbol") if now else "[x]"
        previous = getattr(before, attr) if before else None
        return value, symbol, previous

    return [
        Headline("BTI training coverage", *pair("coverage_pct"), unit="%"),
        Headline("Senior leader coverage", *pair("senior_leader_coverage_pct"), unit="%"),
        Headline("Support and reception staff coverage", *pair("support_coverage_pct"), unit="%"),
        Headline("Staff newly trained this month", *pair("newly_trained_staff"), unit=""),
    ]


def _trend(rows: list[CoverageRow], months: list[date], area_code: str) -> list[tuple[str, float | None]]:
    by_month = {r.month_start: r for r in rows if r.area_code == area_code}
    return [(m.strftime("%b %y"), by_month[m].coverage_pct if m in by_month else None)
            for m in months]


def _cutoff(rows: list[CoverageRow]) -> str:
    if not rows:
        return "unknown"
    return max(r.data_cutoff_at for r in rows).strftime("%Y-%m-%d %H:%M")


def _outcome_chart(outcomes: list[dict], area_name: str) -> str:
    shown = [(o["instrument_name"], 100 * o["mean_pre"] / o["total_max"],
              100 * o["mean_post"] / o["total_max"]) for o in outcomes if o["mean_pre"] is not None]
    improved = sum(1 for o in outcomes if o["mean_change"] is not None
                   and (o["mean_change"] < 0) == o["higher_is_worse"])
    return svg.dumbbell_chart(
        "outcomes", shown,
        f"Women in {area_name} improved on {improved} of {len(shown)} measures after the programme",
        "Mean score as % of the scale's maximum",
        alt=f"Chart of mean PRE and POST scores for {len(shown)} outcome measures in {area_name}; "
            "values and confidence intervals are in the table below.")


def _sections(data: ReportData, first: date, code: str, name: str) -> dict:
    con = data.con
    programme = sections.programme(con, first, code)
    return {
        "specialists": sections.specialists(con, first, code),
        "programme": programme,
        "outcome_chart": _outcome_chart(programme.extra["outcomes"], name),
        "wellbeing": sections.wellbeing(con, first, code),
        "lived": sections.lived_experience(con, first, code),
        "scorecard": sections.scorecard(con, first, code),
        "freshness": sections.freshness(con, first),
    }


def _write(path: Path, html: str) -> str:
    """Write the HTML report and its PDF beside it."""
    data = html.encode("utf-8")
    path.write_bytes(data)
    path.with_suffix(".pdf").write_bytes(html_to_pdf(html))
    return hashlib.sha256(data).hexdigest()


def region_report(data: ReportData, env: Environment, first: date, months: list[date],
                  code: str, name: str) -> str:
    label = month_label(first)
    units = [r for r in data.coverage([first], "org_unit", code) if r.headcount != 0]
    region_rows = data.coverage(months, "region", code)
    now = next((r for r in region_rows if r.month_start == first), None)
    before = next((r for r in region_rows if r.month_start == add_months(first, -1)), None)
    headlines = _headlines(now, before)
    unit_bars = [svg.Bar(r.area_name, r.coverage_pct, r.coverage_pct_symbol) for r in units]
    best = max((r for r in units if r.coverage_pct is not None), key=lambda r: r.coverage_pct,
               default=None)
    unit_title = (f"{best.area_name} leads {name} on BTI coverage at {best.coverage_pct:.0f}%"
                  if best else f"BTI coverage by org unit in {name}")
    trend = _trend(region_rows, months, code)
    known = [v for _, v in trend if v is not None]
    trend_title = (f"{name} coverage moved from {known[0]:.0f}% to {known[-1]:.0f}% in a year"
                   if len(known) > 1 else f"{name} coverage over the last year")
    return env.get_template("region.html.j2").render(
        title=f"{neutralise(name)}: trauma-informed practice report, {label}",
        month_label=label,
        cutoff=_cutoff(region_rows),
        headlines=headlines,
        sentences=sentences(headlines, name),
        unit_chart=svg.bar_chart(
            "units", unit_bars, unit_title, "Staff with BTI training in the last 3 years (%)",
            alt=f"Bar chart of BTI training coverage for {len(units)} org units in {name}, "
                f"against a 100% target. Values are in the table below."),
        trend_chart=svg.line_chart(
            "trend", trend, trend_title, "Coverage (%)",
            alt=f"Line chart of {name} BTI coverage for the 12 months to {label}."),
        unit_rows=units,
        region_rows=[r for r in region_rows if r.month_start == first],
        area_name=name,
        **_sections(data, first, code, name),
    )


def national_report(data: ReportData, env: Environment, first: date, months: list[date]) -> str:
    label = month_label(first)
    regions = data.coverage([first], "region")
    nation = data.coverage(months, "nation")
    now = next((r for r in nation if r.month_start == first), None)
    before = next((r for r in nation if r.month_start == add_months(first, -1)), None)
    headlines = _headlines(now, before)
    ranked = sorted((r for r in regions if r.coverage_pct is not None),
                    key=lambda r: r.coverage_pct, reverse=True)
    region_title = (f"{ranked[0].area_name} has the highest BTI coverage, {ranked[-1].area_name} "
                    f"the lowest" if len(ranked) > 1 else "BTI coverage by region")
    trend = _trend(nation, months, NATION)
    return env.get_template("national.html.j2").render(
        title=f"England and Wales: trauma-informed practice overview, {label}",
        month_label=label,
        cutoff=_cutoff(nation),
        headlines=headlines,
        sentences=sentences(headlines, "England and Wales"),
        region_chart=svg.bar_chart(
            "regions", [svg.Bar(r.area_name, r.coverage_pct, r.coverage_pct_symbol) for r in regions],
            region_title, "Staff with BTI training in the last 3 years (%)",
            alt=f"Bar chart comparing BTI training coverage across {len(regions)} regions "
                "against a 100% target. Values are in the table below."),
        trend_chart=svg.line_chart(
            "trend", trend, "National BTI coverage over the last 12 months", "Coverage (%)",
            alt=f"Line chart of national BTI coverage for the 12 months to {label}."),
        region_rows=regions,
        nation_rows=[r for r in nation if r.month_start == first],
        area_name="England and Wales",
        **_sections(data, first, NATION, "England and Wales"),
    )


NATIONAL = "national"


def areas(db_path: Path) -> list[str]:
    """What a month's run writes: every region's code, then the national overview."""
    data = ReportData(db_path)
    try:
        return [code for code, _ in data.regions()] + [NATIONAL]
    finally:
        data.close()


def write_report(db_path: Path, month: str, out_root: Path, area: str) -> Path:
    """Write one report (a region's code, or ``national``) and its PDF; return the HTML path."""
    first = parse_month(month)
    months = [add_months(first, -i) for i in reversed(range(TREND_MONTHS))]
    out_dir = out_root / month_label(first)
    out_dir.mkdir(parents=True, exist_ok=True)
    data = ReportData(db_path)
    try:
        if area == NATIONAL:
            html = national_report(data, _env(), first, months)
        else:
            name = dict(data.regions()).get(area)
            if name is None:
                raise ValueError(f"unknown region code {area!r}")
            html = region_report(data, _env(), first, months, area, name)
    finally:
        data.close()
    path = out_dir / f"{area}.html"
    _write(path, html)
    return path


def write_month_index(db_path: Path, month: str, out_root: Path) -> list[WrittenReport]:
    """The month's ``index.html``: every report written so far, with its checksum."""
    first = parse_month(month)
    data = ReportData(db_path)
    try:
        names = {NATIONAL: "England and Wales (national overview)", **dict(data.regions())}
        cutoff = _cutoff(data.coverage([first], "nation"))
    finally:
        data.close()
    out_dir = out_root / month_label(first)
    out_dir.mkdir(parents=True, exist_ok=True)
    return write_index(out_dir, month_label(first), cutoff, names, _env())


def write_reports(db_path: Path, month: str, out_root: Path,
                  region: str | None = None) -> list[WrittenReport]:
    """Write ``out_root/<month>/<region>.html`` (or one region's), ``national.html``, ``index.html``."""
    for area in [region] if region else areas(db_path):
        write_report(db_path, month, out_root, area)
    return write_month_index(db_path, month, out_root)


def write_index(out_dir: Path, label: str, cutoff: str, names: dict[str, str],
                env: Environment) -> list[WrittenReport]:
    """Index every report in the month folder, including ones from earlier single-region runs."""
    written = []
    for stem, title in names.items():
        for path in (out_dir / f"{stem}.html", out_dir / f"{stem}.pdf"):
            if path.exists():
                sha = hashlib.sha256(path.read_bytes()).hexdigest()
                kind = "PDF" if path.suffix == ".pdf" else "HTML"
                written.append(WrittenReport(f"{title} ({kind})", path.name, cutoff, sha))
    html = env.get_template("index.html.j2").render(
        title=f"Trauma-informed practice reports, {label}", month_label=label, reports=written)
    (out_dir / "index.html").write_bytes(html.encode("utf-8"))
    return written
