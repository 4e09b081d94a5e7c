-- A session paid on M-Pesa's query (which carries no receipt) is PAID with its receipt to
-- follow; the payment attempt it names vouches for it until the receipt is attached.
alter table booking.sessions
    drop constraint sessions_mpesa_paid_has_receipt,
    add constraint sessions_mpesa_paid_has_receipt_or_attempt
        check (payment_status <> 'PAID' or payment_method <> 'MPESA' or mpesa_receipt_number is not null
               or payment_attempt_id is not null);
