-- Report-ready data freshness: files and rows, not people, so shown as they are.
with

freshness as (

    select * from {{ ref('fct_data_freshness') }}

),

cutoff as (

    select * from {{ ref('int_data_cutoff') }}

),

final as (

    select
        freshness.month_start,
        freshness.feed_name,
        freshness.last_file_received_at,
        freshness.last_successful_load_at,
        freshness.files_attempted,
        freshness.files_rejected,
        freshness.rows_loaded,
        freshness.rows_quarantined,
        freshness.validation_pass_rate_pct,
        'fct_data_freshness' as source_mart,
        cutoff.data_cutoff_at,

    from freshness
    cross join cutoff

)

select * from final
