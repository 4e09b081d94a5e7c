-- The finance module's projection of payments: one row per payment attempt as its latest
-- event told it, every timeline step the events carried, and the time of each session.
-- Written only by finance's event listeners, which are idempotent: a row changes only for
-- a higher version, a step is keyed by the version and place that brought it.
create table finance.transactions (
    payment_id          uuid primary key,
    session_id          uuid        not null,
    client_id           uuid        not null,
    psychologist_id     uuid        not null,
    amount              bigint      not null check (amount > 0),
    phone               text        not null,
    reference           text        not null,
    checkout_request_id text,
    receipt             text,
    state               text        not null
        check (state in ('INITIATED', 'AWAITING_CUSTOMER', 'PAID', 'FAILED', 'UNKNOWN', 'NEEDS_REVIEW')),
    result_code         text,
    outcome             text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    paid_at             timestamptz,
    version             bigint      not null
);
create index transactions_newest_idx on finance.transactions (created_at desc, payment_id desc);
create index transactions_client_idx on finance.transactions (client_id, created_at desc);
create index transactions_psychologist_idx on finance.transactions (psychologist_id, created_at desc);
create index transactions_session_idx on finance.transactions (session_id);
create index transactions_receipt_idx on finance.transactions (receipt);
create index transactions_reference_idx on finance.transactions (reference);
create index transactions_checkout_idx on finance.transactions (checkout_request_id);

create table finance.timeline (
    payment_id uuid        not null,
    version    bigint      not null,
    seq        integer     not null,
    at         timestamptz not null,
    kind       text        not null,
    detail     text        not null,
    primary key (payment_id, version, seq)
);

create table finance.sessions (
    session_id   uuid primary key,
    scheduled_at timestamptz not null
);

-- One-off backfill of what existed before the projection did (version -1 for old steps,
-- so every event after this migration comes later). After this, only events write here.
insert into finance.transactions (payment_id, session_id, client_id, psychologist_id, amount, phone, reference,
                                  checkout_request_id, receipt, state, result_code, outcome, created_at, updated_at,
                                  paid_at, version)
select id, session_id, client_id, psychologist_id, amount, phone, reference, checkout_request_id, receipt, state,
       result_code, coalesce(reason, result_desc), created_at, updated_at,
       case when state = 'PAID' then updated_at end, version
  from payments.attempts;

insert into finance.timeline (payment_id, version, seq, at, kind, detail)
select attempt_id, -1, row_number() over (partition by attempt_id order by id), at, kind, detail
  from payments.attempt_history;

insert into finance.sessions (session_id, scheduled_at)
select id, scheduled_at from booking.sessions;
