-- Reconciliation: what Malipo says (payments as their events told it), what M-Pesa says (its
-- records from statements, Pull Transactions and Transaction Status), and the runs that compare
-- them, each with one item per payment or record and the rule that decided it.

-- Each item keeps the rule that decided it and both sides' records, so it can always say why;
-- a run over a day ties out when its items' M-Pesa amounts add up to M-Pesa's paid-in total.

-- Our side, kept by reconciliation's listener on payment events (a row changes only for a
-- higher version, so a late or repeated event leaves it right).
create table reconciliation.payments (
    payment_id  uuid primary key,
    session_id  uuid        not null,
    client_id   uuid        not null,
    amount      bigint      not null check (amount > 0),
    phone       text        not null,
    reference   text        not null,
    receipt     text,
    state       text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    paid_at     timestamptz,
    version     bigint      not null
);
create index payments_created_idx on reconciliation.payments (created_at);
create index payments_receipt_idx on reconciliation.payments (receipt) where receipt is not null;
create index payments_reference_idx on reconciliation.payments (reference);
create index payments_session_idx on reconciliation.payments (session_id);

insert into reconciliation.payments (payment_id, session_id, client_id, amount, phone, reference, receipt, state,
                                     created_at, updated_at, paid_at, version)
select id, session_id, client_id, amount, phone, reference, receipt, state, created_at, updated_at,
       case when state = 'PAID' then updated_at end, version
  from payments.attempts;

-- Uploaded org-portal statements: the file's digest and what it added.
create table reconciliation.statements (
    id           uuid primary key,
    file_name    text        not null check (length(file_name) between 1 and 200),
    sha256       text        not null,
    lines        integer     not null,
    added        integer     not null,
    period_from  timestamptz not null,
    period_to    timestamptz not null check (period_to >= period_from),
    uploaded_by  uuid,
    uploaded_at  timestamptz not null
);

-- M-Pesa's records. A row is known by its content's fingerprint and its occurrence (the n-th
-- identical row of a source), so importing the same or an overlapping statement adds nothing
-- while two identical rows that M-Pesa really listed both stay.
create table reconciliation.records (
    id            uuid primary key,
    source        text        not null check (source in ('STATEMENT', 'PULL', 'TRANSACTION_STATUS')),
    fingerprint   text        not null,
    occurrence    integer     not null check (occurrence >= 1),
    receipt       text        not null,
    completed_at  timestamptz not null,
    status        text        not null,
    paid_in       bigint,
    withdrawn     bigint,
    phone         text,
    account       text,
    details       text,
    statement_id  uuid references reconciliation.statements (id),
    line          integer,
    seen_at       timestamptz not null,
    unique (source, fingerprint, occurrence)
);
create index records_receipt_idx on reconciliation.records (receipt);
create index records_completed_idx on reconciliation.records (completed_at);

-- What each source covers: a statement its period, a Pull reading its window. A payment is
-- only called unpaid where M-Pesa's records cover its whole life, and an hour of a run's range
-- that nothing covers makes the run INCOMPLETE rather than "nothing found".
create table reconciliation.coverage (
    source        text        not null,
    covered_from  timestamptz not null,
    covered_to    timestamptz not null check (covered_to > covered_from),
    primary key (source, covered_from, covered_to)
);
create index coverage_to_idx on reconciliation.coverage (covered_to);

create table reconciliation.runs (
    id               uuid primary key,
    range_from       date        not null,
    range_to         date        not null check (range_to >= range_from),
    started_by       text        not null,
    started_at       timestamptz not null,
    finished_at      timestamptz,
    scope_session    uuid,
    status           text        not null check (status in ('RUNNING', 'COMPLETE', 'INCOMPLETE', 'FAILED')),
    matched          integer     not null default 0,
    unmatched        integer     not null default 0,
    discrepancy      integer     not null default 0,
    pending          integer     not null default 0,
    paid_in_total    bigint      not null default 0,
    items_paid_in    bigint      not null default 0,
    amount_matched   bigint      not null default 0,
    uncovered_hours  integer     not null default 0,
    note             text
);
create index runs_range_idx on reconciliation.runs (range_from, range_to, started_at desc);

-- The daily close: each day reconciled once by the schedule, at 23:00 East Africa Time, and
-- any day missed while no node ran caught up later.
create table reconciliation.closes (
    day        date        primary key,
    run_id     uuid        not null references reconciliation.runs (id),
    closed_at  timestamptz not null
);

create table reconciliation.items (
    id              uuid primary key,
    run_id          uuid        not null references reconciliation.runs (id) on delete cascade,
    status          text        not null check (status in ('MATCHED', 'UNMATCHED', 'DISCREPANCY', 'PENDING_VERIFICATION')),
    problem         text check (problem in ('AMOUNT_MISMATCH', 'STATUS_MISMATCH', 'DUPLICATE_RECEIPT',
                                            'MONEY_WITHOUT_PAYMENT', 'PAYMENT_WITHOUT_MONEY', 'MISSING_RECEIPT',
                                            'PHONE_MISMATCH')),
    rule            text        not null,
    payment_id      uuid,
    session_id      uuid,
    our_amount      bigint,
    our_phone       text,
    our_state       text,
    our_receipt     text,
    our_at          timestamptz,
    record_receipt  text,
    record_amount   bigint,
    record_phone    text,
    record_account  text,
    record_at       timestamptz,
    record_sources  text,
    record_total    bigint,
    candidates      text,
    in_range        boolean     not null,
    resolution      text,
    resolution_note text,
    resolved_at     timestamptz,
    resolved_by     text
);
create index items_run_idx on reconciliation.items (run_id, status);
create index items_payment_idx on reconciliation.items (payment_id);
create index items_session_idx on reconciliation.items (session_id);
