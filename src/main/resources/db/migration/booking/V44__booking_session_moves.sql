-- How often a session has moved to another time: its calendar event's SEQUENCE (RFC 5545)
-- grows with each move, so a calendar replaces the event rather than keep both.
alter table booking.sessions add column moves integer not null default 0 check (moves >= 0);
