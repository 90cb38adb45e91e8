-- Report-ready training coverage with disclosure control applied. Reports read this, never
-- the mart; analysts who need exact values read fct_training_coverage.
with

coverage as (

    select * from {{ ref('fct_training_coverage') }}

),

cutoff as (

    select * from {{ ref('int_data_cutoff') }}

),

final as (

    select
        coverage.month_start,
        coverage.area_level,
        coverage.area_code,
        coverage.area_name,
        coverage.region_code,
        {{ suppress_count('coverage.headcount') }} as headcount,
        {{ count_symbol('coverage.headcount') }} as headcount_symbol,
        {{ suppress_count('coverage.trained_staff') }} as trained_staff,
        {{ count_symbol('coverage.trained_staff') }} as trained_staff_symbol,
        {{ suppress_rate('coverage.coverage_pct', 'coverage.headcount') }} as coverage_pct,
        {{ rate_symbol('coverage.headcount') }} as coverage_pct_symbol,
        {{ suppress_rate('coverage.senior_leader_coverage_pct', 'coverage.senior_leader_headcount') }}
            as senior_leader_coverage_pct,
        {{ rate_symbol('coverage.senior_leader_headcount') }} as senior_leader_coverage_pct_symbol,
        {{ suppress_rate('coverage.support_coverage_pct', 'coverage.support_headcount') }}
            as support_coverage_pct,
        {{ rate_symbol('coverage.support_headcount') }} as support_coverage_pct_symbol,
        {{ suppress_count('coverage.newly_trained_staff') }} as newly_trained_staff,
        {{ count_symbol('coverage.newly_trained_staff') }} as newly_trained_staff_symbol,
        {{ suppress_rate('coverage.gap_to_target_pct', 'coverage.headcount') }} as gap_to_target_pct,
        'fct_training_coverage' as source_mart,
        cutoff.data_cutoff_at,

    from coverage
    cross join cutoff

)

select * from final
