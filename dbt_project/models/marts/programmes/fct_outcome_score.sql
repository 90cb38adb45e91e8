-- Outcome scores (grain: participant x group x instrument x timepoint): pro-rated total,
-- validity, band and caseness.
with

scores as (

    select * from {{ ref('int_outcome_scores') }}

),

instruments as (

    select * from {{ ref('ref_instruments') }}

),

bands as (

    select * from {{ ref('ref_instrument_bands') }}

),

participation as (

    select * from {{ ref('fct_programme_participation') }}

),

banded as (

    select
        scores.outcome_score_id,
        any_value(bands.band order by bands.band_lower_bound desc) as band,

    from scores
    inner join bands
        on
            scores.instrument_code = bands.instrument_code
            and scores.total_score >= bands.band_lower_bound
    group by scores.outcome_score_id

),

final as (

    select
        scores.outcome_score_id,
        scores.participant_key,
        scores.group_id,
        scores.programme_code,
        participation.prison_code,
        participation.region_code,
        scores.instrument_code,
        scores.timepoint,
        scores.administered_date,
        scores.items_answered,
        scores.items_missing,
        scores.raw_sum,
        scores.is_valid,
        scores.total_score,
        banded.band,
        case
            when scores.total_score is not null and instruments.case_cutoff is not null
                then scores.total_score >= instruments.case_cutoff
        end as is_case,
        coalesce(participation.has_research_consent, false) as has_research_consent,

    from scores
    inner join instruments
        on scores.instrument_code = instruments.instrument_code
    left join banded
        on scores.outcome_score_id = banded.outcome_score_id
    left join participation
        on
            scores.participant_key = participation.participant_key
            and scores.group_id = participation.group_id

)

select * from final
