-- Report-ready enablers scorecard. Enablers 1 and 7 take their values from the published
-- coverage and supervision tables, so a value suppressed there is withheld here too; the
-- other measures count grade bands or groups, not people.
with

scorecard as (

    select * from {{ ref('fct_enablers_scorecard') }}

),

coverage as (

    select * from {{ ref('pub_training_coverage') }}

),

supervision as (

    select * from {{ ref('pub_specialists_supervision') }}

),

cutoff as (

    select * from {{ ref('int_data_cutoff') }}

),

checked as (

    select
        scorecard.*,
        case scorecard.enabler_number
            when 1 then coverage.coverage_pct is null
            when 7 then supervision.pct_frontline_supervised is null
            else false
        end and scorecard.metric_value is not null as is_withheld,

    from scorecard
    left join coverage
        on
            scorecard.month_start = coverage.month_start
            and coverage.area_level = 'region'
            and scorecard.region_code = coverage.area_code
    left join supervision
        on
            scorecard.month_start = supervision.month_start
            and supervision.area_level = 'region'
            and scorecard.region_code = supervision.area_code

),

final as (

    select
        checked.scorecard_id,
        checked.month_start,
        checked.region_code,
        checked.region_name,
        checked.enabler_number,
        checked.enabler_name,
        checked.is_measured,
        checked.measure,
        checked.value_unit,
        case when checked.is_withheld then null else checked.metric_value end as metric_value,
        case when checked.is_withheld then '[c]' end as metric_value_symbol,
        checked.target_value,
        case when checked.is_withheld then null else checked.rag_status end as rag_status,
        case when checked.is_withheld then null else checked.change_since_last_month end
            as change_since_last_month,
        checked.commitment_text,
        checked.commitment_status,
        checked.commitment_review_date,
        'fct_enablers_scorecard' as source_mart,
        cutoff.data_cutoff_at,

    from checked
    cross join cutoff

)

select * from final
