-- The session remembers which payment attempt its payment fields describe, so outcomes of
-- an attempt that is no longer current (or that never got a CheckoutRequestID) are matched
-- by the attempt, not by Daraja's id.
alter table booking.sessions add column payment_attempt_id uuid;
