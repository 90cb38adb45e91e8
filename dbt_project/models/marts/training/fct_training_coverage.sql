-- Training coverage (enabler 1), by month at three levels: org unit, region and nation.
-- Counts are summed up the levels; every rate is computed here from those sums.
with

unit_counts as (

    select * from {{ ref('int_training_coverage_unit_counts') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

latest_unit_version as (

    select * from {{ ref('int_org_units_latest') }}

),

unit_level as (

    select
        unit_counts.*,
        'org_unit' as area_level,
        unit_counts.org_unit_code as area_code,
        coalesce(latest_unit_version.org_unit_name, unit_counts.org_unit_code) as area_name,
        latest_unit_version.region_code,

    from unit_counts
    left join latest_unit_version
        on unit_counts.org_unit_code = latest_unit_version.org_unit_code

),

region_level as (

    select
        unit_level.month_start,
        'region' as area_level,
        unit_level.region_code as area_code,
        regions.region_name as area_name,
        unit_level.region_code,
        sum(unit_level.headcount) as headcount,
        sum(unit_level.senior_leader_headcount) as senior_leader_headcount,
        sum(unit_level.support_headcount) as support_headcount,
        sum(unit_level.trained_staff) as trained_staff,
        sum(unit_level.trained_senior_leaders) as trained_senior_leaders,
        sum(unit_level.trained_support_staff) as trained_support_staff,
        sum(unit_level.newly_trained_staff) as newly_trained_staff,

    from unit_level
    inner join regions
        on unit_level.region_code = regions.region_code
    group by
        unit_level.month_start,
        unit_level.region_code,
        regions.region_name

),

nation_level as (

    select
        month_start,
        'nation' as area_level,
        'ENW' as area_code,
        'England and Wales' as area_name,
        cast(null as varchar) as region_code,
        sum(headcount) as headcount,
        sum(senior_leader_headcount) as senior_leader_headcount,
        sum(support_headcount) as support_headcount,
        sum(trained_staff) as trained_staff,
        sum(trained_senior_leaders) as trained_senior_leaders,
        sum(trained_support_staff) as trained_support_staff,
        sum(newly_trained_staff) as newly_trained_staff,

    from region_level
    group by month_start

),

all_levels as (

    select
        month_start,
        area_level,
        area_code,
        area_name,
        region_code,
        headcount,
        senior_leader_headcount,
        support_headcount,
        trained_staff,
        trained_senior_leaders,
        trained_support_staff,
        newly_trained_staff,
    from unit_level
    union all
    select * from region_level
    union all
    select * from nation_level

),

final as (

    select
        month_start,
        area_level,
        area_code,
        area_name,
        region_code,
        cast(headcount as bigint) as headcount,
        cast(trained_staff as bigint) as trained_staff,
        {{ safe_pct('trained_staff', 'headcount') }} as coverage_pct,
        cast(senior_leader_headcount as bigint) as senior_leader_headcount,
        cast(trained_senior_leaders as bigint) as trained_senior_leaders,
        {{ safe_pct('trained_senior_leaders', 'senior_leader_headcount') }}
            as senior_leader_coverage_pct,
        cast(support_headcount as bigint) as support_headcount,
        cast(trained_support_staff as bigint) as trained_support_staff,
        {{ safe_pct('trained_support_staff', 'support_headcount') }} as support_coverage_pct,
        cast(newly_trained_staff as bigint) as newly_trained_staff,
        case
            when headcount > 0
                then greatest(
                        0.0,
                        {{ var('coverage_target_pct') }} - {{ safe_pct('trained_staff', 'headcount') }}
                    )
        end as gap_to_target_pct,

    from all_levels

)

select * from final
