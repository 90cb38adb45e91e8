with

source as (

    select * from {{ source('raw', 'org_units') }}

),

renamed as (

    select
        upper(org_unit_code) || ':' || cast(valid_from as varchar) as org_unit_version_id,
        upper(org_unit_code) as org_unit_code,
        name as org_unit_name,
        type as org_unit_type,
        region_code,
        female_estate as is_female_estate,
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to,
        _loaded_at as loaded_at,

    from source

)

select * from renamed
