-- Payment attempts, their timeline, the callback inbox and idempotency keys. The database
-- enforces what must never happen to money: two live attempts for one session, two paid
-- attempts for one session, a CheckoutRequestID or receipt used twice, a paid attempt
-- without its receipt.
create table payments.attempts (
    id                  uuid primary key,
    session_id          uuid        not null,
    client_id           uuid        not null,
    amount              bigint      not null check (amount between 1 and 250000),
    phone               text        not null check (phone ~ '^254[17][0-9]{8}$'),
    reference           text        not null check (reference ~ '^[A-Z0-9]{6}$'),
    state               text        not null
        check (state in ('INITIATED', 'AWAITING_CUSTOMER', 'PAID', 'FAILED', 'UNKNOWN', 'NEEDS_REVIEW')),
    callback_token_hash text        not null unique,
    checkout_request_id text unique,
    merchant_request_id text,
    receipt             text unique,
    result_code         text,
    result_desc         text,
    reason              text,
    next_check_at       timestamptz,
    checks_done         integer     not null default 0,
    last_queried_at     timestamptz,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    version             integer     not null default 0,
    constraint attempts_paid_has_receipt check (state <> 'PAID' or receipt is not null),
    constraint attempts_awaiting_has_checkout check (state <> 'AWAITING_CUSTOMER' or checkout_request_id is not null)
);

create unique index attempts_one_live_per_session on payments.attempts (session_id)
    where state in ('INITIATED', 'AWAITING_CUSTOMER', 'UNKNOWN', 'NEEDS_REVIEW');
create unique index attempts_one_paid_per_session on payments.attempts (session_id) where state = 'PAID';
create index attempts_session_idx on payments.attempts (session_id, created_at);
create index attempts_due_idx on payments.attempts (next_check_at)
    where state in ('AWAITING_CUSTOMER', 'UNKNOWN');

create table payments.attempt_history (
    id         bigserial primary key,
    attempt_id uuid        not null references payments.attempts (id),
    at         timestamptz not null,
    kind       text        not null,
    detail     text        not null
);
create index attempt_history_attempt_idx on payments.attempt_history (attempt_id, id);

-- Every callback as it arrived, before anything is parsed or applied.
create table payments.callback_inbox (
    id            uuid primary key,
    attempt_id    uuid references payments.attempts (id),
    received_at   timestamptz not null,
    source        text,
    body          text        not null,
    status        text        not null check (status in ('RECEIVED', 'APPLIED', 'DUPLICATE', 'REJECTED')),
    tries         integer     not null default 0,
    next_try_at   timestamptz,
    processed_at  timestamptz,
    error         text
);
create index callback_inbox_pending_idx on payments.callback_inbox (next_try_at) where status = 'RECEIVED';

create table payments.idempotency_keys (
    client_id     uuid        not null,
    key           text        not null check (length(key) between 1 and 255),
    request_hash  text        not null,
    status_code   integer,
    response_body text,
    created_at    timestamptz not null,
    primary key (client_id, key)
);
create index idempotency_keys_created_idx on payments.idempotency_keys (created_at);
