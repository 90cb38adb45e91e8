"""A night's GX Data Docs, rendered once after every feed has loaded, from saved results.

Each load saves its GX validation results as JSON (``save_result``, keyed on the run's
``as_of`` date and the result id the ledger records); ``render`` turns one night's results
into static pages. Rendering inside every load cost more than validating: GX compiles its
Jinja templates for every page and rebuilds the index from every page ever written. As a
step of its own it runs once a night, off the loads' path and outside the DuckDB pool.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path


def night_folder(results_dir: Path, as_of: date) -> Path:
    return results_dir / as_of.isoformat()


def save_result(results_dir: Path, as_of: date, result_id: str, feed_name: str,
                result) -> Path:
    """Write one GX suite result as JSON; the same load saves to the same file."""
    folder = night_folder(results_dir, as_of)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{result.suite_name}.{result_id}.json"
    payload = {"feed": feed_name, "result_id": result_id, "as_of": as_of.isoformat(),
               "result": result.to_json_dict()}
    path.write_text(json.dumps(payload, sort_keys=True, default=str), encoding="utf-8")
    return path


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


def _unbound(config):
    """The expectation a result ran, free to join a new suite (GX refuses one with an id)."""
    expectation = config.to_domain_obj()
    expectation.id = None
    return expectation


def render(results_dir: Path, docs_dir: Path, as_of: date) -> int:
    """Render the night's saved results (and their suites) into ``docs_dir``; pages written.

    The suites are rebuilt from the expectations inside each result, so a page shows the
    rules that ran that night even after the code's suites change.
    """
    from great_expectations.core.expectation_validation_result import (
        expectationSuiteValidationResultSchema,
    )
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    from expectations.validate import gx_context, gx_module

    paths = sorted(night_folder(results_dir, as_of).glob("*.json"))
    if not paths:
        return 0
    gx, ctx = gx_module(), gx_context()
    site = _docs_site(ctx, docs_dir)
    run_time = datetime(as_of.year, as_of.month, as_of.day)
    identifiers: list = []
    suites: set[str] = set()
    for path in paths:
        payload = json.loads(path.read_text(encoding="utf-8"))
        result = expectationSuiteValidationResultSchema.load(payload["result"])
        suite_id = ExpectationSuiteIdentifier(name=result.suite_name)
        if result.suite_name not in suites:
            suites.add(result.suite_name)
            identifiers.append(suite_id)
            try:
                ctx.suites.delete(result.suite_name)
            except Exception:  # not there yet: GX raises its own not-found errors
                pass
            ctx.suites.add(gx.ExpectationSuite(name=result.suite_name, expectations=[
                _unbound(r.expectation_config) for r in result.results]))
        key = ValidationResultIdentifier(
            expectation_suite_identifier=suite_id,
            run_id=RunIdentifier(run_name=payload["result_id"], run_time=run_time),
            batch_identifier=payload["feed"])
        ctx.validation_results_store.set(key, result)
        identifiers.append(key)
    ctx.build_data_docs(site_names=[site], resource_identifiers=identifiers)
    return len(paths)
