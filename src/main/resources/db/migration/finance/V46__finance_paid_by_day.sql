-- The accounting export and payout statements read a period's paid sessions by the moment
-- their money arrived.
create index transactions_paid_idx on finance.transactions (paid_at) where state = 'PAID';
