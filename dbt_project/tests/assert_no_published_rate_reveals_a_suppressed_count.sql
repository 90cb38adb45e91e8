-- A published rate whose numerator is suppressed would give the count back (rate x
-- denominator): every such rate must be suppressed too.
with

coverage as (

    select * from {{ ref('pub_training_coverage') }}

),

exact as (

    select * from {{ ref('fct_training_coverage') }}

)

select
    coverage.month_start,
    coverage.area_level,
    coverage.area_code,

from coverage
inner join exact
    on
        coverage.month_start = exact.month_start
        and coverage.area_level = exact.area_level
        and coverage.area_code = exact.area_code
where
    (coverage.trained_staff is null and coverage.coverage_pct is not null)
    or (exact.trained_senior_leaders between 1 and 4 and coverage.senior_leader_coverage_pct is not null)
    or (exact.trained_support_staff between 1 and 4 and coverage.support_coverage_pct is not null)
    or (coverage.trained_staff is null and coverage.gap_to_target_pct is not null)
