-- Therapy sessions as they were before Malipo took payments: requested, approved or
-- declined, cancelled, completed. Payment fields arrive in V4.
create table booking.sessions (
    id               uuid primary key,
    client_id        uuid        not null,
    psychologist_id  uuid        not null,
    scheduled_at     timestamptz not null,
    duration_minutes integer     not null check (duration_minutes between 15 and 240),
    notes            text check (length(notes) <= 1000),
    amount           bigint      not null check (amount between 1 and 250000),
    status           text        not null check (status in ('PENDING', 'APPROVED', 'DECLINED', 'CANCELLED', 'COMPLETED')),
    decline_reason   text,
    cancel_reason    text,
    cancelled_by     uuid,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          integer     not null default 0
);

create index sessions_client_idx on booking.sessions (client_id, scheduled_at);
create index sessions_psychologist_idx on booking.sessions (psychologist_id, scheduled_at);
