-- A staff member's unit, role and grade as the training records tell it, one row per spell:
-- each record sets the state from its session date until the next record; consecutive
-- records with the same state collapse into one spell.
with

training as (

    select * from {{ ref('stg_raw__training_logs') }}

),

ordered as (

    select
        staff_key,
        session_date,
        training_record_id,
        org_unit_code,
        role_group,
        grade_band,
        lag(org_unit_code || '|' || role_group || '|' || grade_band) over (
            partition by staff_key order by session_date, training_record_id
        ) as previous_state,

    from training

),

flagged as (

    select
        *,
        case
            when previous_state = org_unit_code || '|' || role_group || '|' || grade_band then 0
            else 1
        end as is_new_spell,

    from ordered

),

numbered as (

    select
        *,
        sum(is_new_spell) over (
            partition by staff_key order by session_date, training_record_id
            rows between unbounded preceding and current row
        ) as spell_number,

    from flagged

),

spells as (

    select
        staff_key,
        spell_number,
        min(session_date) as valid_from,
        any_value(org_unit_code) as org_unit_code,
        any_value(role_group) as role_group,
        any_value(grade_band) as grade_band,

    from numbered
    group by staff_key, spell_number

),

final as (

    select
        staff_key || ':' || cast(valid_from as varchar) as staff_version_id,
        staff_key,
        org_unit_code,
        role_group,
        grade_band,
        valid_from,
        lead(valid_from) over (partition by staff_key order by valid_from) - 1 as valid_to,

    from spells

)

select * from final
