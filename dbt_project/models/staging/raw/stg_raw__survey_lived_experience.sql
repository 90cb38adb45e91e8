with

source as (

    select * from {{ source('raw', 'survey_lived_experience') }}

),

renamed as (

    select
        _file_sha256 || ':' || _row_number as response_id,
        upper(org_unit_code) as org_unit_code,
        wave,
        safety_1,
        safety_2,
        trust_1,
        trust_2,
        choice_1,
        collaboration_1,
        empowerment_1,
        inclusivity_1,
        _loaded_at as loaded_at,

    from source

)

select * from renamed
