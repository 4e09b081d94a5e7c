-- Finance, insights, reconciliation and audit used to hear payment events through the event
-- publication registry. Publications to them still open when this version starts
-- would never be completed (their listeners are gone), so their events move to the feed,
-- once each (one event was published to several listeners), oldest first, and the
-- publications go. Statements safe to run again: an event already in the feed is not added twice.
insert into payments.feed (event_type, payload)
select event_type, serialized_event
  from (select event_type, serialized_event, min(publication_date) as published
          from events.event_publication
         where completion_date is null
           and event_type like 'ke.malipo.payments.PaymentEvent$%'
           and (listener_id like 'ke.malipo.finance.%' or listener_id like 'ke.malipo.insights.%'
                or listener_id like 'ke.malipo.reconciliation.%' or listener_id like 'ke.malipo.audit.%')
         group by event_type, serialized_event) open
 where not exists (select 1 from payments.feed f where f.payload = open.serialized_event)
 order by published;

delete from events.event_publication
 where completion_date is null
   and event_type like 'ke.malipo.payments.PaymentEvent$%'
   and (listener_id like 'ke.malipo.finance.%' or listener_id like 'ke.malipo.insights.%'
        or listener_id like 'ke.malipo.reconciliation.%' or listener_id like 'ke.malipo.audit.%');
