-- Programme delivery (metric mart 3), grain: month x area level x area code x programme.
-- Groups and enrolments count in the month the group started; the completion rate is over
-- finished enrolments (not In progress); cumulative completions run from the first group.
{%- set exit_codes = ['RELEASED', 'TRANSFERRED', 'HEALTH', 'CLASH', 'CHOSE_TO_STOP', 'OTHER'] %}
with

enrolments as (

    select * from {{ ref('fct_programme_participation') }}

),

months as (

    select * from {{ ref('dim_month') }}

),

aggregated as (

    select
        start_month as month_start,
        programme_code,
        {{ area_level('prison_code', 'region_code') }} as area_level,
        {{ area_code('prison_code', 'region_code') }} as area_code,
        region_code,
        count(distinct group_id) as groups_started,
        count(*) as participants_enrolled,
        count(*) filter (where is_finished) as participants_finished,
        count(*) filter (where is_completed) as participants_completed,
        sum(sessions_attended) filter (where is_finished) as sessions_attended_finished,
        {% for code in exit_codes -%}
            count(*) filter (where is_finished and not is_completed and exit_code = '{{ code }}')
                as exits_{{ code | lower }},
        {% endfor -%}

    from enrolments
    group by grouping sets (
        (start_month, programme_code, region_code, prison_code),
        (start_month, programme_code, region_code),
        (start_month, programme_code)
    )

),

areas as (

    select distinct
        area_level,
        area_code,
        region_code,
        programme_code,

    from aggregated

),

first_month as (

    select min(month_start) as month_start,

    from aggregated

),

spine as (

    select
        months.month_start,
        areas.area_level,
        areas.area_code,
        areas.region_code,
        areas.programme_code,

    from months
    cross join areas
    inner join first_month
        on months.month_start >= first_month.month_start

),

filled as (

    select
        spine.*,
        coalesce(aggregated.groups_started, 0) as groups_started,
        coalesce(aggregated.participants_enrolled, 0) as participants_enrolled,
        coalesce(aggregated.participants_finished, 0) as participants_finished,
        coalesce(aggregated.participants_completed, 0) as participants_completed,
        aggregated.sessions_attended_finished,
        {% for code in exit_codes -%}
            coalesce(aggregated.exits_{{ code | lower }}, 0) as exits_{{ code | lower }},
        {% endfor -%}

    from spine
    left join aggregated
        on
            spine.month_start = aggregated.month_start
            and spine.area_level = aggregated.area_level
            and spine.area_code = aggregated.area_code
            and spine.programme_code = aggregated.programme_code

),

final as (

    select
        month_start,
        area_level,
        area_code,
        region_code,
        programme_code,
        groups_started,
        participants_enrolled,
        participants_finished,
        participants_completed,
        {{ safe_pct('participants_completed', 'participants_finished') }} as completion_rate_pct,
        case
            when participants_finished > 0
                then 1.0 * sessions_attended_finished / participants_finished
        end as mean_sessions_attended,
        {% for code in exit_codes -%}
            exits_{{ code | lower }},
        {% endfor -%}
        cast(sum(participants_completed) over (
            partition by area_level, area_code, programme_code order by month_start
            rows between unbounded preceding and current row
        ) as bigint) as cumulative_completions,

    from filled

)

select * from final
