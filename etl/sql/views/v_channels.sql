-- One row per propaganda channel a document lists under "Hình thức tuyên truyền".
create view v_channels as
select
    ch.doc_id,
    d.area_code,
    ch.ordinal,
    ch.label,
    ch.category,
    c.name_vi as category_vi,
    ch.channel_text
from channels as ch
inner join documents as d on d.doc_id = ch.doc_id
left join channel_categories as c on c.category = ch.category
