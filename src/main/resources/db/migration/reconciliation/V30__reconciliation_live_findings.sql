-- Checks made as payments settle and as M-Pesa's records arrive, between runs: a settled
-- payment whose receipt M-Pesa's records show with another amount, another phone, or another
-- payment's reference. Each is found once per payment and kind, and stays until a person
-- closes it with a note.
create table reconciliation.live_findings (
    id           uuid primary key,
    payment_id   uuid        not null,
    session_id   uuid        not null,
    problem      text        not null check (problem in ('AMOUNT_MISMATCH', 'PHONE_MISMATCH',
                                                         'RECEIPT_OF_ANOTHER_PAYMENT')),
    receipt      text        not null,
    detail       text        not null,
    found_at     timestamptz not null,
    closed_at    timestamptz,
    closed_by    uuid,
    close_note   text,
    unique (payment_id, problem)
);
create index live_findings_open_idx on reconciliation.live_findings (found_at desc) where closed_at is null;
