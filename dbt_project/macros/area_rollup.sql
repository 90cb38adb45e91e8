{#- The area level and code of a row from GROUPING SETS over (region_code, org_unit_code). -#}
{% macro area_level(unit_column, region_column) -%}
    case
        when grouping({{ unit_column }}) = 0 then 'org_unit'
        when grouping({{ region_column }}) = 0 then 'region'
        else 'nation'
    end
{%- endmacro %}

{% macro area_code(unit_column, region_column) -%}
    coalesce({{ unit_column }}, {{ region_column }}, 'ENW')
{%- endmacro %}
