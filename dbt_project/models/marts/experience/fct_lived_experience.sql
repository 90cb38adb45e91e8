-- Lived experience of the six core values (metric mart 6), grain: wave x area level x area
-- code x core value. Item answers 1-5 pooled per value: mean, and % agree (4 or 5).
with

responses as (

    select * from {{ ref('stg_raw__survey_lived_experience') }}

),

unit_region as (

    select * from {{ ref('int_org_units_latest') }}

),

unpivoted as (

    select *
    from responses
    unpivot (
        answer for item in (
            columns('^(safety|trust|choice|collaboration|empowerment|inclusivity)_[0-9]+$')
        )
    )

),

answers as (

    select
        unpivoted.response_id,
        unpivoted.wave,
        unpivoted.org_unit_code,
        unit_region.region_code,
        upper(split_part(unpivoted.item, '_', 1)) as core_value,
        unpivoted.answer,

    from unpivoted
    left join unit_region
        on unpivoted.org_unit_code = unit_region.org_unit_code

),

final as (

    select
        wave,
        {{ area_level('org_unit_code', 'region_code') }} as area_level,
        {{ area_code('org_unit_code', 'region_code') }} as area_code,
        region_code,
        core_value,
        count(distinct response_id) as respondents,
        count(*) as answers,
        avg(answer) as mean_score,
        count(*) filter (where answer >= 4) as n_agree,
        {{ safe_pct('count(*) filter (where answer >= 4)', 'count(*)') }} as pct_agree,

    from answers
    group by grouping sets (
        (wave, core_value, region_code, org_unit_code),
        (wave, core_value, region_code),
        (wave, core_value)
    )

)

select * from final
