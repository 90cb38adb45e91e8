-- Per month and org unit: headcount and BTI-covered staff in post, overall and for the
-- senior-leader and support/reception groups. A staff member counts once however many
-- sessions they attended; "in post" is int_staff_in_post_monthly.
with

headcount as (

    select * from {{ ref('fct_headcount') }}

),

completions as (

    select * from {{ ref('int_bti_completions') }}

),

staff_at_month_end as (

    select * from {{ ref('int_staff_in_post_monthly') }}

),

covered as (

    select
        staff_at_month_end.month_start,
        staff_at_month_end.staff_key,
        staff_at_month_end.org_unit_code,
        staff_at_month_end.role_group,
        bool_or(completions.session_date >= staff_at_month_end.month_start)
            as completed_this_month,

    from staff_at_month_end
    inner join completions
        on staff_at_month_end.staff_key = completions.staff_key
            and staff_at_month_end.month_end >= completions.session_date
            and completions.session_date
            > staff_at_month_end.month_end - interval {{ var('bti_validity_years') }} year
    group by
        staff_at_month_end.month_start,
        staff_at_month_end.staff_key,
        staff_at_month_end.org_unit_code,
        staff_at_month_end.role_group

),

covered_last_month as (

    select distinct
        staff_at_month_end.month_start,
        staff_at_month_end.staff_key,

    from staff_at_month_end
    inner join completions
        on staff_at_month_end.staff_key = completions.staff_key
            and staff_at_month_end.month_start > completions.session_date
            and completions.session_date
            > staff_at_month_end.month_start - interval 1 day
            - interval {{ var('bti_validity_years') }} year

),

covered_flagged as (

    select
        covered.*,
        covered.completed_this_month
        and covered_last_month.staff_key is null as is_newly_trained,

    from covered
    left join covered_last_month
        on covered.month_start = covered_last_month.month_start
            and covered.staff_key = covered_last_month.staff_key

),

trained_counts as (

    select
        month_start,
        org_unit_code,
        count(*) as trained_staff,
        count(*) filter (where role_group = 'senior leader') as trained_senior_leaders,
        count(*) filter (
            where role_group in ('support/admin', 'reception')
        ) as trained_support_staff,
        count(*) filter (where is_newly_trained) as newly_trained_staff,

    from covered_flagged
    group by month_start, org_unit_code

),

headcount_counts as (

    select
        month_start,
        org_unit_code,
        sum(headcount) as headcount,
        sum(headcount) filter (where role_group = 'senior leader') as senior_leader_headcount,
        sum(headcount) filter (
            where role_group in ('support/admin', 'reception')
        ) as support_headcount,

    from headcount
    group by month_start, org_unit_code

),

final as (

    select
        coalesce(h.month_start, t.month_start) as month_start,
        coalesce(h.org_unit_code, t.org_unit_code) as org_unit_code,
        coalesce(h.headcount, 0) as headcount,
        coalesce(h.senior_leader_headcount, 0) as senior_leader_headcount,
        coalesce(h.support_headcount, 0) as support_headcount,
        coalesce(t.trained_staff, 0) as trained_staff,
        coalesce(t.trained_senior_leaders, 0) as trained_senior_leaders,
        coalesce(t.trained_support_staff, 0) as trained_support_staff,
        coalesce(t.newly_trained_staff, 0) as newly_trained_staff,

    from headcount_counts as h
    full outer join trained_counts as t
        on h.month_start = t.month_start
            and h.org_unit_code = t.org_unit_code

)

select * from final
