with

source as (

    select * from {{ source('raw', 'training_logs') }}

),

renamed as (

    select
        record_id as training_record_id,
        staff_key,
        upper(org_unit_code) as org_unit_code,
        role_group,
        grade_band,
        course_code,
        cast(session_date as date) as session_date,
        hours,
        status as attendance_status,
        provider,
        _file_sha256 as file_sha256,
        _row_number as source_row_number,
        _loaded_at as loaded_at,

    from source

)

select * from renamed
