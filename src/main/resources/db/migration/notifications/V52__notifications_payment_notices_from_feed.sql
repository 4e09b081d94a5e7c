-- Notifications used to hear payments' confirmations and failures through the event
-- publication registry; it now follows payments' change feed (DECISIONS.md 26). Its place
-- starts at the last row no running transaction can precede: every event before it was
-- told through the registry already, and reading thirty days of the feed again would
-- write notices anew for people whose data was erased since. Events whose publication is
-- still open are added to the feed again, after that place, and their publications go
-- (the other readers skip an event they have seen: they go by version). Statements safe
-- to run again: a place is kept, and no open publication is left to add.
insert into payments.feed_readers (name, tx, position)
select 'notifications', tx, position
  from payments.feed
 where tx < pg_snapshot_xmin(pg_current_snapshot())
 order by tx desc, position desc
 limit 1
    on conflict (name) do nothing;

insert into payments.feed (event_type, payload)
select event_type, serialized_event
  from events.event_publication
 where completion_date is null
   and listener_id like 'ke.malipo.notifications.internal.NoticePlanner.on(ke.malipo.payments.%'
 order by publication_date;

delete from events.event_publication
 where completion_date is null
   and listener_id like 'ke.malipo.notifications.internal.NoticePlanner.on(ke.malipo.payments.%';
