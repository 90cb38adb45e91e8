{#-
  Disclosure control (DOMAIN.md): never publish a count of 1-4 people, nor a rate or mean
  whose denominator is under 10. Suppressed values become null and their symbol column says
  why, with the GSS symbols: [c] confidential, [z] not applicable (no denominator).
-#}
{% macro suppress_count(column) -%}
    case when {{ column }} between 1 and {{ var('suppress_count_max') }} then null else {{ column }} end
{%- endmacro %}

{% macro count_symbol(column) -%}
    case when {{ column }} between 1 and {{ var('suppress_count_max') }} then '[c]' end
{%- endmacro %}

{% macro suppress_rate(rate, denominator) -%}
    case when {{ denominator }} >= {{ var('suppress_denominator_min') }} then {{ rate }} end
{%- endmacro %}

{% macro rate_symbol(denominator) -%}
    case
        when coalesce({{ denominator }}, 0) = 0 then '[z]'
        when {{ denominator }} < {{ var('suppress_denominator_min') }} then '[c]'
    end
{%- endmacro %}
