-- Live Daraja's STK query proves a payment without its receipt: an attempt may be PAID on
-- that word, receipt to follow (found later in M-Pesa's records). Its session is then
-- CONFIRMED with the receipt missing until it is found (V12); both still agree on it.
alter table payments.attempts
    drop constraint attempts_paid_has_receipt,
    add constraint attempts_paid_has_receipt_or_query_proof
        check (state <> 'PAID' or receipt is not null or result_code = '0');

create or replace function payments.check_session_has_paid_attempt() returns trigger
    language plpgsql as
$$
begin
    if new.status in ('CONFIRMED', 'COMPLETED') and new.payment_method = 'MPESA' then
        if (select count(*)
              from payments.attempts a
             where a.session_id = new.id
               and a.state = 'PAID'
               and a.receipt is not distinct from new.mpesa_receipt_number) <> 1 then
            raise exception 'session % is % without exactly one paid M-Pesa attempt', new.id, new.status
                using errcode = '23514', constraint = 'sessions_confirmed_have_paid_attempt';
        end if;
    end if;
    return null;
end
$$;

-- Late money: an attempt that failed (or was settled as failed) can still be proven paid,
-- and goes to review with its receipt when its session cannot take it, perhaps while a
-- newer attempt is live. Money already known (a receipt) is a question for a person, not
-- a prompt in flight, so it does not count as the session's live attempt.
drop index payments.attempts_one_live_per_session;
create unique index attempts_one_live_per_session on payments.attempts (session_id)
    where state in ('INITIATED', 'AWAITING_CUSTOMER', 'UNKNOWN') or (state = 'NEEDS_REVIEW' and receipt is null);

-- The resolver also looks for the receipts of payments proven by a query.
drop index payments.attempts_due_idx;
create index attempts_due_idx on payments.attempts (next_check_at)
    where state in ('AWAITING_CUSTOMER', 'UNKNOWN') or (state = 'PAID' and receipt is null);
