-- Grain: one row per propaganda channel ("Hình thức tuyên truyền") a document lists.
-- Parameters: $doc_id (null = all), $area_codes (empty list = all). Used by: app_pages/units_tasks.py.
select
    c.doc_id,
    d.doc_type,
    d.issuer,
    c.area_code,
    a.name_vi as area_name,
    c.ordinal,
    c.category,
    coalesce(c.category_vi, c.label) as category_vi,
    c.label,
    c.channel_text
from v_channels as c
inner join v_documents as d on d.doc_id = c.doc_id
left join v_areas as a on a.area_code = c.area_code
where ($doc_id is null or c.doc_id = $doc_id)
  and (len($area_codes) = 0 or list_contains($area_codes, c.area_code))
order by c.doc_id, c.ordinal
