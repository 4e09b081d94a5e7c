-- When a message was claimed for sending: one still SENDING long after that was being sent when
-- its node stopped. Such a row, and an UNKNOWN one (the provider gave no answer), waits for an
-- admin to decide: send it again (the person may get it twice) or leave it. The decision is kept.
alter table notifications.outbox
    add column claimed_at timestamptz,
    add column decided_by uuid,
    add column decided_at timestamptz;
create index outbox_stuck_idx on notifications.outbox (created_at) where status in ('SENDING', 'UNKNOWN');
