-- Programme outcomes (metric mart 4), grain: month x area level x area code x programme x
-- instrument. Cumulative: all valid consented pairs whose POST was on or before the month's
-- end. Mean change = mean(POST - PRE) with a paired-t 95% CI; d_z = mean change / SD of change.
with

changes as (

    select * from {{ ref('fct_outcome_change') }}

),

months as (

    select * from {{ ref('dim_month') }}

),

t_critical as (

    select * from {{ ref('ref_t_critical_95') }}

),

first_post as (

    select min(post_month) as month_start,

    from changes

),

pairs_to_date as (

    select
        months.month_start,
        changes.*,

    from months
    inner join first_post
        on months.month_start >= first_post.month_start
    inner join changes
        on months.month_end >= changes.post_date

),

aggregated as (

    select
        month_start,
        programme_code,
        instrument_code,
        {{ area_level('prison_code', 'region_code') }} as area_level,
        {{ area_code('prison_code', 'region_code') }} as area_code,
        region_code,
        count(*) as n_pairs,
        -- ordered: parallel float sums are not associative, and reruns must be byte-identical
        avg(pre_score order by outcome_pair_id) as mean_pre,
        avg(post_score order by outcome_pair_id) as mean_post,
        avg(change_score order by outcome_pair_id) as mean_change,
        stddev_samp(change_score order by outcome_pair_id) as sd_change,
        count(*) filter (where is_reliably_improved) as n_reliably_improved,
        count(*) filter (where is_reliably_deteriorated) as n_reliably_deteriorated,
        count(*) filter (where pre_is_case) as n_pre_cases,
        count(*) filter (where is_recovered) as n_recovered,

    from pairs_to_date
    group by grouping sets (
        (month_start, programme_code, instrument_code, region_code, prison_code),
        (month_start, programme_code, instrument_code, region_code),
        (month_start, programme_code, instrument_code)
    )

),

final as (

    select
        aggregated.month_start,
        aggregated.area_level,
        aggregated.area_code,
        aggregated.region_code,
        aggregated.programme_code,
        aggregated.instrument_code,
        aggregated.n_pairs,
        aggregated.mean_pre,
        aggregated.mean_post,
        aggregated.mean_change,
        aggregated.sd_change,
        aggregated.mean_change
        - t_critical.t_critical_95 * aggregated.sd_change / sqrt(aggregated.n_pairs)
            as mean_change_ci_lower,
        aggregated.mean_change
        + t_critical.t_critical_95 * aggregated.sd_change / sqrt(aggregated.n_pairs)
            as mean_change_ci_upper,
        case
            when aggregated.sd_change > 0 then aggregated.mean_change / aggregated.sd_change
        end as cohens_d_z,
        aggregated.n_reliably_improved,
        {{ safe_pct('aggregated.n_reliably_improved', 'aggregated.n_pairs') }}
            as pct_reliably_improved,
        aggregated.n_reliably_deteriorated,
        {{ safe_pct('aggregated.n_reliably_deteriorated', 'aggregated.n_pairs') }}
            as pct_reliably_deteriorated,
        aggregated.n_pre_cases,
        aggregated.n_recovered,
        {{ safe_pct('aggregated.n_recovered', 'aggregated.n_pre_cases') }} as pct_recovered,

    from aggregated
    left join t_critical
        on aggregated.n_pairs - 1 = t_critical.degrees_of_freedom

)

select * from final
