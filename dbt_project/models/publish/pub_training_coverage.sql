-- Report-ready training coverage with disclosure control applied. Reports read this, never
-- the mart; analysts who need exact values read fct_training_coverage.
{%- set counts = ['headcount', 'trained_staff'] %}
{%- set rates = [
    ('coverage_pct', 'trained_staff', 'headcount'),
    ('senior_leader_coverage_pct', 'trained_senior_leaders', 'senior_leader_headcount'),
    ('support_coverage_pct', 'trained_support_staff', 'support_headcount'),
] %}
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
        {% for count in counts -%}
            {{ suppress_count('coverage.' ~ count) }} as {{ count }},
            {{ count_symbol('coverage.' ~ count) }} as {{ count }}_symbol,
        {% endfor -%}
        {% for rate, numerator, denominator in rates -%}
            {{ suppress_rate('coverage.' ~ rate, 'coverage.' ~ numerator, 'coverage.' ~ denominator) }}
                as {{ rate }},
            {{ rate_symbol('coverage.' ~ numerator, 'coverage.' ~ denominator) }} as {{ rate }}_symbol,
        {% endfor -%}
        {{ suppress_count('coverage.newly_trained_staff') }} as newly_trained_staff,
        {{ count_symbol('coverage.newly_trained_staff') }} as newly_trained_staff_symbol,
        {{ suppress_rate('coverage.gap_to_target_pct', 'coverage.trained_staff', 'coverage.headcount') }}
            as gap_to_target_pct,
        'fct_training_coverage' as source_mart,
        cutoff.data_cutoff_at,

    from coverage
    cross join cutoff

)

select * from final
