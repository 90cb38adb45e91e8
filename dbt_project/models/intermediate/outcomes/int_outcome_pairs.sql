-- Valid PRE and POST scores of the same woman, group and instrument, for women who consented
-- to research use. The analysed sample for every outcome metric.
with

scores as (

    select * from {{ ref('fct_outcome_score') }}

),

usable as (

    select * from scores
    where is_valid and has_research_consent

),

final as (

    select
        pre.participant_key || ':' || pre.group_id || ':' || pre.instrument_code as outcome_pair_id,
        pre.participant_key,
        pre.group_id,
        pre.programme_code,
        pre.prison_code,
        pre.region_code,
        pre.instrument_code,
        pre.administered_date as pre_date,
        post.administered_date as post_date,
        pre.total_score as pre_score,
        post.total_score as post_score,
        pre.is_case as pre_is_case,
        post.is_case as post_is_case,

    from usable as pre
    inner join usable as post
        on
            pre.participant_key = post.participant_key
            and pre.group_id = post.group_id
            and pre.instrument_code = post.instrument_code
            and pre.timepoint = 'PRE'
            and post.timepoint = 'POST'

)

select * from final
