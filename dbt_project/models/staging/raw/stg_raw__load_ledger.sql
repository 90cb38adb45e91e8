with

source as (

    select * from {{ source('raw', 'load_ledger') }}

),

renamed as (

    select
        ledger_id,
        feed as feed_name,
        file_name,
        file_sha256,
        attempt,
        size_bytes,
        received_at,
        loaded_at,
        rows_read,
        rows_loaded,
        rows_quarantined,
        outcome as load_outcome,
        validation_result_id,
        reason,

    from source

)

select * from renamed
