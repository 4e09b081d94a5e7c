-- Payments' change feed (DECISIONS.md 24). Every stored change of an attempt writes its event
-- here, in the change's own transaction; the modules whose tables only mirror payments
-- (finance's transactions, insights' history, reconciliation's ledger) read it in batches
-- instead of each taking a durable publication per event.
--
-- A reader must never pass a row that is still being written: positions come from a
-- sequence at insert time, so a transaction may commit a lower position after a higher one
-- was read. Each row therefore keeps the id of the transaction that wrote it, and readers take
-- only rows of transactions older than every transaction still running (the snapshot's
-- xmin), in (tx, position) order: nothing can ever appear behind a reader's place.
create table payments.feed (
    position    bigint generated always as identity primary key,
    tx          xid8        not null default pg_current_xact_id(),
    event_type  text        not null,
    payload     text        not null,
    recorded_at timestamptz not null default clock_timestamp()
);

create index feed_by_transaction_idx on payments.feed (tx, position);

-- Where each reader stands: the last row it applied, moved in the transaction that applied
-- the batch, so a batch is applied and passed together or not at all.
create table payments.feed_readers (
    name     text primary key check (name ~ '^[a-z][a-z0-9-]{0,39}$'),
    tx       xid8        not null default '0',
    position bigint      not null default 0,
    read_at  timestamptz
);
