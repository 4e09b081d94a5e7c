-- A session is CONFIRMED (or COMPLETED) by M-Pesa only with exactly one PAID attempt that
-- carries the session's receipt. Checked when the transaction commits, so the attempt and
-- the session may change in either order inside it.
create function payments.check_session_has_paid_attempt() returns trigger
    language plpgsql as
$$
begin
    if new.status in ('CONFIRMED', 'COMPLETED') and new.payment_method = 'MPESA' then
        if (select count(*)
              from payments.attempts a
             where a.session_id = new.id
               and a.state = 'PAID'
               and a.receipt = new.mpesa_receipt_number) <> 1 then
            raise exception 'session % is % without exactly one paid M-Pesa attempt', new.id, new.status
                using errcode = '23514', constraint = 'sessions_confirmed_have_paid_attempt';
        end if;
    end if;
    return null;
end
$$;

create constraint trigger sessions_confirmed_have_paid_attempt
    after insert or update of status, payment_status, mpesa_receipt_number on booking.sessions
    deferrable initially deferred
    for each row execute function payments.check_session_has_paid_attempt();
