-- Data freshness and quality (metric mart 8), grain: month x feed. A load belongs to the
-- month before its logical time when that is midnight on the 1st (the monthly run's
-- convention), otherwise to its own month. Pass rate = files loaded whole / files attempted.
with

ledger as (

    select * from {{ ref('stg_raw__load_ledger') }}

),

months as (

    select * from {{ ref('dim_month') }}

),

attributed as (

    select
        *,
        date_trunc('month', loaded_at - interval 1 second)::date as month_start,

    from ledger

),

first_month as (

    select min(month_start) as month_start,

    from attributed

),

feeds as (

    select distinct feed_name, from ledger

),

spine as (

    select
        months.month_start,
        months.month_end,
        feeds.feed_name,

    from months
    cross join feeds
    inner join first_month
        on months.month_start >= first_month.month_start

),

final as (

    select
        spine.month_start,
        spine.feed_name,
        max(attributed.received_at) filter (
            where attributed.month_start <= spine.month_start
        ) as last_file_received_at,
        max(attributed.loaded_at) filter (
            where attributed.month_start <= spine.month_start
            and attributed.load_outcome <> 'rejected'
        ) as last_successful_load_at,
        count(attributed.ledger_id) filter (
            where attributed.month_start = spine.month_start
        ) as files_attempted,
        count(attributed.ledger_id) filter (
            where attributed.month_start = spine.month_start and attributed.load_outcome = 'rejected'
        ) as files_rejected,
        (coalesce(sum(attributed.rows_loaded) filter (
            where attributed.month_start = spine.month_start
        ), 0))::bigint as rows_loaded,
        (coalesce(sum(attributed.rows_quarantined) filter (
            where attributed.month_start = spine.month_start
        ), 0))::bigint as rows_quarantined,
        {{ safe_pct(
            "count(attributed.ledger_id) filter (where attributed.month_start = spine.month_start "
            ~ "and attributed.load_outcome = 'loaded')",
            "count(attributed.ledger_id) filter (where attributed.month_start = spine.month_start)"
        ) }} as validation_pass_rate_pct,

    from spine
    left join attributed
        on spine.feed_name = attributed.feed_name
    group by spine.month_start, spine.feed_name

)

select * from final
