-- Staff wellbeing (metric mart 5), grain: wave x area level x area code x split. Splits:
-- all, bti_trained / not_bti_trained, supervised / not_supervised (as respondents report).
-- Response rate is over headcount in the wave's last month.
with

responses as (

    select * from {{ ref('fct_staff_wellbeing') }}

),

headcount as (

    select * from {{ ref('fct_headcount') }}

),

unit_region as (

    select * from {{ ref('int_org_units_latest') }}

),

split_responses as (

    select
        *,
        'all' as split,
    from responses
    union all
    select
        *,
        case when has_bti_training then 'bti_trained' else 'not_bti_trained' end as split,
    from responses
    union all
    select
        *,
        case when had_supervision_last_3_months then 'supervised' else 'not_supervised' end
            as split,
    from responses

),

aggregated as (

    select
        wave,
        split,
        {{ area_level('org_unit_code', 'region_code') }} as area_level,
        {{ area_code('org_unit_code', 'region_code') }} as area_code,
        region_code,
        count(*) as responses,
        avg(burnout) as mean_burnout,
        count(*) filter (where burnout_band = 'high') as n_high_burnout,
        avg(secondary_traumatic_stress) as mean_secondary_traumatic_stress,
        count(*) filter (where secondary_traumatic_stress_band = 'high') as n_high_secondary_traumatic_stress,
        avg(compassion_satisfaction) as mean_compassion_satisfaction,
        count(*) filter (where compassion_satisfaction_band = 'high') as n_high_compassion_satisfaction,

    from split_responses
    group by grouping sets (
        (wave, split, region_code, org_unit_code), (wave, split, region_code), (wave, split)
    )

),

wave_headcount as (

    select
        cast(year(headcount.month_start) as varchar) || '-Q'
        || cast(quarter(headcount.month_start) as varchar) as wave,
        {{ area_level('headcount.org_unit_code', 'unit_region.region_code') }} as area_level,
        {{ area_code('headcount.org_unit_code', 'unit_region.region_code') }} as area_code,
        cast(sum(headcount.headcount) as bigint) as headcount,

    from headcount
    inner join unit_region
        on headcount.org_unit_code = unit_region.org_unit_code
    where month(headcount.month_start) in (3, 6, 9, 12)
    group by grouping sets (
        (headcount.month_start, unit_region.region_code, headcount.org_unit_code),
        (headcount.month_start, unit_region.region_code),
        (headcount.month_start)
    )

),

final as (

    select
        aggregated.wave,
        aggregated.area_level,
        aggregated.area_code,
        aggregated.region_code,
        aggregated.split,
        aggregated.responses,
        wave_headcount.headcount,
        case
            when aggregated.split = 'all'
                then {{ safe_pct('aggregated.responses', 'wave_headcount.headcount') }}
        end as response_rate_pct,
        aggregated.mean_burnout,
        {{ safe_pct('aggregated.n_high_burnout', 'aggregated.responses') }} as pct_high_burnout,
        aggregated.mean_secondary_traumatic_stress,
        {{ safe_pct('aggregated.n_high_secondary_traumatic_stress', 'aggregated.responses') }}
            as pct_high_secondary_traumatic_stress,
        aggregated.mean_compassion_satisfaction,
        {{ safe_pct('aggregated.n_high_compassion_satisfaction', 'aggregated.responses') }}
            as pct_high_compassion_satisfaction,

    from aggregated
    left join wave_headcount
        on
            aggregated.wave = wave_headcount.wave
            and aggregated.area_level = wave_headcount.area_level
            and aggregated.area_code = wave_headcount.area_code

)

select * from final
