with

headcount as (

    select * from {{ ref('stg_raw__headcount') }}

),

final as (

    select
        headcount_id,
        month_start,
        org_unit_code,
        role_group,
        grade_band,
        headcount,
        fte,

    from headcount

)

select * from final
