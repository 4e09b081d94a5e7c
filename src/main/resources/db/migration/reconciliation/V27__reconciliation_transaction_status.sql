-- Transaction Status questions and M-Pesa's answers. Each question has its own secret in
-- the ResultURL (only its digest is kept), so an answer is accepted only from whoever holds
-- the URL, and only once: the first answer is stored raw with what it said.
create table reconciliation.status_requests (
    id               uuid primary key,
    secret_sha256    text        not null,
    receipt          text        not null,
    payment_id       uuid,
    session_id       uuid,
    asked_at         timestamptz not null,
    asked_by         text        not null,
    conversation_id  text,
    outcome          text check (outcome in ('COMPLETED', 'NOT_COMPLETED', 'NOT_FOUND', 'TIMED_OUT', 'REFUSED',
                                             'UNREADABLE')),
    answer           text,
    answered_at      timestamptz
);
create index status_requests_receipt_idx on reconciliation.status_requests (receipt, asked_at desc);
