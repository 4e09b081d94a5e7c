-- How each person wants to be told: the language of their messages and whether they get SMS
-- reminders. Receipts are always sent. No row means the defaults (English, reminders on).
create table notifications.preferences (
    user_id        uuid primary key,
    language       text        not null check (language in ('en', 'sw')),
    sms_reminders  boolean     not null,
    updated_at     timestamptz not null
);
