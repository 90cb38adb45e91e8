with

source as (

    select * from {{ source('raw', 'programme_completions') }}

),

renamed as (

    select
        participant_key || ':' || group_id as enrolment_id,
        participant_key,
        age_band,
        upper(prison_code) as prison_code,
        programme_code,
        group_id,
        cast(group_start_date as date) as group_start_date,
        session_1 as attended_session_1,
        session_2 as attended_session_2,
        session_3 as attended_session_3,
        session_4 as attended_session_4,
        session_5 as attended_session_5,
        session_6 as attended_session_6,
        status as enrolment_status,
        exit_code,
        facilitator_type,
        research_consent as has_research_consent,
        _file_sha256 as file_sha256,
        _loaded_at as loaded_at,

    from source

)

select * from renamed
