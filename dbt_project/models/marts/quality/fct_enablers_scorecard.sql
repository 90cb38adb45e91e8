-- Enablers scorecard (metric mart 7), grain: region x month x enabler (1-8). Measured
-- enablers carry the measuring metric, value, target, RAG and change since last month; an
-- enabler no feed measures carries the regional plan's commitment status and the words
-- "not measured", never an invented number. Targets and RAG thresholds: ref_enablers.
with

enablers as (

    select * from {{ ref('ref_enablers') }}

),

commitments as (

    select * from {{ ref('stg_raw__regional_commitments') }}

),

coverage as (

    select * from {{ ref('fct_training_coverage') }}

),

specialists as (

    select * from {{ ref('fct_specialists_supervision') }}

),

delivery as (

    select * from {{ ref('fct_programme_delivery') }}

),

org_units as (

    select * from {{ ref('dim_org_unit') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

region_months as (

    select
        month_start,
        area_code as region_code,

    from coverage
    where area_level = 'region'

),

womens_prisons as (

    select
        region_code,
        count(distinct org_unit_code) as prisons,

    from org_units
    where org_unit_type = 'PRISON' and is_female_estate
    group by region_code

),

groups_last_year as (

    select
        region_months.month_start,
        region_months.region_code,
        coalesce(sum(delivery.groups_started), 0) as groups_started,

    from region_months
    left join delivery
        on
            region_months.region_code = delivery.area_code
            and delivery.area_level = 'region'
            and region_months.month_start >= delivery.month_start
            and delivery.month_start > region_months.month_start - interval 12 month
    group by region_months.month_start, region_months.region_code

),

specialist_measures as (

    -- enablers 2, 3 and 7 all come from the region's specialists-and-supervision row
    select
        region_months.month_start,
        region_months.region_code,
        unnest([2, 3, 7]) as enabler_number,
        unnest([
            specialists.pct_pdus_with_specialist,
            cast(specialists.specialist_grade_bands as double),
            specialists.pct_frontline_supervised,
        ]) as metric_value,

    from region_months
    inner join specialists
        on
            region_months.month_start = specialists.month_start
            and specialists.area_level = 'region'
            and region_months.region_code = specialists.area_code

),

measured as (

    select
        region_months.month_start,
        region_months.region_code,
        1 as enabler_number,
        coverage.coverage_pct as metric_value,
    from region_months
    inner join coverage
        on
            region_months.month_start = coverage.month_start
            and coverage.area_level = 'region'
            and region_months.region_code = coverage.area_code
    union all
    select
        month_start,
        region_code,
        enabler_number,
        metric_value,
    from specialist_measures
    union all
    select
        groups_last_year.month_start,
        groups_last_year.region_code,
        8 as enabler_number,
        1.0 * groups_last_year.groups_started / womens_prisons.prisons as metric_value,
    from groups_last_year
    inner join womens_prisons
        on groups_last_year.region_code = womens_prisons.region_code

),

grid as (

    select
        region_months.month_start,
        region_months.region_code,
        enablers.*,

    from region_months
    cross join enablers

),

scored as (

    select
        grid.month_start,
        grid.region_code,
        grid.enabler_number,
        grid.enabler_name,
        grid.is_measured and measured.metric_value is not null as is_measured,
        grid.metric,
        grid.value_unit,
        measured.metric_value,
        case when measured.metric_value is not null then grid.target end as target_value,
        case
            when measured.metric_value is null then null
            when measured.metric_value >= grid.green_at then 'green'
            when measured.metric_value >= grid.amber_at then 'amber'
            else 'red'
        end as rag_status,

    from grid
    left join measured
        on
            grid.month_start = measured.month_start
            and grid.region_code = measured.region_code
            and grid.enabler_number = measured.enabler_number

),

final as (

    select
        scored.region_code || ':' || strftime(scored.month_start, '%Y-%m') || ':'
        || cast(scored.enabler_number as varchar) as scorecard_id,
        scored.month_start,
        scored.region_code,
        regions.region_name,
        scored.enabler_number,
        scored.enabler_name,
        scored.is_measured,
        case when scored.is_measured then scored.metric else 'not measured' end as measure,
        scored.value_unit,
        scored.metric_value,
        scored.target_value,
        scored.rag_status,
        scored.metric_value - lag(scored.metric_value) over (
            partition by scored.region_code, scored.enabler_number order by scored.month_start
        ) as change_since_last_month,
        commitments.commitment_text,
        commitments.commitment_status,
        commitments.review_date as commitment_review_date,

    from scored
    inner join regions
        on scored.region_code = regions.region_code
    left join commitments
        on
            scored.region_code = commitments.region_code
            and scored.enabler_number = commitments.enabler_number

)

select * from final
