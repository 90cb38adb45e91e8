"""Report pieces: charts escape text and show suppression; headlines never describe a [c]."""

from __future__ import annotations

from html.parser import HTMLParser

from reports import svg
from reports.headline import Headline, sentences


def test_chart_text_is_escaped_and_suppressed_bars_show_their_symbol():
    chart = svg.bar_chart("c1", [svg.Bar("<script>alert(1)</script>", 50.0),
                                 svg.Bar("Tiny unit", None, "[c]")],
                          "Coverage <b>by</b> unit", "Coverage (%)", alt="alt & text")
    assert "<script>" not in chart and "&lt;script&gt;" in chart
    assert "<b>" not in chart
    assert "[c]" in chart
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    assert "alt &amp; text" in chart


def test_line_chart_leaves_gaps_for_suppressed_months():
    chart = svg.line_chart("c2", [("Jan", 10.0), ("Feb", None), ("Mar", 30.0), ("Apr", 35.0)],
                           "Trend", "Coverage (%)", alt="trend")
    assert chart.count("<circle") == 3
    assert chart.count("<polyline") == 1  # Jan alone, then Mar-Apr joined


class _Balanced(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in {"rect", "line", "circle", "polyline", "meta"}:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in {"rect", "line", "circle", "polyline"}:
            return
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()


def test_chart_markup_is_well_formed():
    parser = _Balanced()
    parser.feed(svg.bar_chart("c3", [svg.Bar("A & B", 20.0)], "T", "X", alt="a"))
    assert parser.stack == []


def test_headlines_show_direction_in_words_and_skip_suppressed_figures():
    shown = Headline("Coverage", 40.0, None, 38.5, "%")
    suppressed = Headline("Senior leader coverage", None, "[c]", 50.0, "%")
    assert shown.direction == "up" and shown.is_good is True
    assert shown.change_text == "+1.5 points on last month"
    assert suppressed.change is None and suppressed.display == "[c]"
    text = " ".join(sentences([shown, suppressed], "Wales"))
    assert "Coverage in Wales rose by 1.5 points to 40.0%." in text
    assert "Senior leader" not in text
