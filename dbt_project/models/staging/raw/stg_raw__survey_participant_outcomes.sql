{%- set items = [] -%}
{%- set instruments = [('phq9', 9), ('gad7', 7), ('core10', 10), ('pcl5', 20), ('tsc40', 40), ('scs', 8)] -%}
{%- for instrument, n in instruments -%}
    {%- for i in range(1, n + 1) -%}{%- do items.append(instrument ~ '_' ~ i) -%}{%- endfor -%}
{%- endfor -%}
with

source as (

    select * from {{ source('raw', 'survey_participant_outcomes') }}

),

renamed as (

    select
        participant_key || ':' || group_id || ':' || timepoint as response_id,
        participant_key,
        group_id,
        programme_code,
        timepoint,
        cast(administered_date as date) as administered_date,
        {% for item in items -%}
            {{ item }},
        {% endfor -%}
        _file_sha256 as file_sha256,
        _loaded_at as loaded_at,

    from source

)

select * from renamed
