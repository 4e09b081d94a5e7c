-- What a psychologist tells clients about their practice, for the directory and their
-- profile page. Name and rate stay with the account (identity); this is the rest. The
-- photo is stored as re-encoded by Malipo (never the uploaded bytes: no metadata, such as
-- where it was taken, survives).
create table profiles.profiles (
    psychologist_id uuid primary key,
    bio             text        not null default '' check (length(bio) <= 2000),
    specialties     text[]      not null default '{}' check (cardinality(specialties) <= 12),
    languages       text[]      not null default '{}' check (cardinality(languages) <= 8),
    mode            text        not null default 'BOTH' check (mode in ('ONLINE', 'IN_PERSON', 'BOTH')),
    location        text        not null default '' check (length(location) <= 120),
    licence_number  text        not null default '' check (length(licence_number) <= 40),
    photo           bytea check (octet_length(photo) <= 2097152),
    photo_type      text check (photo_type in ('image/jpeg', 'image/png')),
    updated_at      timestamptz not null,
    constraint profiles_photo_has_type check ((photo is null) = (photo_type is null))
);
