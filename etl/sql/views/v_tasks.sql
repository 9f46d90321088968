-- One row per task a document assigns to a unit under "Tổ chức thực hiện".
create view v_tasks as
select
    t.task_id,
    t.doc_id,
    d.area_code,
    d.issuer_level,
    t.ordinal,
    t.unit_name,
    t.parent_unit,
    t.role,
    t.category,
    c.name_vi as category_vi,
    t.task_text,
    t.text_start
from tasks as t
inner join documents as d on d.doc_id = t.doc_id
left join task_categories as c on c.category = t.category
