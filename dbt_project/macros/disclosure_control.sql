{#-
  Disclosure control (DOMAIN.md): never publish a count of 1-4 people, nor a rate or mean
  whose denominator is under 10. A rate whose numerator is a suppressed count is suppressed
  too, or rate x denominator would give the count back. Suppressed values become null and
  their symbol column says why, with the GSS symbols: [c] confidential, [z] not applicable.
-#}
{% macro is_small_count(column) -%}
    coalesce({{ column }} between 1 and {{ var('suppress_count_max') }}, false)
{%- endmacro %}

{% macro suppress_count(column) -%}
    case when {{ is_small_count(column) }} then null else {{ column }} end
{%- endmacro %}

{% macro count_symbol(column) -%}
    case when {{ is_small_count(column) }} then '[c]' end
{%- endmacro %}

{% macro suppress_rate(rate, numerator, denominator) -%}
    case
        when {{ denominator }} >= {{ var('suppress_denominator_min') }}
            and not {{ is_small_count(numerator) }}
            then {{ rate }}
    end
{%- endmacro %}

{% macro rate_symbol(numerator, denominator) -%}
    case
        when coalesce({{ denominator }}, 0) = 0 then '[z]'
        when {{ denominator }} < {{ var('suppress_denominator_min') }} then '[c]'
        when {{ is_small_count(numerator) }} then '[c]'
    end
{%- endmacro %}
