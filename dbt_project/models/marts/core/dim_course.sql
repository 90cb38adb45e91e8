-- Training courses (grain: one row per course code) and what each counts towards.
with

courses as (

    select * from {{ ref('ref_courses') }}

),

final as (

    select
        course_code,
        course_name,
        programme,
        counts_towards_coverage,
        makes_tip_specialist,
        is_clinical_supervision,

    from courses

)

select * from final
