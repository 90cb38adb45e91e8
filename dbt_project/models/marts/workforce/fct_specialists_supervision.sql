-- TIP specialists and clinical supervision (enablers 2, 3 and 7), grain: month x area level x
-- area code. Specialists: staff in post at month end who have completed TIP_SPECIALIST.
-- Supervision: frontline staff in post with a clinical supervision session in the 3 months
-- to month end, over frontline headcount.
{%- set frontline = "('prison officer', 'OSG', 'probation officer', 'PSO', 'healthcare', 'reception')" %}
with

attendance as (

    select * from {{ ref('fct_training_attendance') }}

),

headcount as (

    select * from {{ ref('fct_headcount') }}

),

org_units as (

    select * from {{ ref('dim_org_unit') }}

),

months as (

    select distinct
        month_start,
        last_day(month_start) as month_end,

    from headcount

),

unit_region as (

    select * from {{ ref('int_org_units_latest') }}

),

in_post as (

    select * from {{ ref('int_staff_in_post_monthly') }}

),

flagged as (

    select
        in_post.month_start,
        in_post.staff_key,
        in_post.org_unit_code,
        unit_region.org_unit_type,
        unit_region.region_code,
        in_post.grade_band,
        in_post.role_group in {{ frontline }} as is_frontline,
        bool_or(
            attendance.course_code = 'TIP_SPECIALIST' and attendance.is_completed
            and attendance.session_date <= in_post.month_end
        ) as is_specialist,
        bool_or(
            attendance.course_code = 'CLINICAL_SUPERVISION' and attendance.is_completed
            and attendance.session_date <= in_post.month_end
            and attendance.session_date > in_post.month_end - interval 3 month
        ) as had_supervision,

    from in_post
    inner join unit_region
        on in_post.org_unit_code = unit_region.org_unit_code
    left join attendance
        on in_post.staff_key = attendance.staff_key
    group by
        in_post.month_start, in_post.staff_key, in_post.org_unit_code,
        unit_region.org_unit_type, unit_region.region_code, in_post.grade_band,
        in_post.role_group
),

staff_counts as (

    select
        month_start,
        {{ area_level('org_unit_code', 'region_code') }} as area_level,
        {{ area_code('org_unit_code', 'region_code') }} as area_code,
        region_code,
        count(*) filter (where is_specialist) as specialists,
        count(distinct grade_band) filter (where is_specialist) as specialist_grade_bands,
        count(*) filter (
            where is_specialist and grade_band in (
                'band 6', 'band 7', 'band 8', 'band 9', 'band 10',
                'band 11', 'SCS'
            )
        ) as senior_specialists,
        count(distinct org_unit_code) filter (
            where is_specialist and org_unit_type = 'PDU'
        ) as pdus_with_specialist,
        count(*) filter (where is_frontline and had_supervision) as frontline_supervised,

    from flagged
    group by grouping sets (
        (month_start, region_code, org_unit_code), (month_start, region_code), (month_start)
    )

),

pdus as (

    select
        months.month_start,
        {{ area_level('org_units.org_unit_code', 'org_units.region_code') }} as area_level,
        {{ area_code('org_units.org_unit_code', 'org_units.region_code') }} as area_code,
        org_units.region_code,
        count(*) as pdus_total,

    from months
    inner join org_units
        on
            org_units.org_unit_type = 'PDU'
            and months.month_end >= org_units.valid_from
            and (org_units.valid_to is null or months.month_end <= org_units.valid_to)
    group by grouping sets (
        (months.month_start, org_units.region_code, org_units.org_unit_code),
        (months.month_start, org_units.region_code),
        (months.month_start)
    )

),

frontline_headcount as (

    select
        headcount.month_start,
        {{ area_level('headcount.org_unit_code', 'unit_region.region_code') }} as area_level,
        {{ area_code('headcount.org_unit_code', 'unit_region.region_code') }} as area_code,
        unit_region.region_code,
        cast(sum(headcount.headcount) as bigint) as frontline_headcount,

    from headcount
    inner join unit_region
        on headcount.org_unit_code = unit_region.org_unit_code
    where headcount.role_group in {{ frontline }}
    group by grouping sets (
        (headcount.month_start, unit_region.region_code, headcount.org_unit_code),
        (headcount.month_start, unit_region.region_code),
        (headcount.month_start)
    )

),

keys as (

    select
        month_start,
        area_level,
        area_code,
        region_code,
    from staff_counts
    union
    select
        month_start,
        area_level,
        area_code,
        region_code,
    from pdus
    union
    select
        month_start,
        area_level,
        area_code,
        region_code,
    from frontline_headcount

),

final as (

    select
        keys.month_start,
        keys.area_level,
        keys.area_code,
        keys.region_code,
        coalesce(staff_counts.specialists, 0) as specialists,
        coalesce(staff_counts.specialist_grade_bands, 0) as specialist_grade_bands,
        coalesce(staff_counts.senior_specialists, 0) as senior_specialists,
        coalesce(pdus.pdus_total, 0) as pdus_total,
        coalesce(staff_counts.pdus_with_specialist, 0) as pdus_with_specialist,
        {{ safe_pct('coalesce(staff_counts.pdus_with_specialist, 0)', 'pdus.pdus_total') }}
            as pct_pdus_with_specialist,
        coalesce(frontline_headcount.frontline_headcount, 0) as frontline_headcount,
        coalesce(staff_counts.frontline_supervised, 0) as frontline_supervised,
        {{ safe_pct('coalesce(staff_counts.frontline_supervised, 0)',
                    'frontline_headcount.frontline_headcount') }} as pct_frontline_supervised,

    from keys
    left join staff_counts
        on
            keys.month_start = staff_counts.month_start
            and keys.area_level = staff_counts.area_level
            and keys.area_code = staff_counts.area_code
    left join pdus
        on
            keys.month_start = pdus.month_start
            and keys.area_level = pdus.area_level
            and keys.area_code = pdus.area_code
    left join frontline_headcount
        on
            keys.month_start = frontline_headcount.month_start
            and keys.area_level = frontline_headcount.area_level
            and keys.area_code = frontline_headcount.area_code

)

select * from final
