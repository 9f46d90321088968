-- Grain: one row: how many documents, observations and tasks the database holds, and how many provinces have documents.
-- Parameters: none. Used by: app_pages/overview.py (headline cards).
select
    b.n_documents,
    b.n_observations,
    b.n_tasks,
    (select count(distinct d.area_code) from v_documents as d) as n_document_areas
from v_build_info as b
