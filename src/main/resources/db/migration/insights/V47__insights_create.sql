-- The insights module's own history of payments (trends, forecasts, fraud signals), kept
-- from payments' events like finance's projection: a row changes only for a higher
-- version. settled_at is when the attempt reached PAID or FAILED (or was left UNKNOWN /
-- in review); still-open attempts have none. demo marks the synthetic history a local run
-- may seed so its charts have weeks to show; real payments never carry it.
create table insights.payments (
    payment_id      uuid primary key,
    session_id      uuid        not null,
    client_id       uuid        not null,
    psychologist_id uuid        not null,
    amount          bigint      not null check (amount > 0),
    phone           text        not null,
    state           text        not null
        check (state in ('INITIATED', 'AWAITING_CUSTOMER', 'PAID', 'FAILED', 'UNKNOWN', 'NEEDS_REVIEW')),
    result_code     text,
    outcome         text,
    created_at      timestamptz not null,
    settled_at      timestamptz,
    version         bigint      not null,
    demo            boolean     not null default false
);
create index payments_created_idx on insights.payments (created_at);
create index payments_psychologist_idx on insights.payments (psychologist_id, created_at);
create index payments_phone_idx on insights.payments (phone, created_at);
create index payments_client_idx on insights.payments (client_id, created_at);
create index payments_session_idx on insights.payments (session_id);

-- Feedback: a client rates how paying went for one paid payment (once; a second rating
-- replaces the first); a psychologist rates how clearly they see their payments, once a
-- week (the week's Monday, East Africa Time, keys it; a second rating that week replaces it).
create table insights.ratings (
    id         uuid primary key,
    rater_id   uuid        not null,
    role       text        not null check (role in ('CLIENT', 'PSYCHOLOGIST')),
    payment_id uuid,
    week       date,
    score      smallint    not null check (score between 1 and 5),
    comment    text check (length(comment) <= 1000),
    rated_at   timestamptz not null,
    constraint ratings_what_is_rated check ((role = 'CLIENT' and payment_id is not null and week is null)
        or (role = 'PSYCHOLOGIST' and payment_id is null and week is not null))
);
create unique index ratings_one_per_payment on insights.ratings (payment_id) where payment_id is not null;
create unique index ratings_one_per_week on insights.ratings (rater_id, week) where week is not null;
create index ratings_rated_idx on insights.ratings (rated_at);

-- Fraud signals: each payment's score and reasons (rules and the anomaly model), kept
-- when a payment is started or goes to review; flagged_at is when it first crossed the line.
create table insights.signals (
    payment_id uuid primary key,
    score      integer     not null,
    reasons    text        not null,
    model      double precision,
    flagged_at timestamptz,
    scored_at  timestamptz not null
);
create index signals_flagged_idx on insights.signals (flagged_at) where flagged_at is not null;

-- One-off backfill of what existed before this module did; after it, only events write.
insert into insights.payments (payment_id, session_id, client_id, psychologist_id, amount, phone, state,
                               result_code, outcome, created_at, settled_at, version)
select id, session_id, client_id, psychologist_id, amount, phone, state, result_code, coalesce(reason, result_desc),
       created_at,
       case when state in ('PAID', 'FAILED', 'UNKNOWN', 'NEEDS_REVIEW') then updated_at end, version
  from payments.attempts;
