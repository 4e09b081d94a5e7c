-- Sliding-window rate limits shared by every node: one row per counted event (a failed
-- sign-in, an STK push, a refused callback), so two nodes never double a limit. Rows older
-- than a day are purged; no limit looks further back.
create table limits.events (
    id     bigserial primary key,
    bucket text        not null check (length(bucket) between 1 and 300),
    at     timestamptz not null
);
create index events_bucket_at_idx on limits.events (bucket, at);
create index events_at_idx on limits.events (at);
