"""Run a feed's suite over a batch of parsed files; say which rows broke which rule.

One GX validation per feed per load (files concatenated, ``_file`` and ``_idx`` columns
added) keeps GX's fixed cost per run rather than per file.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd

from expectations.rules import SUITE_VERSION


@dataclass(frozen=True)
class RowFailure:
    rule: str  # "<column>: <expectation type>"
    detail: str


@dataclass
class ValidationOutcome:
    result_id: str
    success: bool
    rows: dict[int, list[RowFailure]] = field(default_factory=dict)  # _idx -> failures
    rule_counts: dict[str, int] = field(default_factory=dict)
    evaluated: list[str] = field(default_factory=list)


@cache
def _gx():
    for name in ("great_expectations", "great_expectations._docs_decorators"):
        logging.getLogger(name).setLevel(logging.WARNING)
    import great_expectations as gx

    return gx


@cache
def _context():
    gx = _gx()
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


RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": ["_idx"],
                 "return_unexpected_index_query": False}


def _docs_site(ctx, docs_dir: Path) -> str:
    """A Data Docs site writing static pages under ``docs_dir`` (one per directory)."""
    name = "tipwh_" + hashlib.sha256(str(docs_dir).encode()).hexdigest()[:8]
    if name not in ctx.get_site_names():
        ctx.add_data_docs_site(site_name=name, site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
    return name


def _get_or_add(factory, name: str, make):
    try:
        return factory.get(name)
    except Exception:  # GX raises different not-found errors per factory
        return factory.add(make())


def validate(feed_name: str, frame: pd.DataFrame, as_of: date, batch_key: str,
             docs_dir: Path | None = None) -> ValidationOutcome:
    """Validate ``frame`` (with ``_idx`` and ``_file`` columns) against the feed's suite.

    With ``docs_dir`` the run goes through a GX Checkpoint whose UpdateDataDocsAction
    writes the suite and the validation result into static Data Docs there.
    """
    from expectations.suites import expectations_for

    gx = _gx()
    ctx = _context()
    suite_name = f"{feed_name}.{SUITE_VERSION}.{as_of.isoformat()}"

    def make_suite():
        # built with its list in one go: add_expectation one at a time re-validates (and on a
        # saved suite re-persists) the whole suite each time, ~1.5 s for the 204-rule survey
        return gx.ExpectationSuite(name=suite_name,
                                   expectations=expectations_for(gx, feed_name, as_of))

    suite = _get_or_add(ctx.suites, suite_name, make_suite)
    source = ctx.data_sources.get("landing")
    try:
        asset = source.get_asset(feed_name)
    except LookupError:
        asset = source.add_dataframe_asset(feed_name)
    try:
        definition = asset.get_batch_definition("whole")
    except KeyError:
        definition = asset.add_batch_definition_whole_dataframe("whole")
    if docs_dir is None:
        batch = definition.get_batch(batch_parameters={"dataframe": frame})
        result = batch.validate(suite, result_format=RESULT_FORMAT)
    else:
        from great_expectations.checkpoint import UpdateDataDocsAction

        site = _docs_site(ctx, docs_dir)
        validation = _get_or_add(ctx.validation_definitions, suite_name,
                                 lambda: gx.ValidationDefinition(name=suite_name,
                                                                 data=definition, suite=suite))
        checkpoint = _get_or_add(ctx.checkpoints, f"{suite_name}.{site}", lambda: gx.Checkpoint(
            name=f"{suite_name}.{site}", validation_definitions=[validation],
            actions=[UpdateDataDocsAction(name="data_docs", site_names=[site])],
            result_format=RESULT_FORMAT))
        run = checkpoint.run(batch_parameters={"dataframe": frame})
        result = next(iter(run.run_results.values()))
    digest = hashlib.sha256(f"{suite_name}|{batch_key}".encode()).hexdigest()[:16]
    outcome = ValidationOutcome(result_id=f"{feed_name}-{digest}", success=bool(result.success))
    rows: dict[int, list[RowFailure]] = defaultdict(list)
    for item in result.results:
        rule = _rule_name(item.expectation_config)
        outcome.evaluated.append(rule)
        if item.success:
            continue
        if item.exception_info and item.exception_info.get("raised_exception"):
            raise RuntimeError(f"GX could not evaluate {rule}: "
                               f"{item.exception_info.get('exception_message')}")
        indexes = item.result.get("unexpected_index_list") or []
        outcome.rule_counts[rule] = len(indexes)
        column = item.expectation_config.kwargs.get("column", "")
        for entry in indexes:
            idx = int(entry["_idx"])
            value = entry.get(column) if column else None
            rows[idx].append(RowFailure(rule, "" if value is None else str(value)))
    outcome.rows = {idx: _drop_cascades(failures) for idx, failures in rows.items()}
    return outcome
