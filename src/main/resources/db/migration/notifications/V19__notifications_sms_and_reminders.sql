-- SMS and reminders. A reminder is an outbox row due at its time (next_try_at) that names its
-- session and a cut-off (not_after); the sender claims it only if the session still needs it
-- (kept here from booking's events, moving forward only), so a cancellation always wins.
-- An SMS the provider may have taken without our knowing (a timeout) is UNKNOWN, never resent.
alter table notifications.sessions
    add column status          text,
    add column client_id       uuid,
    add column psychologist_id uuid,
    add column pay_by          timestamptz;

update notifications.sessions n
   set status = s.status, client_id = s.client_id, psychologist_id = s.psychologist_id, pay_by = s.pay_by
  from booking.sessions s
 where s.id = n.session_id;

alter table notifications.outbox
    add column session_id  uuid,
    add column not_after   timestamptz,
    add column provider_id text,
    drop constraint outbox_status_check,
    add constraint outbox_status_check check (status in
        ('DELIVERED', 'QUEUED', 'SENDING', 'SENT', 'ACCEPTED', 'FAILED', 'UNKNOWN', 'CANCELLED', 'SKIPPED'));

-- The order of a session's life, for keeping its status moving forward only.
create function notifications.stage(status text) returns integer language sql immutable as $$
    select case when status is null then -1 when status = 'PENDING' then 0 when status = 'APPROVED' then 1
                when status = 'CONFIRMED' then 2 else 3 end
$$;
