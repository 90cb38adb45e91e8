-- Report-ready staff wellbeing with disclosure control: response counts protected, means and
-- percentages withheld on fewer than 10 responses.
{%- set measures = ['mean_burnout', 'pct_high_burnout', 'mean_secondary_traumatic_stress',
                    'pct_high_secondary_traumatic_stress', 'mean_compassion_satisfaction',
                    'pct_high_compassion_satisfaction'] %}
with

wellbeing as (

    select * from {{ ref('fct_staff_wellbeing_summary') }}

),

cutoff as (

    select * from {{ ref('int_data_cutoff') }}

),

flagged as (

    select
        *,
        {{ suppression_flags(['responses'], ['wave', 'split']) }}

    from wellbeing

),

final as (

    select
        flagged.wave,
        flagged.area_level,
        flagged.area_code,
        flagged.region_code,
        flagged.split,
        {{ published_count('responses') }} as responses,
        {{ hidden_symbol('responses') }} as responses_symbol,
        {{ published_rate('response_rate_pct', 'responses') }} as response_rate_pct,
        {% for measure in measures -%}
            {{ published_rate(measure, 'responses') }} as {{ measure }},
        {% endfor -%}
        {{ rate_symbol('responses') }} as measures_symbol,
        'fct_staff_wellbeing_summary' as source_mart,
        cutoff.data_cutoff_at,

    from flagged
    cross join cutoff

)

select * from final
