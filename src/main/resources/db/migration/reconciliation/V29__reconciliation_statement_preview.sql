-- An uploaded statement is first STAGED: its rows are stored and checked but count for
-- nothing (no run reads them, no hour is covered) until an admin who saw the preview imports
-- it. A discarded preview is deleted with its rows; one left staged is deleted after a day.
alter table reconciliation.statements add column state text not null default 'IMPORTED'
    check (state in ('STAGED', 'IMPORTED'));
alter table reconciliation.statements add column paid_in_total bigint not null default 0;
-- Only the first lines of each statement are indexed, for the preview: an index of every row
-- would cost each million-row import a million more index insertions.
create index records_statement_start_idx on reconciliation.records (statement_id, line)
    where statement_id is not null and line <= 100;
