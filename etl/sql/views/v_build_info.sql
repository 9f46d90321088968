-- One row: what the database was built from and how much it holds.
create view v_build_info as
select inputs_fingerprint, n_documents, n_observations, n_tasks
from build_info
