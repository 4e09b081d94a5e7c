-- Password resets by email: only the SHA-256 of each token is kept, each is single-use
-- and expires; a new reset or a changed password ends the ones before.
create table identity.password_resets (
    token_sha256 text        primary key,
    user_id      uuid        not null references identity.users (id),
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    used_at      timestamptz
);
create index password_resets_user_idx on identity.password_resets (user_id) where used_at is null;
