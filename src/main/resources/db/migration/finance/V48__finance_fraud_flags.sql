-- Payments insights flagged for fraud signals, with their reasons (stable words, comma
-- separated), kept from insights' PaymentFlagged events: the desk shows them on the row
-- and the transaction. A later event for the same payment carries every reason so far.
create table finance.flags (
    payment_id uuid primary key,
    score      integer     not null,
    reasons    text        not null,
    flagged_at timestamptz not null
);
