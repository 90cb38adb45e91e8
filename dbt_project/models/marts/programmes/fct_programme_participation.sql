-- One row per participant per group: sessions attended, completion (our rule: at least 5 of
-- 6 sessions and status Completed), exit code and dates, at the prison's region.
with

enrolments as (

    select * from {{ ref('stg_raw__programme_completions') }}

),

org_units as (

    select * from {{ ref('dim_org_unit') }}

),

counted as (

    select
        *,
        coalesce(attended_session_1::int, 0) + coalesce(attended_session_2::int, 0)
        + coalesce(attended_session_3::int, 0) + coalesce(attended_session_4::int, 0)
        + coalesce(attended_session_5::int, 0) + coalesce(attended_session_6::int, 0)
            as sessions_attended,
        (attended_session_1 is not null)::int + (attended_session_2 is not null)::int
        + (attended_session_3 is not null)::int + (attended_session_4 is not null)::int
        + (attended_session_5 is not null)::int + (attended_session_6 is not null)::int
            as sessions_held,

    from enrolments

),

final as (

    select
        counted.enrolment_id,
        counted.participant_key,
        counted.group_id,
        counted.programme_code,
        counted.prison_code,
        org_units.region_code,
        counted.group_start_date,
        date_trunc('month', counted.group_start_date)::date as start_month,
        counted.age_band,
        counted.facilitator_type,
        counted.enrolment_status,
        counted.sessions_held,
        counted.sessions_attended,
        counted.enrolment_status <> 'In progress' as is_finished,
        counted.sessions_attended >= 5 and counted.enrolment_status = 'Completed' as is_completed,
        counted.exit_code,
        counted.has_research_consent,

    from counted
    left join org_units
        on
            counted.prison_code = org_units.org_unit_code
            and counted.group_start_date >= org_units.valid_from
            and (org_units.valid_to is null or counted.group_start_date <= org_units.valid_to)

)

select * from final
