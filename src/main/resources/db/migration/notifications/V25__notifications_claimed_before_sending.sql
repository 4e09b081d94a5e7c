-- A sender takes a batch of due messages as CLAIMED (no other node takes them), and marks each
-- one SENDING only just before calling its provider. A node that dies leaves at most the message
-- it was sending of unknown fate; the rest of its batch is claimed again once the lease passes.
alter table notifications.outbox
    drop constraint outbox_status_check,
    add constraint outbox_status_check check (status in ('DELIVERED', 'QUEUED', 'CLAIMED', 'SENDING', 'SENT',
        'ACCEPTED', 'FAILED', 'UNKNOWN', 'CANCELLED', 'SKIPPED', 'NO_REPORT'));
create index outbox_claimed_idx on notifications.outbox (claimed_at) where status = 'CLAIMED';
