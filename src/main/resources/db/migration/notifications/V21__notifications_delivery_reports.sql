-- Delivery truth for SMS: accepted by Africa's Talking, then DELIVERED or FAILED from its
-- delivery report; NO_REPORT when none came within a day. Reports find their message by the
-- provider's id.
alter table notifications.outbox
    add column delivered_at timestamptz,
    drop constraint outbox_status_check,
    add constraint outbox_status_check check (status in ('DELIVERED', 'QUEUED', 'SENDING', 'SENT', 'ACCEPTED',
        'FAILED', 'UNKNOWN', 'CANCELLED', 'SKIPPED', 'NO_REPORT'));
create index outbox_provider_idx on notifications.outbox (provider_id) where provider_id is not null;
