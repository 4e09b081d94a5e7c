-- The reference at the end of the AccountReference is how a payment is recognised in
-- M-Pesa's own records when its callback is lost: it must name one attempt only.
create unique index attempts_reference_key on payments.attempts (reference);
