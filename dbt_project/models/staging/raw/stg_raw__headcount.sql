with

source as (

    select * from {{ source('raw', 'headcount') }}

),

renamed as (

    select
        snapshot_month || ':' || upper(org_unit_code) || ':' || role_group || ':' || grade_band
            as headcount_id,
        cast(snapshot_month || '-01' as date) as month_start,
        upper(org_unit_code) as org_unit_code,
        role_group,
        grade_band,
        headcount,
        fte,
        _loaded_at as loaded_at,

    from source

)

select * from renamed
