with

source as (

    select * from {{ source('raw', 'survey_staff_wellbeing') }}

),

renamed as (

    select
        _file_sha256 || ':' || _row_number as response_id,
        staff_key,
        upper(org_unit_code) as org_unit_code,
        role_group,
        wave,
        has_bti_training,
        clinical_supervision_access as has_clinical_supervision_access,
        supervision_last_3_months as had_supervision_last_3_months,
        {% for i in range(1, 31) -%}
            proqol_{{ i }},
        {% endfor -%}
        _loaded_at as loaded_at,

    from source

)

select * from renamed
