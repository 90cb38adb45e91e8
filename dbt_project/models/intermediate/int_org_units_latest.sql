-- Each org unit's latest version: its current name, type and region. For attributing a
-- unit's figures to a region where the unit's region never changes with its versions.
with

org_units as (

    select * from {{ ref('dim_org_unit') }}

),

final as (

    select
        org_unit_code,
        org_unit_name,
        org_unit_type,
        region_code,

    from org_units
    qualify row_number() over (partition by org_unit_code order by valid_from desc) = 1

)

select * from final
