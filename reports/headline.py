"""Headline figures and the sentences about what moved, from this month and last month.

A figure that is suppressed in either month gets no change and no sentence: a sentence must
never reveal what a ``[c]`` hides.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Headline:
    label: str
    value: float | None
    symbol: str | None
    previous: float | None
    unit: str  # "%" or "" (people)
    higher_is_better: bool = True

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def display(self) -> str:
        if self.value is None:
            return self.symbol or "[x]"
        return f"{self.value:.1f}%" if self.unit == "%" else f"{self.value:,.0f}"

    @property
    def direction(self) -> str:
        """up, down or level: shown with an arrow and a word, so it survives greyscale."""
        change = self.change
        if change is None or abs(change) < 0.05:
            return "level"
        return "up" if change > 0 else "down"

    @property
    def is_good(self) -> bool | None:
        if self.direction == "level":
            return None
        return (self.direction == "up") == self.higher_is_better

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return "no comparison"
        unit = " points" if self.unit == "%" else ""
        return f"{change:+.1f}{unit} on last month"


def sentences(headlines: list[Headline], area_name: str) -> list[str]:
    """Two or three sentences on the largest movements, about unsuppressed figures only."""
    movers = sorted((h for h in headlines if h.change is not None),
                    key=lambda h: abs(h.change or 0), reverse=True)
    out = []
    for h in movers[:3]:
        if h.direction == "level":
            out.append(f"{h.label} in {area_name} held steady at {h.display}.")
            continue
        verb = "rose" if h.direction == "up" else "fell"
        size = f"{abs(h.change or 0):.1f} points" if h.unit == "%" else f"{abs(h.change or 0):,.0f}"
        out.append(f"{h.label} in {area_name} {verb} by {size} to {h.display}.")
    return out
