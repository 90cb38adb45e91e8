-- Report-ready lived experience with disclosure control: respondent counts protected, means
-- and % agree withheld on fewer than 10 respondents.
with

experience as (

    select * from {{ ref('fct_lived_experience') }}

),

cutoff as (

    select * from {{ ref('int_data_cutoff') }}

),

flagged as (

    select
        *,
        {{ suppression_flags(['respondents'], ['wave', 'core_value']) }}

    from experience

),

final as (

    select
        flagged.wave,
        flagged.area_level,
        flagged.area_code,
        flagged.region_code,
        flagged.core_value,
        {{ published_count('respondents') }} as respondents,
        {{ hidden_symbol('respondents') }} as respondents_symbol,
        {{ published_rate('mean_score', 'respondents') }} as mean_score,
        {{ published_rate('pct_agree', 'respondents') }} as pct_agree,
        {{ rate_symbol('respondents') }} as measures_symbol,
        'fct_lived_experience' as source_mart,
        cutoff.data_cutoff_at,

    from flagged
    cross join cutoff

)

select * from final
