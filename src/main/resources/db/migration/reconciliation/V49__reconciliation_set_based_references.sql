-- A statement's million rows and a run's million items were each checked, one row at a time,
-- against their statement or run by the foreign keys' row triggers: some 3 s of a
-- 1,000,000-row import and as much again of its run (quality.md F4). The same rules are now
-- checked once per SQL statement over every row it wrote (transition tables), and the parent
-- side keeps the foreign keys' promises: a statement that records still refer to cannot be
-- deleted, deleting a run deletes its items (as "on delete cascade" did), and neither's id
-- can change.
alter table reconciliation.records drop constraint records_statement_id_fkey;
alter table reconciliation.items drop constraint items_run_id_fkey;

create function reconciliation.records_have_their_statements() returns trigger
language plpgsql as $$
begin
    -- Hold the statements as a foreign key would: nobody deletes them before this commits.
    perform 1 from reconciliation.statements s
     where s.id in (select distinct w.statement_id from written w) for key share;
    if exists (select 1 from (select distinct w.statement_id from written w where w.statement_id is not null) w
                where not exists (select 1 from reconciliation.statements s where s.id = w.statement_id)) then
        raise foreign_key_violation using message = 'a record refers to a statement that does not exist';
    end if;
    return null;
end $$;

create trigger records_have_their_statements_on_insert after insert on reconciliation.records
    referencing new table as written for each statement
    execute function reconciliation.records_have_their_statements();
create trigger records_have_their_statements_on_update after update on reconciliation.records
    referencing new table as written for each statement
    execute function reconciliation.records_have_their_statements();

create function reconciliation.items_have_their_runs() returns trigger
language plpgsql as $$
begin
    perform 1 from reconciliation.runs r where r.id in (select distinct w.run_id from written w) for key share;
    if exists (select 1 from (select distinct w.run_id from written w) w
                where not exists (select 1 from reconciliation.runs r where r.id = w.run_id)) then
        raise foreign_key_violation using message = 'an item refers to a run that does not exist';
    end if;
    return null;
end $$;

create trigger items_have_their_runs_on_insert after insert on reconciliation.items
    referencing new table as written for each statement
    execute function reconciliation.items_have_their_runs();
create trigger items_have_their_runs_on_update after update on reconciliation.items
    referencing new table as written for each statement
    execute function reconciliation.items_have_their_runs();

create function reconciliation.statements_keep_their_records() returns trigger
language plpgsql as $$
begin
    if exists (select 1 from reconciliation.records r join removed s on s.id = r.statement_id) then
        raise foreign_key_violation using message = 'records still refer to the statement';
    end if;
    return null;
end $$;

create trigger statements_keep_their_records after delete on reconciliation.statements
    referencing old table as removed for each statement
    execute function reconciliation.statements_keep_their_records();

create function reconciliation.runs_take_their_items() returns trigger
language plpgsql as $$
begin
    delete from reconciliation.items i using removed r where i.run_id = r.id;
    return null;
end $$;

create trigger runs_take_their_items after delete on reconciliation.runs
    referencing old table as removed for each statement
    execute function reconciliation.runs_take_their_items();

create function reconciliation.ids_stay() returns trigger
language plpgsql as $$
begin
    raise foreign_key_violation using message = tg_table_name || ': an id others refer to cannot change';
end $$;

create trigger statements_ids_stay before update of id on reconciliation.statements
    for each row when (old.id is distinct from new.id) execute function reconciliation.ids_stay();
create trigger runs_ids_stay before update of id on reconciliation.runs
    for each row when (old.id is distinct from new.id) execute function reconciliation.ids_stay();
