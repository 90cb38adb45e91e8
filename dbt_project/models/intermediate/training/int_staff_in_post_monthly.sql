-- Who is in post at the end of each headcount month, and where: a staff member's spell (unit,
-- role, grade from dim_staff) that covers the month's last day. The one definition of "in
-- post" that coverage, specialists and supervision share.
with

headcount as (

    select * from {{ ref('fct_headcount') }}

),

staff as (

    select * from {{ ref('dim_staff') }}

),

months as (

    select distinct
        month_start,
        last_day(month_start) as month_end,

    from headcount

),

final as (

    select
        months.month_start,
        months.month_end,
        staff.staff_key,
        staff.org_unit_code,
        staff.role_group,
        staff.grade_band,

    from months
    inner join staff
        on
            months.month_end >= staff.valid_from
            and (staff.valid_to is null or months.month_end <= staff.valid_to)

)

select * from final
