-- The data cut-off every published table carries: the logical time of the latest load
-- that loaded rows.
with

ledger as (

    select * from {{ ref('stg_raw__load_ledger') }}

),

final as (

    select
        1 as cutoff_id,
        max(loaded_at) as data_cutoff_at,

    from ledger
    where load_outcome in ('loaded', 'partially loaded')

)

select * from final
