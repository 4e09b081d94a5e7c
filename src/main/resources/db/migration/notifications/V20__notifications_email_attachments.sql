-- Emails name their session too, so the calendar invite and the receipt can be attached when
-- they are sent; the session's length comes with its request.
alter table notifications.sessions add column duration_minutes integer;
update notifications.sessions n set duration_minutes = s.duration_minutes from booking.sessions s where s.id = n.session_id;
