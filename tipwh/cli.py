"""``tipwh``: the command-line tool data engineers use by hand, over the same library the DAGs call.

    tipwh generate --month 2026-10 --out data/landing [--seed N] [--scale X] [--history N]
    tipwh load [--as-of 2026-11-01T00:00]
    tipwh validate FILE [--feed NAME]
    tipwh release FILE
    tipwh build [--full-refresh]
    tipwh publish | tipwh rollback
    tipwh sql ["select ..."]             (read-only SQL shell on the published warehouse)
    tipwh report --month 2026-10 [--region N52]
    tipwh deliver --month 2026-10 [--dry-run]
    tipwh run --month 2026-10            (load, build, publish, report; no Airflow)
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from tipwh import pipeline
from tipwh.config import ConfigError, load_settings


def _generate(args: argparse.Namespace) -> int:
    from tipwh.generate import generate
    from tipwh.generate.faults import ALL_KINDS, FaultPlan

    plan = None
    if args.faults is not None:
        kinds = args.fault_kinds.split(",") if args.fault_kinds else ALL_KINDS
        plan = FaultPlan(args.faults, [k.strip() for k in kinds if k.strip()])
    result = generate(args.month, Path(args.out), seed=args.seed, scale=args.scale,
                      history_months=args.history, faults=plan)
    if plan:
        print(f"injected {len(result.manifest['faults'])} faults "
              f"(see {Path(args.out) / '_manifest.json'})")
    rows = sum(f["rows"] for f in result.manifest["files"])
    print(f"wrote {len(result.manifest['files'])} files ({rows:,} rows) for "
          f"{result.manifest['first_month']}..{args.month} under {args.out}")
    return 0


def _as_of(args: argparse.Namespace) -> datetime:
    if args.as_of:
        return datetime.fromisoformat(args.as_of)
    if getattr(args, "month", None):
        return pipeline.as_of_for(args.month)
    return datetime.now().replace(microsecond=0)


def _load(args: argparse.Namespace) -> int:
    settings = load_settings()
    as_of = _as_of(args)
    result = pipeline.load(settings, as_of)
    pipeline.data_docs(settings, as_of)
    print(f"loaded {result.files_loaded} files, partially loaded {result.files_partially_loaded}, "
          f"rejected {result.files_rejected}, skipped {result.files_skipped} already loaded; "
          f"{result.rows_loaded:,} rows loaded, {result.rows_quarantined:,} quarantined")
    for line in result.rejections:
        print(f"rejected: {line}", file=sys.stderr)
    return 0


def _validate(args: argparse.Namespace) -> int:
    from ingest.dry_run import dry_run

    settings = load_settings()
    report = dry_run(Path(args.file), args.feed, settings, _as_of(args))
    print(report.text())
    return 1 if report.rejected else 0


def _release(args: argparse.Namespace) -> int:
    from ingest.release import release

    target = release(Path(args.file), load_settings().landing)
    print(f"released {args.file} back to {target}; the next load will try it again")
    return 0


def _build(args: argparse.Namespace) -> int:
    print(pipeline.build(load_settings(), args.full_refresh).strip().splitlines()[-1])
    return 0


def _publish(args: argparse.Namespace) -> int:
    published = pipeline.publish(load_settings())
    print(f"published {published}" if published else
          "nothing to publish: no build has passed since the last publish")
    return 0


def _sql(args: argparse.Namespace) -> int:
    from tipwh.shell import run

    return run(load_settings().published_db, args.query)


def _rollback(args: argparse.Namespace) -> int:
    print(f"rolled back: {pipeline.rollback(load_settings())} is the previous version again")
    return 0


def _report(args: argparse.Namespace) -> int:
    paths = pipeline.report(load_settings(), args.month, args.region)
    print(f"wrote {len(paths)} reports under {paths[0].parent if paths else '-'}")
    return 0


def _deliver(args: argparse.Namespace) -> int:
    result = pipeline.deliver(load_settings(), args.month, args.dry_run)
    for d in result.deliveries:
        who = ", ".join(d.recipients) or "nobody"
        print(f"{d.status:8} {d.report} -> {who}" + (f" ({d.error})" if d.error else ""))
    return 1 if result.failed else 0


def _run(args: argparse.Namespace) -> int:
    settings = load_settings()
    as_of = _as_of(args)
    result = pipeline.load(settings, as_of)
    pipeline.data_docs(settings, as_of)
    print(f"load: {result.files_loaded + result.files_partially_loaded} files loaded, "
          f"{result.files_rejected} rejected, {result.rows_quarantined:,} rows quarantined")
    pipeline.build(settings)
    print("build: dbt build passed")
    print(f"publish: {pipeline.publish(settings)}")
    paths = pipeline.report(settings, args.month)
    print(f"report: {len(paths)} reports under {paths[0].parent}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tipwh", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write synthetic source exports for every feed")
    g.add_argument("--month", required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--seed", type=int, default=42)
    g.add_argument("--scale", type=float, default=1.0)
    g.add_argument("--history", type=int, default=11, help="months of history before --month")
    g.add_argument("--faults", type=float, metavar="RATE",
                   help="inject every quirk and bad-input kind; row faults at this rate")
    g.add_argument("--fault-kinds", help="comma-separated kinds to inject (default: all)")
    g.set_defaults(func=_generate)
    ld = sub.add_parser("load", help="validate and load every new landing file")
    ld.add_argument("--as-of", help="logical time of the load (default: now)")
    ld.set_defaults(func=_load)
    v = sub.add_parser("validate", help="dry run: what would be loaded, quarantined, rejected")
    v.add_argument("file")
    v.add_argument("--feed")
    v.add_argument("--as-of")
    v.set_defaults(func=_validate)
    r = sub.add_parser("release", help="move a rejected file from quarantine back to landing")
    r.add_argument("file")
    r.set_defaults(func=_release)
    b = sub.add_parser("build", help="dbt build on the build copy of the warehouse")
    b.add_argument("--full-refresh", action="store_true")
    b.set_defaults(func=_build)
    sub.add_parser("publish", help="publish the last passing build atomically").set_defaults(
        func=_publish)
    sq = sub.add_parser("sql", help="read-only SQL on the published warehouse (a shell without QUERY)")
    sq.add_argument("query", nargs="?")
    sq.set_defaults(func=_sql)
    sub.add_parser("rollback", help="restore the previous published warehouse").set_defaults(
        func=_rollback)
    rp = sub.add_parser("report", help="write the monthly reports")
    rp.add_argument("--month", required=True)
    rp.add_argument("--region")
    rp.set_defaults(func=_report)
    dv = sub.add_parser("deliver", help="email each region's report to its own list")
    dv.add_argument("--month", required=True)
    dv.add_argument("--dry-run", action="store_true", help="show who would get what; send nothing")
    dv.set_defaults(func=_deliver)
    rn = sub.add_parser("run", help="load, build, publish and report a month without Airflow")
    rn.add_argument("--month", required=True)
    rn.add_argument("--as-of")
    rn.set_defaults(func=_run)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (ConfigError, ValueError, FileNotFoundError) as exc:
        print(f"tipwh {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
