-- Webhooks: URLs an admin registered to hear of finished runs. Each delivery is a signed POST
-- (HMAC-SHA256 over timestamp and body, with the endpoint's secret), retried with backoff
-- until the endpoint answers 2xx or the attempts run out; every attempt is kept.
create table reconciliation.webhook_endpoints (
    id          uuid primary key,
    url         text        not null check (length(url) between 8 and 500),
    secret      text        not null,
    created_by  uuid        not null,
    created_at  timestamptz not null,
    disabled_at timestamptz
);

create table reconciliation.webhook_deliveries (
    id               uuid primary key,
    endpoint_id      uuid        not null references reconciliation.webhook_endpoints (id),
    event_id         uuid        not null,
    event_type       text        not null,
    body             text        not null,
    status           text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    created_at       timestamptz not null,
    delivered_at     timestamptz,
    unique (endpoint_id, event_id)
);
create index webhook_deliveries_due_idx on reconciliation.webhook_deliveries (next_attempt_at) where status = 'PENDING';

create table reconciliation.webhook_attempts (
    delivery_id   uuid        not null references reconciliation.webhook_deliveries (id),
    attempt       integer     not null,
    attempted_at  timestamptz not null,
    status_code   integer,
    error         text,
    millis        bigint      not null,
    primary key (delivery_id, attempt)
);
