{#- A published count never shows 1-4 people (DOMAIN.md disclosure control). -#}
{% test not_between_1_and_4(model, column_name) %}

select {{ column_name }}
from {{ model }}
where {{ column_name }} between 1 and {{ var('suppress_count_max') }}

{% endtest %}
