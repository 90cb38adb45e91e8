-- Outcome instruments (grain: one row per instrument): items, ranges, direction, cut-off and
-- the reliable change threshold in use, with the reliability r and method behind it.
with

instruments as (

    select * from {{ ref('ref_instruments') }}

),

thresholds as (

    select * from {{ ref('int_instrument_thresholds') }}

),

final as (

    select
        instruments.instrument_code,
        instruments.instrument_name,
        instruments.audience,
        instruments.n_items,
        instruments.item_min,
        instruments.item_max,
        instruments.total_min,
        instruments.total_max,
        instruments.higher_is_worse,
        instruments.reversed_items,
        instruments.max_missing_items,
        instruments.case_cutoff,
        thresholds.threshold_method,
        thresholds.reliable_change_threshold,
        thresholds.reliability_r,
        thresholds.sd_pre,
        instruments.score_source,

    from instruments
    inner join thresholds
        on instruments.instrument_code = thresholds.instrument_code

)

select * from final
