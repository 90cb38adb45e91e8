"""Reports for a generated month: every section, accessible structure, and hostile source text
(script tags, formula strings in org unit names) shown only escaped and neutralised."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tipwh import pipeline
from tipwh.generate import generate
from tipwh.generate.faults import FORMULAS, HOSTILE, FaultPlan

pytestmark = pytest.mark.slow
MONTH = "2026-09"
SECTIONS = ["headline", "training-coverage", "specialists", "programmes", "wellbeing",
            "scorecard", "data-quality", "methods"]


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = None
        self.headings: list[int] = []
        self.ids: set[str] = set()
        self.svgs = self.svg_titles = self.svg_descs = self.tables = self.table_headers = 0
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        self.svgs += tag == "svg"
        self.svg_titles += tag == "title" and bool(attrs.get("id", "").startswith("chart-title"))
        self.svg_descs += tag == "desc"
        self.tables += tag == "table"
        self.table_headers += tag == "th"
        if tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in {"td", "th"} and self._cell is not None:
            self.cells.append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


BLNS = Path(__file__).resolve().parents[1] / "fixtures" / "blns" / "blns.txt"


def blns_markup() -> list[str]:
    """Naughty strings that would be markup if not escaped."""
    lines = BLNS.read_text(encoding="utf-8", errors="replace").splitlines()
    return [s for s in lines if s and not s.startswith("#") and re.search(r"<[a-zA-Z/!]", s)
            and "\x00" not in s]


def _name_units_after_blns(folder: Path) -> None:
    """Rename the org units not already given a hostile name after blns strings with markup."""
    import csv
    import io

    strings = blns_markup()
    for path in folder.glob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        for i, row in enumerate(rows[12:], start=0):  # rows 1-11 carry the injected names
            row[1] = strings[i % len(strings)]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    from tipwh.config import load_settings

    home = tmp_path_factory.mktemp("reports")
    settings = load_settings({"TIPWH_HOME": str(home), "TIPWH_PSEUDONYM_KEY": "z" * 32})
    generate(MONTH, settings.landing, seed=51, scale=0.05, history_months=0,
             faults=FaultPlan(1.0, ["hostile_text", "formula_text"]))
    _name_units_after_blns(settings.landing / "org_units")
    pipeline.load(settings, pipeline.as_of_for(MONTH))
    pipeline.build(settings)
    pipeline.publish(settings)
    paths = [p for p in pipeline.report(settings, MONTH) if p.suffix == ".html"]
    pages = {p.name: p.read_text(encoding="utf-8") for p in paths} | {
        "index.html": (settings.reports_dir / MONTH / "index.html").read_text(encoding="utf-8")}
    return pages | {"_folder": settings.reports_dir / MONTH}


PDF_SECTIONS = ["Headline", "Training coverage", "Specialists and supervision",
                "Healing Trauma and Exploring Trauma", "Staff wellbeing and lived experience",
                "Enablers scorecard", "Data quality", "Methods and definitions"]


def test_every_report_has_a_pdf_with_every_section_on_real_pages(reports):
    import pypdfium2
    from pypdf import PdfReader

    folder = reports["_folder"]
    for name in [n for n in reports if n.endswith(".html") and n != "index.html"]:
        pdf_path = folder / name.replace(".html", ".pdf")
        text = " ".join(page.extract_text() for page in PdfReader(pdf_path).pages)
        text = " ".join(text.split())
        for heading in PDF_SECTIONS:
            assert heading in text, (name, heading)
        document = pypdfium2.PdfDocument(pdf_path)
        assert len(document) >= 3
        for number in range(len(document)):
            image = document[number].render(scale=0.4).to_pil().convert("L")
            assert image.getextrema()[0] < 100, f"{name}: page {number + 1} rendered blank"
        document.close()


def test_every_report_has_every_section_and_accessible_structure(reports):
    regional = [n for n in reports if n.startswith("N")]
    assert len(regional) == 12 and "national.html" in reports
    for name in [*regional, "national.html"]:
        page = Page()
        page.feed(reports[name])
        assert page.lang == "en-GB", name
        assert set(SECTIONS) <= page.ids, (name, set(SECTIONS) - page.ids)
        assert page.headings[0] == 1 and page.headings.count(1) == 1, name
        assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:], strict=False)), name
        assert page.svgs >= 2 and page.svg_titles == page.svgs == page.svg_descs, name
        assert page.table_headers >= page.tables > 3, name
        assert "[c]" in reports[name] or name == "national.html"


def test_hostile_source_text_is_escaped_and_never_starts_a_cell_as_a_formula(reports):
    html = "\n".join(v for k, v in reports.items() if k.endswith(".html"))
    for text in HOSTILE:
        if "<" in text:
            assert text not in html, text
    from markupsafe import escape

    shown = [t for t in HOSTILE if "<" in t and str(escape(t)) in html]
    assert shown, "a hostile org unit name should appear, escaped"
    corpus = blns_markup()
    assert len(corpus) > 20
    shown_blns = [t for t in corpus if str(escape(t.strip())) in html]
    assert len(shown_blns) > 10, "blns names should reach the reports, escaped"
    for text in corpus:
        assert text.strip() not in html, f"unescaped blns string in a report: {text!r}"
    cells = []
    for body in (v for k, v in reports.items() if k.endswith(".html")):
        page = Page()
        page.feed(body)
        cells += page.cells
    formula_cells = [c for c in cells if any(f in c for f in FORMULAS[:3])]
    assert formula_cells, "the formula-like names should be in the tables"
    for cell in formula_cells:
        assert not cell.startswith(("=", "+", "@")), cell
        assert cell.startswith("'"), cell


def test_the_index_lists_every_report_and_pdf_with_its_checksum(reports):
    index = reports["index.html"]
    files = [p for p in reports["_folder"].iterdir() if p.suffix in {".html", ".pdf"}
             and p.name != "index.html"]
    assert len(files) == 26
    for path in files:
        assert hashlib.sha256(path.read_bytes()).hexdigest() in index, path.name


def _luminance(hex_colour: str) -> float:
    digits = hex_colour[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


HEX = r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b"


def test_every_text_colour_meets_wcag_aa_contrast_on_white(reports):
    colours = set()
    for name, body in reports.items():
        if not name.endswith(".html"):
            continue
        colours |= {c.lower() for c in re.findall(rf"(?<![-\w])color:\s*({HEX})", body)}
        text_fills = re.findall(r'<text[^>]*?fill="([^"]*)"', body)
        assert text_fills or name == "index.html", name
        for fill in text_fills:
            assert re.fullmatch(HEX, fill), (name, fill)
            colours.add(fill.lower())
    assert len(colours) >= 4
    for colour in colours:
        ratio = (1.0 + 0.05) / (_luminance(colour) + 0.05)
        assert ratio >= 4.5, f"{colour} has contrast {ratio:.2f}:1 on white"
