-- The reliable change threshold per instrument: the published one where DOMAIN.md gives it,
-- otherwise Jacobson-Truax: 1.96 x SD of PRE scores x sqrt(2 x (1 - r)), SD from the
-- analysed sample (all valid pairs), r from the instruments seed.
with

instruments as (

    select * from {{ ref('ref_instruments') }}

),

pairs as (

    select * from {{ ref('int_outcome_pairs') }}

),

spread as (

    select
        instrument_code,
        -- ordered, so the float sum (and every threshold) is the same on every run
        stddev_samp(pre_score order by outcome_pair_id) as sd_pre,
        count(*) as n_pairs,

    from pairs
    group by instrument_code

),

final as (

    select
        instruments.instrument_code,
        spread.sd_pre,
        instruments.reliability_r,
        case
            when instruments.reliable_change_threshold is not null then 'published'
            else 'jacobson_truax'
        end as threshold_method,
        coalesce(
            cast(instruments.reliable_change_threshold as double),
            1.96 * spread.sd_pre * sqrt(2 * (1 - instruments.reliability_r))
        ) as reliable_change_threshold,

    from instruments
    left join spread
        on instruments.instrument_code = spread.instrument_code

)

select * from final
