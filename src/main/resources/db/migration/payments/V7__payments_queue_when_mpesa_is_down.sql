-- Initiations that could not reach M-Pesa wait here (Property 71), never longer than
-- queued_until; nothing was sent for them, so sending them later cannot charge twice.
alter table payments.attempts
    add column queued       boolean not null default false,
    add column queued_until timestamptz,
    add constraint attempts_queued_only_initiated check (not queued or (state = 'INITIATED' and queued_until is not null));

create index attempts_queued_idx on payments.attempts (queued_until) where queued;
