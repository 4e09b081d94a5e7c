-- Operations watch the oldest payment whose outcome is still open (an alert past an hour);
-- a partial index keeps that question cheap however many settled payments there are.
create index attempts_unresolved_idx on payments.attempts (created_at)
    where state in ('INITIATED', 'AWAITING_CUSTOMER', 'UNKNOWN', 'NEEDS_REVIEW');
