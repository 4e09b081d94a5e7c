-- Email waits in the outbox until the sender takes it: QUEUED, then SENDING (claimed before
-- the SMTP server is called), then SENT; FAILED after its last try. A row left SENDING by a
-- node that died mid-send is never sent again blindly: an admin sees it.
alter table notifications.outbox
    add column address     text,
    add column tries       integer not null default 0,
    add column next_try_at timestamptz,
    add column sent_at     timestamptz,
    add column error       text,
    drop constraint outbox_status_check,
    add constraint outbox_status_check check (status in ('DELIVERED', 'QUEUED', 'SENDING', 'SENT', 'FAILED')),
    add constraint outbox_email_has_address check (channel <> 'EMAIL' or address is not null);
create index outbox_due_idx on notifications.outbox (next_try_at) where status = 'QUEUED';
