-- A callback that overtook Daraja's answer to the push waits in the inbox; once the answer is
-- stored, the attempt's waiting callbacks are looked up by attempt, on every initiation.
create index callback_inbox_waiting_idx on payments.callback_inbox (attempt_id) where status = 'RECEIVED';
