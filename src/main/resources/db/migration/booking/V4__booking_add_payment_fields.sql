-- Sessions learn to be paid with M-Pesa. Each session carries the facts of its current
-- payment (the full history of attempts lives with the payments module), a pay-by deadline
-- once approved, and two new statuses: CONFIRMED (paid) and EXPIRED (unpaid past pay-by).

alter table booking.sessions
    add column payment_method            text not null default 'MPESA',
    add column payment_status            text not null default 'UNPAID',
    add column mpesa_checkout_request_id text,
    add column mpesa_merchant_request_id text,
    add column mpesa_receipt_number      text,
    add column payment_amount            bigint,
    add column payment_phone             text,
    add column payment_result_code       text,
    add column payment_result_desc       text,
    add column payment_initiated_at      timestamptz,
    add column payment_verified_at       timestamptz,
    add column approved_at               timestamptz,
    add column pay_by                    timestamptz;

-- Rows written before this version. Completed sessions were settled outside Malipo, the
-- only way there was: they are recorded as paid OFFLINE, never as M-Pesa payments (no
-- receipt is invented). Approved sessions get the deadline they would have had: 24 hours
-- from now, but no later than 2 hours before they start; those already too late are then
-- expired by the normal job, releasing the slot.
update booking.sessions
   set payment_method = 'OFFLINE',
       payment_status = 'PAID'
 where status = 'COMPLETED';

update booking.sessions
   set approved_at = updated_at,
       pay_by      = least(now() + interval '24 hours', scheduled_at - interval '2 hours')
 where status = 'APPROVED';

alter table booking.sessions
    drop constraint sessions_status_check,
    add constraint sessions_status_check
        check (status in ('PENDING', 'APPROVED', 'CONFIRMED', 'COMPLETED', 'DECLINED', 'CANCELLED', 'EXPIRED')),
    add constraint sessions_payment_method_check check (payment_method in ('MPESA', 'OFFLINE')),
    add constraint sessions_payment_status_check
        check (payment_status in ('UNPAID', 'PROCESSING', 'PAID', 'FAILED', 'REFUNDED')),
    add constraint sessions_approved_has_pay_by check (status <> 'APPROVED' or pay_by is not null),
    add constraint sessions_confirmed_is_paid check (status <> 'CONFIRMED' or payment_status = 'PAID'),
    add constraint sessions_pending_is_unpaid check (status <> 'PENDING' or payment_status = 'UNPAID'),
    add constraint sessions_mpesa_paid_has_receipt
        check (payment_status <> 'PAID' or payment_method <> 'MPESA' or mpesa_receipt_number is not null);

create index sessions_checkout_request_idx on booking.sessions (mpesa_checkout_request_id, payment_status);
create index sessions_client_payment_idx on booking.sessions (client_id, payment_status, scheduled_at);
create index sessions_psychologist_payment_idx on booking.sessions (psychologist_id, payment_status, scheduled_at);
create unique index sessions_receipt_key on booking.sessions (mpesa_receipt_number)
    where mpesa_receipt_number is not null;
create index sessions_awaiting_payment_idx on booking.sessions (pay_by) where status = 'APPROVED';
