with

source as (

    select * from {{ source('raw', 'quarantine') }}

),

renamed as (

    select
        file_sha256 || ':' || cast(row_number as varchar) as quarantine_id,
        file_sha256,
        feed as feed_name,
        file_name,
        row_number as source_row_number,
        failed_checks,
        quarantined_at,

    from source

)

select * from renamed
