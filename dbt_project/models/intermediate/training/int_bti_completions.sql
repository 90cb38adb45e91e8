-- Completed BTI courses that count towards coverage: BTI_FULL or BTI_HEADLINES, status Completed.
with

training as (

    select * from {{ ref('stg_raw__training_logs') }}

),

final as (

    select
        training_record_id,
        staff_key,
        session_date,
        course_code,

    from training
    where course_code in ('BTI_FULL', 'BTI_HEADLINES')
        and attendance_status = 'Completed'

)

select * from final
