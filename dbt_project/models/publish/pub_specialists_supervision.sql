-- Report-ready specialists and supervision with disclosure control. PDUs are not people and
-- are shown as they are; counts of staff are protected.
{%- set people = ['specialists', 'frontline_headcount', 'frontline_supervised'] %}
with

measures as (

    select * from {{ ref('fct_specialists_supervision') }}

),

cutoff as (

    select * from {{ ref('int_data_cutoff') }}

),

flagged as (

    select
        *,
        {{ suppression_flags(people, ['month_start']) }}

    from measures

),

final as (

    select
        flagged.month_start,
        flagged.area_level,
        flagged.area_code,
        flagged.region_code,
        {% for count in people -%}
            {{ published_count(count) }} as {{ count }},
            {{ hidden_symbol(count) }} as {{ count }}_symbol,
        {% endfor -%}
        flagged.specialist_grade_bands,
        flagged.pdus_total,
        flagged.pdus_with_specialist,
        flagged.pct_pdus_with_specialist,
        {{ published_rate('pct_frontline_supervised', 'frontline_headcount', 'frontline_supervised') }}
            as pct_frontline_supervised,
        {{ rate_symbol('frontline_headcount', 'frontline_supervised') }} as pct_frontline_supervised_symbol,
        'fct_specialists_supervision' as source_mart,
        cutoff.data_cutoff_at,

    from flagged
    cross join cutoff

)

select * from final
