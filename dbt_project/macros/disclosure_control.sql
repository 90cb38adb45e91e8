{#-
  Disclosure control (DOMAIN.md). Published outputs never show a count of 1-4 people
  (primary suppression); where exactly one cell among siblings (units in a region, regions
  in the nation) is suppressed, the smallest other non-zero sibling is suppressed too
  (secondary), so no suppressed cell can be recovered from the parent total. A rate or mean
  is withheld when its numerator or denominator is suppressed, or its denominator is under
  10, since rate x denominator would give a suppressed count back. Suppressed values become
  null and a *_symbol column carries the GSS symbol: [c] confidential, [z] not applicable.
-#}
{% macro is_small_count(column) -%}
    coalesce({{ column }} between 1 and {{ var('suppress_count_max') }}, false)
{%- endmacro %}

{#- The sibling group of a row: units share their region, regions share the nation. -#}
{% macro parent_code() -%}
    case area_level when 'org_unit' then region_code when 'region' then 'ENW' else area_code end
{%- endmacro %}

{#- Flag columns <col>__hidden for each count column, primary and secondary together.
    partition: the columns that define one table (e.g. month_start, programme_code). -#}
{% macro suppression_flags(columns, partition) -%}
    {%- for column in columns %}
        {{ is_small_count(column) }} or (
            not {{ is_small_count(column) }}
            and coalesce({{ column }}, 0) > 0
            and count(*) filter (where {{ is_small_count(column) }}) over (
                partition by {{ partition | join(', ') }}, area_level, {{ parent_code() }}
            ) = 1
            and row_number() over (
                partition by {{ partition | join(', ') }}, area_level, {{ parent_code() }}
                order by ({{ is_small_count(column) }} or coalesce({{ column }}, 0) = 0),
                    {{ column }}, area_code
            ) = 1
        ) as {{ column }}__hidden,
    {%- endfor %}
{%- endmacro %}

{% macro published_count(column) -%}
    case when {{ column }}__hidden then null else {{ column }} end
{%- endmacro %}

{% macro hidden_symbol(column) -%}
    case when {{ column }}__hidden then '[c]' end
{%- endmacro %}

{#- numerator / denominator: counted columns with __hidden flags, or none. -#}
{% macro rate_is_hidden(denominator, numerator=none) -%}
    (
        coalesce({{ denominator }}, 0) < {{ var('suppress_denominator_min') }}
        or {{ denominator }}__hidden
        {% if numerator is not none %}or {{ numerator }}__hidden{% endif %}
    )
{%- endmacro %}

{% macro published_rate(rate, denominator, numerator=none) -%}
    case when {{ rate_is_hidden(denominator, numerator) }} then null else {{ rate }} end
{%- endmacro %}

{% macro rate_symbol(denominator, numerator=none) -%}
    case
        when coalesce({{ denominator }}, 0) = 0 then '[z]'
        when {{ rate_is_hidden(denominator, numerator) }} then '[c]'
    end
{%- endmacro %}
