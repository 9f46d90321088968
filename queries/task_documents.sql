-- Grain: one row per document that assigns tasks or lists channels, for the document filter.
-- Parameters: none. Used by: app_pages/units_tasks.py.
select d.doc_id, d.doc_type, d.issuer, d.issuer_level, d.area_code, a.name_vi as area_name
from v_documents as d
left join v_areas as a on a.area_code = d.area_code
where d.doc_id in (select doc_id from v_tasks union select doc_id from v_channels)
order by a.name_vi, d.doc_id
