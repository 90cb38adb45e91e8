-- Instrument totals per response, reversed items (CORE-10 items 2 and 3) re-scored first.
-- Missing items are pro-rated (total x items / answered)
-- when no more than the instrument's allowance is missing; otherwise the score is invalid:
-- kept and flagged, never used in means.
with

answers as (

    select * from {{ ref('int_outcome_item_answers') }}

),

instruments as (

    select * from {{ ref('ref_instruments') }}

),

scored as (

    select
        answers.*,
        case
            when list_contains(
                    string_split(coalesce(instruments.reversed_items, ''), '|'),
                    cast(answers.item_number as varchar)
                )
                then instruments.item_min + instruments.item_max - answers.answer
            else answers.answer
        end as scored_answer,

    from answers
    inner join instruments
        on answers.instrument_code = instruments.instrument_code

),

summed as (

    select
        response_id,
        participant_key,
        group_id,
        programme_code,
        timepoint,
        administered_date,
        instrument_code,
        count(scored_answer) as items_answered,
        sum(scored_answer) as raw_sum,

    from scored
    group by
        response_id, participant_key, group_id, programme_code, timepoint,
        administered_date, instrument_code

),

final as (

    select
        summed.response_id || ':' || summed.instrument_code as outcome_score_id,
        summed.response_id,
        summed.participant_key,
        summed.group_id,
        summed.programme_code,
        summed.timepoint,
        summed.administered_date,
        summed.instrument_code,
        summed.items_answered,
        instruments.n_items - summed.items_answered as items_missing,
        summed.raw_sum,
        instruments.n_items - summed.items_answered <= instruments.max_missing_items
        and summed.items_answered > 0 as is_valid,
        case
            when
                instruments.n_items - summed.items_answered <= instruments.max_missing_items
                and summed.items_answered > 0
                then 1.0 * summed.raw_sum * instruments.n_items / summed.items_answered
        end as total_score,

    from summed
    inner join instruments
        on summed.instrument_code = instruments.instrument_code

)

select * from final
