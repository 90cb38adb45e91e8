with

source as (

    select * from {{ source('raw', 'regional_commitments') }}

),

renamed as (

    select
        region_code || ':' || cast(enabler as varchar) as commitment_id,
        region_code,
        enabler as enabler_number,
        commitment as commitment_text,
        status as commitment_status,
        cast(start_date as date) as start_date,
        cast(review_date as date) as review_date,
        _loaded_at as loaded_at,

    from source

)

select * from renamed
