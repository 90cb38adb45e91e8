{#- A percentage with a zero denominator giving null, not an error or infinity. -#}
{% macro safe_pct(numerator, denominator) -%}
    case when {{ denominator }} > 0 then 100.0 * {{ numerator }} / {{ denominator }} end
{%- endmacro %}
