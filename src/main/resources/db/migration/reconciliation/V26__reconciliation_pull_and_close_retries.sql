-- A day's close remembers whether its run was complete. A close left incomplete (a source
-- failed, or its last hours had not settled in M-Pesa's records yet) is run again while Pull
-- Transactions can still reach the day; the newest run replaces the one before.
alter table reconciliation.closes add column complete boolean not null default true;
alter table reconciliation.closes add column attempted_at timestamptz;
update reconciliation.closes c set complete = (r.status = 'COMPLETE'), attempted_at = c.closed_at
  from reconciliation.runs r where r.id = c.run_id;
alter table reconciliation.closes alter column attempted_at set not null;
