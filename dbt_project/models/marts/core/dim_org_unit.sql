-- Org units as a slowly changing dimension: one row per unit version. An event joins the
-- version valid on its date, so history stays with the unit of its time (e.g. the 2025
-- Staffordshire split).
with

org_units as (

    select * from {{ ref('stg_raw__org_units') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

final as (

    select
        org_units.org_unit_version_id,
        org_units.org_unit_code,
        org_units.org_unit_name,
        org_units.org_unit_type,
        org_units.region_code,
        regions.region_name,
        org_units.is_female_estate,
        org_units.valid_from,
        org_units.valid_to,
        org_units.valid_to is null as is_current,

    from org_units
    left join regions
        on org_units.region_code = regions.region_code

)

select * from final
