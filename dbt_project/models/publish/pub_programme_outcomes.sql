-- Report-ready programme outcomes with disclosure control: pair counts protected like any
-- count of people; means, intervals, effect sizes and percentages withheld when their
-- denominator is under 10 or suppressed.
{%- set means = ['mean_pre', 'mean_post', 'mean_change', 'mean_change_ci_lower',
                 'mean_change_ci_upper', 'cohens_d_z'] %}
with

outcomes as (

    select * from {{ ref('fct_programme_outcomes') }}

),

cutoff as (

    select * from {{ ref('int_data_cutoff') }}

),

flagged as (

    select
        *,
        {{ suppression_flags(['n_pairs', 'n_pre_cases'],
                             ['month_start', 'programme_code', 'instrument_code']) }}
        {{ is_small_count('n_reliably_improved') }} as n_reliably_improved__hidden,
        {{ is_small_count('n_reliably_deteriorated') }} as n_reliably_deteriorated__hidden,
        {{ is_small_count('n_recovered') }} as n_recovered__hidden,

    from outcomes

),

final as (

    select
        flagged.month_start,
        flagged.area_level,
        flagged.area_code,
        flagged.region_code,
        flagged.programme_code,
        flagged.instrument_code,
        {{ published_count('n_pairs') }} as n_pairs,
        {{ hidden_symbol('n_pairs') }} as n_pairs_symbol,
        {% for mean in means -%}
            {{ published_rate(mean, 'n_pairs') }} as {{ mean }},
        {% endfor -%}
        {{ rate_symbol('n_pairs') }} as means_symbol,
        {{ published_rate('pct_reliably_improved', 'n_pairs', 'n_reliably_improved') }}
            as pct_reliably_improved,
        {{ rate_symbol('n_pairs', 'n_reliably_improved') }} as pct_reliably_improved_symbol,
        {{ published_rate('pct_reliably_deteriorated', 'n_pairs', 'n_reliably_deteriorated') }}
            as pct_reliably_deteriorated,
        {{ rate_symbol('n_pairs', 'n_reliably_deteriorated') }} as pct_reliably_deteriorated_symbol,
        {{ published_rate('pct_recovered', 'n_pre_cases', 'n_recovered') }} as pct_recovered,
        {{ rate_symbol('n_pre_cases', 'n_recovered') }} as pct_recovered_symbol,
        'fct_programme_outcomes' as source_mart,
        cutoff.data_cutoff_at,

    from flagged
    cross join cutoff

)

select * from final
