-- Accounts. Emails are unique regardless of case; psychologists, and only they, have a
-- session rate in whole Kenya shillings within M-Pesa's single-payment limit.
create table identity.users (
    id            uuid primary key,
    name          text        not null check (length(name) between 1 and 100),
    email         text        not null check (length(email) between 3 and 254),
    password_hash text        not null,
    phone_number  text check (phone_number ~ '^254[17][0-9]{8}$'),
    role          text        not null check (role in ('CLIENT', 'PSYCHOLOGIST', 'ADMIN')),
    session_rate  bigint check (session_rate between 1 and 250000),
    created_at    timestamptz not null,
    constraint users_rate_only_for_psychologists check ((role = 'PSYCHOLOGIST') = (session_rate is not null))
);

create unique index users_email_key on identity.users (lower(email));
create index users_role_idx on identity.users (role, name);
