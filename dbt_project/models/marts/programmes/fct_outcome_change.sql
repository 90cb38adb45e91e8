-- Outcome change (grain: participant x group x instrument with valid PRE and POST, research
-- consent only). change = POST - PRE; improvement is the change in the good direction.
with

pairs as (

    select * from {{ ref('int_outcome_pairs') }}

),

instruments as (

    select * from {{ ref('ref_instruments') }}

),

thresholds as (

    select * from {{ ref('int_instrument_thresholds') }}

),

measured as (

    select
        pairs.*,
        pairs.post_score - pairs.pre_score as change_score,
        case
            when instruments.higher_is_worse then pairs.pre_score - pairs.post_score
            else pairs.post_score - pairs.pre_score
        end as improvement,
        thresholds.reliable_change_threshold,
        instruments.case_cutoff is not null as has_case_cutoff,

    from pairs
    inner join instruments
        on pairs.instrument_code = instruments.instrument_code
    inner join thresholds
        on pairs.instrument_code = thresholds.instrument_code

),

final as (

    select
        outcome_pair_id,
        participant_key,
        group_id,
        programme_code,
        prison_code,
        region_code,
        instrument_code,
        pre_date,
        post_date,
        date_trunc('month', post_date)::date as post_month,
        pre_score,
        post_score,
        change_score,
        improvement,
        reliable_change_threshold,
        improvement >= reliable_change_threshold as is_reliably_improved,
        -improvement >= reliable_change_threshold as is_reliably_deteriorated,
        pre_is_case,
        post_is_case,
        case
            when has_case_cutoff and pre_is_case
                then not post_is_case and improvement >= reliable_change_threshold
        end as is_recovered,

    from measured

)

select * from final
