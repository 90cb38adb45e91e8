-- Report-ready programme delivery with disclosure control. Groups are not people and are
-- shown as they are; every count of women is protected.
{%- set exit_codes = ['released', 'transferred', 'health', 'clash', 'chose_to_stop', 'other'] %}
{%- set people = ['participants_enrolled', 'participants_finished', 'participants_completed',
                  'cumulative_completions'] %}
with

delivery as (

    select * from {{ ref('fct_programme_delivery') }}

),

cutoff as (

    select * from {{ ref('int_data_cutoff') }}

),

flagged as (

    select
        *,
        {{ suppression_flags(people, ['month_start', 'programme_code']) }}
        {% for code in exit_codes -%}
            {{ is_small_count('exits_' ~ code) }} as exits_{{ code }}__hidden,
        {% endfor %}

    from delivery

),

final as (

    select
        flagged.month_start,
        flagged.area_level,
        flagged.area_code,
        flagged.region_code,
        flagged.programme_code,
        flagged.groups_started,
        {% for count in people -%}
            {{ published_count(count) }} as {{ count }},
            {{ hidden_symbol(count) }} as {{ count }}_symbol,
        {% endfor -%}
        {{ published_rate('completion_rate_pct', 'participants_finished', 'participants_completed') }}
            as completion_rate_pct,
        {{ rate_symbol('participants_finished', 'participants_completed') }} as completion_rate_pct_symbol,
        {{ published_rate('mean_sessions_attended', 'participants_finished') }} as mean_sessions_attended,
        {{ rate_symbol('participants_finished') }} as mean_sessions_attended_symbol,
        {% for code in exit_codes -%}
            {{ published_count('exits_' ~ code) }} as exits_{{ code }},
        {% endfor -%}
        'fct_programme_delivery' as source_mart,
        cutoff.data_cutoff_at,

    from flagged
    cross join cutoff

)

select * from final
