-- How often a session has moved to another time: each move's calendar invite carries a
-- higher SEQUENCE (RFC 5545), so calendars replace the event rather than keep both.
alter table notifications.sessions add column moves integer not null default 0;
