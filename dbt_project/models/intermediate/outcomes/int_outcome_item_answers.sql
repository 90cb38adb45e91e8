-- One row per survey response per outcome item, skipped items kept as null answers.
with

responses as (

    select * from {{ ref('stg_raw__survey_participant_outcomes') }}

),

unpivoted as (

    -- the standard form: DuckDB's short UNPIVOT cannot keep nulls, and a skipped item counts
    select *
    from responses
    unpivot include nulls (
        answer for item_column in (columns('^(phq9|gad7|core10|pcl5|tsc40|scs)_[0-9]+$'))
    )

),

final as (

    select
        response_id,
        participant_key,
        group_id,
        programme_code,
        timepoint,
        administered_date,
        upper(split_part(item_column, '_', 1)) as instrument_code,
        item_column,
        cast(split_part(item_column, '_', 2) as integer) as item_number,
        answer,

    from unpivoted

)

select * from final
