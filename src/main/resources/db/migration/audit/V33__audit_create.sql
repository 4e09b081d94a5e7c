-- The audit trail: who did what to which payment, and which admin looked at payment data.
-- Entries are written with the change (unsequenced, so writers never wait on each other);
-- one sequencer then gives each its place in a hash chain (seq, hash). The database refuses
-- to change or delete an entry, and a checkpoint (an HMAC of a position in the chain, with a
-- key that is not in the database) is written every minute, so that an entry changed,
-- removed, reordered or inserted, or a tail cut or rewritten, is detected by verification.
create table audit.entries (
    id          bigserial primary key,
    seq         bigint unique,
    at          timestamptz not null,
    actor_id    uuid,
    actor_role  text        not null check (actor_role in ('CLIENT', 'PSYCHOLOGIST', 'ADMIN', 'MPESA', 'SYSTEM')),
    actor_name  text,
    action      text        not null,
    subject     text        not null,
    detail      text        not null,
    hash        text,
    check ((seq is null) = (hash is null))
);
create index entries_unsequenced_idx on audit.entries (id) where seq is null;
create index entries_subject_idx on audit.entries (subject, seq);
create index entries_at_idx on audit.entries (at);

create table audit.checkpoints (
    seq   bigint primary key,
    hash  text        not null,
    mac   text        not null,
    at    timestamptz not null
);

-- The last state each payment was seen in, so a status change names where it came from; and
-- each payment event recorded, so a redelivered one is not recorded twice.
create table audit.payment_states (
    payment_id  uuid primary key,
    state       text   not null,
    version     bigint not null
);
create table audit.payment_events (
    payment_id  uuid   not null,
    version     bigint not null,
    primary key (payment_id, version)
);

create function audit.entries_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'audit entries cannot be deleted';
    end if;
    if old.seq is not null or new.seq is null
       or (new.id, new.at, new.actor_id, new.actor_role, new.actor_name, new.action, new.subject, new.detail)
          is distinct from
          (old.id, old.at, old.actor_id, old.actor_role, old.actor_name, old.action, old.subject, old.detail) then
        raise exception 'audit entries cannot be changed';
    end if;
    return new;
end
$$;
create trigger entries_append_only before update or delete on audit.entries
    for each row execute function audit.entries_append_only();

create function audit.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail cannot be changed (%)', tg_op;
end
$$;
create trigger entries_no_truncate before truncate on audit.entries
    for each statement execute function audit.refuse_change();
create trigger checkpoints_append_only before update or delete on audit.checkpoints
    for each row execute function audit.refuse_change();
create trigger checkpoints_no_truncate before truncate on audit.checkpoints
    for each statement execute function audit.refuse_change();
