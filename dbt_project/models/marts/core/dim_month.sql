-- Calendar months from the start of BTI delivery (September 2015) to the latest headcount
-- snapshot.
with

headcount as (

    select * from {{ ref('stg_raw__headcount') }}

),

bounds as (

    select coalesce(max(month_start), date '2015-09-01') as last_month,

    from headcount

),

series as (

    select cast(s.month_start as date) as month_start,

    from bounds
    cross join
        generate_series(date '2015-09-01', bounds.last_month, interval 1 month) as s (month_start)

),

final as (

    select
        month_start,
        last_day(month_start) as month_end,
        strftime(month_start, '%Y-%m') as month_label,
        year(month_start) as calendar_year,
        case
            when month(month_start) >= 4 then year(month_start)
            else year(month_start) - 1
        end as financial_year_start,

    from series

)

select * from final
