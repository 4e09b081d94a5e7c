-- The finance desk lists, filters and exports attempts by psychologist without reaching
-- into booking's tables at read time: the attempt records whom the client was paying,
-- a fact fixed when the attempt is made. Older attempts take it from their session.
alter table payments.attempts add column psychologist_id uuid;

update payments.attempts a
   set psychologist_id = s.psychologist_id
  from booking.sessions s
 where s.id = a.session_id;

alter table payments.attempts alter column psychologist_id set not null;

-- The desk reads newest first, overall, per psychologist and per client.
create index attempts_created_idx on payments.attempts (created_at desc, id desc);
create index attempts_psychologist_idx on payments.attempts (psychologist_id, created_at desc);
create index attempts_client_idx on payments.attempts (client_id, created_at desc);
