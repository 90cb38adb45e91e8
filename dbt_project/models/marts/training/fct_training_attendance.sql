-- One row per staff member per training session, attributed to the org unit version (and
-- so the region) valid on the session date. Incremental: a nightly run reprocesses only rows
-- loaded at or after the latest load already here (">=", so a corrected file loaded under
-- the same logical time is never missed); delete+insert on the record id keeps it idempotent.
{{ config(
    materialized='incremental',
    unique_key='training_record_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
) }}
with

training as (

    select * from {{ ref('stg_raw__training_logs') }}
    {% if is_incremental() -%}
        where loaded_at >= (select max(this.loaded_at) from {{ this }} as this)
    {%- endif %}

),

org_units as (

    select * from {{ ref('dim_org_unit') }}

),

final as (

    select
        training.training_record_id,
        training.staff_key,
        training.session_date,
        date_trunc('month', training.session_date)::date as month_start,
        training.org_unit_code,
        org_units.region_code,
        training.role_group,
        training.grade_band,
        training.course_code,
        training.course_code in ('BTI_FULL', 'BTI_HEADLINES') as is_bti_course,
        training.attendance_status,
        training.attendance_status = 'Completed' as is_completed,
        training.hours,
        training.provider,
        training.loaded_at,

    from training
    left join org_units
        on training.org_unit_code = org_units.org_unit_code
            and training.session_date >= org_units.valid_from
            and (org_units.valid_to is null or training.session_date <= org_units.valid_to)

)

select * from final
