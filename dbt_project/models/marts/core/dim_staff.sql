-- Pseudonymous staff with history: one row per spell of unit, role and grade (SCD2),
-- derived from the training records (no HR feed exists).
with

spells as (

    select * from {{ ref('int_staff_states_collapsed') }}

),

final as (

    select
        staff_version_id,
        staff_key,
        org_unit_code,
        role_group,
        grade_band,
        valid_from,
        valid_to,
        valid_to is null as is_current,

    from spells

)

select * from final
