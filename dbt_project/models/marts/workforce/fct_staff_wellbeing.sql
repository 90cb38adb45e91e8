-- Staff wellbeing responses with ProQOL 5 subscale scores and bands (grain: one response).
-- Compassion satisfaction, burnout (items 1, 4, 15, 17, 29 reversed) and secondary traumatic
-- stress each sum 10 items to 10-50: <= 22 low, 23-41 moderate, >= 42 high.
{%- set cs = [3, 6, 12, 16, 18, 20, 22, 24, 27, 30] %}
{%- set bo = [1, 4, 8, 10, 15, 17, 19, 21, 26, 29] %}
{%- set bo_reversed = [1, 4, 15, 17, 29] %}
{%- set sts = [2, 5, 7, 9, 11, 13, 14, 23, 25, 28] %}
with

responses as (

    select * from {{ ref('stg_raw__survey_staff_wellbeing') }}

),

unit_region as (

    select * from {{ ref('int_org_units_latest') }}

),

scored as (

    select
        responses.response_id,
        responses.staff_key,
        responses.wave,
        responses.org_unit_code,
        unit_region.region_code,
        responses.role_group,
        responses.has_bti_training,
        responses.had_supervision_last_3_months,
        {% for i in cs -%}
            {% if not loop.first %}+ {% endif %}proqol_{{ i }}
        {% endfor -%}
            as compassion_satisfaction,
        {% for i in bo -%}
            {% if not loop.first %}
                +
            {% endif %}{% if i in bo_reversed %}
                (6 - proqol_{{ i }})
            {% else %}proqol_{{ i }}{% endif %}
        {% endfor -%}
            as burnout,
        {% for i in sts -%}
            {% if not loop.first %}+ {% endif %}proqol_{{ i }}
        {% endfor -%}
            as secondary_traumatic_stress,

    from responses
    left join unit_region
        on responses.org_unit_code = unit_region.org_unit_code

),

final as (

    select
        *,
        {% for score in ['compassion_satisfaction', 'burnout', 'secondary_traumatic_stress'] -%}
            case
                when {{ score }} <= 22 then 'low'
                when {{ score }} <= 41 then 'moderate'
                else 'high'
            end as {{ score }}_band,
        {% endfor -%}

    from scored

)

select * from final
