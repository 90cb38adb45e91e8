with

regions as (

    select * from {{ ref('ref_probation_regions') }}

),

final as (

    select
        region_code,
        region_name,
        country,

    from regions

)

select * from final
