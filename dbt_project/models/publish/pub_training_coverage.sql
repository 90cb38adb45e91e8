-- Report-ready training coverage with disclosure control applied. Reports read this, never
-- the mart; analysts who need exact values read fct_training_coverage.
{%- set counts = ['headcount', 'trained_staff', 'newly_trained_staff',
                  'senior_leader_headcount', 'trained_senior_leaders',
                  'support_headcount', 'trained_support_staff'] %}
with

coverage as (

    select * from {{ ref('fct_training_coverage') }}

),

cutoff as (

    select * from {{ ref('int_data_cutoff') }}

),

flagged as (

    select
        *,
        {{ suppression_flags(counts, ['month_start']) }}

    from coverage

),

final as (

    select
        flagged.month_start,
        flagged.area_level,
        flagged.area_code,
        flagged.area_name,
        flagged.region_code,
        {% for count in ['headcount', 'trained_staff'] -%}
            {{ published_count(count) }} as {{ count }},
            {{ hidden_symbol(count) }} as {{ count }}_symbol,
        {% endfor -%}
        {{ published_rate('coverage_pct', 'headcount', 'trained_staff') }} as coverage_pct,
        {{ rate_symbol('headcount', 'trained_staff') }} as coverage_pct_symbol,
        {{ published_rate('senior_leader_coverage_pct', 'senior_leader_headcount',
                          'trained_senior_leaders') }} as senior_leader_coverage_pct,
        {{ rate_symbol('senior_leader_headcount', 'trained_senior_leaders') }}
            as senior_leader_coverage_pct_symbol,
        {{ published_rate('support_coverage_pct', 'support_headcount', 'trained_support_staff') }}
            as support_coverage_pct,
        {{ rate_symbol('support_headcount', 'trained_support_staff') }} as support_coverage_pct_symbol,
        {{ published_count('newly_trained_staff') }} as newly_trained_staff,
        {{ hidden_symbol('newly_trained_staff') }} as newly_trained_staff_symbol,
        {{ published_rate('gap_to_target_pct', 'headcount', 'trained_staff') }} as gap_to_target_pct,
        'fct_training_coverage' as source_mart,
        cutoff.data_cutoff_at,

    from flagged
    cross join cutoff

)

select * from final
