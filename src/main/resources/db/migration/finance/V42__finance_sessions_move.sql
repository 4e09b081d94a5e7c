-- A session's time may move (rescheduling). The latest move wins, whatever order the
-- events arrive in: moved_at is the move's own time.
alter table finance.sessions add column moved_at timestamptz;
