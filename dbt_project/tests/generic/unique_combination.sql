{#- Primary key over several columns: no two rows share the combination, none is null. -#}
{% test unique_combination(model, columns) %}

with

keyed as (

    select {{ columns | join(', ') }}, count(*) as n_rows

    from {{ model }}
    group by {{ columns | join(', ') }}

)

select *
from keyed
where n_rows > 1
    {% for column in columns %}or {{ column }} is null
    {% endfor %}

{% endtest %}
