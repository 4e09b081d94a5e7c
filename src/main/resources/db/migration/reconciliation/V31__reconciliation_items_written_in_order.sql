-- A run writes up to a million items at once. Items are read by run (and by id) only, so the
-- indexes by payment and by session cost every run a million random index insertions and
-- serve no query; and item ids are now written in order (see Comparison), so the primary key
-- grows at its end instead of everywhere.
drop index reconciliation.items_payment_idx;
drop index reconciliation.items_session_idx;
