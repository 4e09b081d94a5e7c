-- When a psychologist takes sessions: weekly hours and breaks (East Africa Time), whole
-- days off, and whether requests inside those hours are approved without asking. One row
-- per psychologist, replaced whole when they save; no row means they have not set hours
-- yet, and requests are taken at any time as before.
create table booking.availability (
    psychologist_id uuid primary key,
    weekly          jsonb       not null,
    auto_approve    boolean     not null default false,
    updated_at      timestamptz not null
);
