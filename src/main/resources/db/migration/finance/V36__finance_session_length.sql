-- Receipts state the session's length (insurers ask for it). Kept from the booking event
-- that carries it; filled for sessions booked before.
alter table finance.sessions add column duration_minutes integer;
update finance.sessions f set duration_minutes = s.duration_minutes from booking.sessions s where s.id = f.session_id;
