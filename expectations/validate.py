"""Run a feed's suite over a batch of parsed files; say which rows broke which rule.

One GX validation per feed per load (files concatenated, ``_file`` and ``_idx`` columns
added) keeps GX's fixed cost per run rather than per file; survey feeds add a second one
over their answers, one row per answer.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from expectations.rules import SUITE_VERSION
from expectations.suites import CELLS_INVALID, answer_scales


@dataclass(frozen=True)
class RowFailure:
    rule: str  # "<column>: <expectation type>"
    detail: str


@dataclass
class ValidationOutcome:
    result_id: str
    success: bool
    rows: dict[int, list[RowFailure]] = field(default_factory=dict)  # _idx -> failures


@cache
def gx_module():
    for name in ("great_expectations", "great_expectations._docs_decorators"):
        logging.getLogger(name).setLevel(logging.WARNING)
    import great_expectations as gx

    return gx


@cache
def gx_context():
    gx = gx_module()
    ctx = gx.get_context(mode="ephemeral")
    try:
        from great_expectations.data_context.types.base import ProgressBarsConfig

        ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    except ImportError:  # older layouts: progress bars only cost terminal noise
        pass
    ctx.data_sources.add_pandas("landing")
    return ctx


SHORT_NAMES = {
    "expect_column_values_to_not_be_null": "required",
    "expect_column_values_to_be_in_set": "allowed_values",
    "expect_column_values_to_be_between": "in_range",
    "expect_compound_columns_to_be_unique": "unique_key",
    "expect_column_values_to_match_regex": "format",
    "expect_column_pair_values_a_to_be_greater_than_b": "ordered",
}


def _rule_name(config) -> str:
    """``<column>: <rule>``, e.g. ``session_date: parsable``, ``hours: in_range``."""
    kwargs = config.kwargs
    column = kwargs.get("column") or "+".join(
        c for c in kwargs.get("column_list", []) if c != "_file"
    ) or f"{kwargs.get('column_A')}>={kwargs.get('column_B')}"
    if column.endswith("__invalid"):
        return "row: field_count" if column == "_row__invalid" else (
            f"{column.removesuffix('__invalid')}: parsable")
    return f"{column}: {SHORT_NAMES.get(config.type, config.type)}"


def _drop_cascades(failures: list[RowFailure]) -> list[RowFailure]:
    """A value that failed to parse is null: its 'required' failure adds nothing."""
    unparsed = {f.rule.split(":")[0] for f in failures if f.rule.endswith(": parsable")}
    return [f for f in failures if not (f.rule.endswith(": required")
                                        and f.rule.split(":")[0] in unparsed)]


def _get_or_add(factory, name: str, make):
    try:
        return factory.get(name)
    except Exception:  # GX raises different not-found errors per factory
        return factory.add(make())


def _cell_reason_columns(frame: pd.DataFrame) -> list[str]:
    """The parser's ``<column>__invalid`` companions (``_row__invalid`` is a row's, not a cell's)."""
    return [c for c in frame.columns if c.endswith("__invalid") and c != "_row__invalid"]


def _gather_cell_problems(frame: pd.DataFrame) -> pd.Series:
    """Per row, every cell the parser could not read (``<column>: <why>; ...``), else null."""
    columns = _cell_reason_columns(frame)
    gathered = pd.Series(None, index=frame.index, dtype=object)
    flagged = frame[columns].notna().any(axis=1)
    if flagged.any():
        gathered[flagged] = [
            "; ".join(f"{c.removesuffix('__invalid')}: {v}" for c, v in zip(columns, row, strict=True)
                      if not pd.isna(v))
            for row in frame.loc[flagged, columns].itertuples(index=False)]
    return gathered


def answers_frame(feed_name: str, frame: pd.DataFrame) -> pd.DataFrame | None:
    """One row per given survey answer: ``_idx``, ``item``, ``scale``, ``value``.

    Built with numpy (rows x questions, unanswered dropped): at scale a survey has millions
    of answers, and ``item``/``scale`` are categories, cheap for GX to hash and filter.
    """
    scales = answer_scales(feed_name)
    if not scales:
        return None
    items = [item for scale in scales for item in scale.items]
    scale_codes = np.array([n for n, scale in enumerate(scales) for _ in scale.items])
    grid = frame[items].to_numpy(dtype="float64", na_value=np.nan)  # scores or missing
    given = ~np.isnan(grid.ravel())
    item_codes = np.tile(np.arange(len(items)), len(frame))[given]
    return pd.DataFrame({
        "_idx": np.repeat(frame["_idx"].to_numpy(), len(items))[given],
        "item": pd.Categorical.from_codes(item_codes, categories=items),
        "scale": pd.Categorical.from_codes(scale_codes[item_codes],
                                           categories=[scale.code for scale in scales]),
        "value": grid.ravel()[given].astype("int64"),  # scores parse as whole numbers
    })


def _columns_read(suite, index_columns: list[str]) -> list[str]:
    names = list(index_columns)
    for expectation in suite.expectations:
        kwargs = expectation.configuration.kwargs
        condition = kwargs.get("row_condition") or {}
        # a row condition on a missing column passes silently in GX: keep its column too
        for name in [kwargs.get("column"), *kwargs.get("column_list", []), kwargs.get("column_A"),
                     kwargs.get("column_B"), condition.get("column", {}).get("name")]:
            if name and name not in names:
                names.append(name)
    return names


def _run_suite(ctx, gx, asset_name: str, suite_name: str, make_expectations,
               frame: pd.DataFrame, index_columns: list[str]):
    suite = _get_or_add(ctx.suites, suite_name,
                        # built with its list in one go: add_expectation one at a time
                        # re-validates the whole suite each time (~1.5 s for 200 rules)
                        lambda: gx.ExpectationSuite(name=suite_name,
                                                    expectations=make_expectations()))
    source = ctx.data_sources.get("landing")
    try:
        asset = source.get_asset(asset_name)
    except LookupError:
        asset = source.add_dataframe_asset(asset_name)
    try:
        definition = asset.get_batch_definition("whole")
    except KeyError:
        definition = asset.add_batch_definition_whole_dataframe("whole")
    # only the columns the rules read: GX hashes the whole frame it is given, every column
    batch = definition.get_batch(batch_parameters={"dataframe": frame[_columns_read(suite,
                                                                                   index_columns)]})
    return batch.validate(suite, result_format={
        "result_format": "COMPLETE", "unexpected_index_column_names": index_columns,
        "return_unexpected_index_query": False})


def validate(feed_name: str, frame: pd.DataFrame, as_of: date, batch_key: str,
             results_dir: Path | None = None) -> ValidationOutcome:
    """Validate ``frame`` (with ``_idx`` and ``_file`` columns) against the feed's suites.

    With ``results_dir`` the GX results are saved there for the night's Data Docs
    (``expectations.docs``): rendering them is a nightly step, not part of each load.
    """
    from expectations.docs import save_result
    from expectations.suites import answer_expectations_for, expectations_for

    gx = gx_module()
    ctx = gx_context()
    suite_name = f"{feed_name}.{SUITE_VERSION}.{as_of.isoformat()}"
    digest = hashlib.sha256(f"{suite_name}|{batch_key}".encode()).hexdigest()[:16]
    outcome = ValidationOutcome(result_id=f"{feed_name}-{digest}", success=True)
    rows: dict[int, list[RowFailure]] = defaultdict(list)

    wide = pd.concat([frame, _gather_cell_problems(frame).rename(CELLS_INVALID)], axis=1)
    runs = [(feed_name, suite_name, lambda: expectations_for(gx, feed_name, as_of), wide,
             ["_idx"])]
    answers = answers_frame(feed_name, frame)
    if answers is not None:
        runs.append((f"{feed_name}.answers", f"{feed_name}.answers.{SUITE_VERSION}",
                     lambda: answer_expectations_for(gx, feed_name), answers, ["_idx", "item"]))
    for asset_name, name, make, data, index_columns in runs:
        result = _run_suite(ctx, gx, asset_name, name, make, data, index_columns)
        if results_dir is not None:
            save_result(results_dir, as_of, outcome.result_id, feed_name, result)
        outcome.success = outcome.success and bool(result.success)
        for item in result.results:
            if item.success:
                continue
            rule = _rule_name(item.expectation_config)
            if item.exception_info and item.exception_info.get("raised_exception"):
                raise RuntimeError(f"GX could not evaluate {rule}: "
                                   f"{item.exception_info.get('exception_message')}")
            column = item.expectation_config.kwargs.get("column", "")
            entries = item.result.get("unexpected_index_list") or []
            if column == CELLS_INVALID:
                _add_cell_failures(rows, frame, [int(e["_idx"]) for e in entries])
                continue
            for entry in entries:
                value = entry.get(column) if column else None
                named = f"{entry['item']}: in_range" if "item" in entry else rule
                rows[int(entry["_idx"])].append(
                    RowFailure(named, "" if value is None else str(value)))
    outcome.rows = {idx: _drop_cascades(failures) for idx, failures in rows.items()}
    return outcome


def _add_cell_failures(rows: dict[int, list[RowFailure]], frame: pd.DataFrame,
                       idxs: list[int]) -> None:
    """``<column>: parsable`` for each unreadable cell of the rows GX flagged."""
    positions = pd.Index(frame["_idx"]).get_indexer(idxs)
    for column in _cell_reason_columns(frame):
        reasons = frame[column].to_numpy()[positions]
        for idx, reason in zip(idxs, reasons, strict=True):
            if not pd.isna(reason):
                rows[idx].append(RowFailure(f"{column.removesuffix('__invalid')}: parsable",
                                            str(reason)))
