-- Every notice Malipo gives, one row per event, recipient and channel (the dedupe key), written
-- in the transaction that handles the event: a redelivered event finds its row and adds
-- nothing. In-app notices are delivered by being written; email and SMS rows will wait here
-- for their sender. The time of each session is kept for the notices that mention it.
create table notifications.outbox (
    id          uuid primary key,
    dedupe_key  text        not null unique,
    recipient   uuid        not null,
    channel     text        not null check (channel in ('IN_APP', 'EMAIL', 'SMS')),
    kind        text        not null,
    title       text        not null check (length(title) between 1 and 200),
    body        text        not null check (length(body) between 1 and 2000),
    link        text,
    status      text        not null check (status in ('DELIVERED', 'QUEUED')),
    created_at  timestamptz not null,
    read_at     timestamptz
);
create index outbox_in_app_idx on notifications.outbox (recipient, created_at desc) where channel = 'IN_APP';

create table notifications.sessions (
    session_id   uuid primary key,
    scheduled_at timestamptz not null
);

insert into notifications.sessions (session_id, scheduled_at)
select id, scheduled_at from booking.sessions;
