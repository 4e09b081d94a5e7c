-- Data subjects' erasure (Data Protection Act 2019, s. 40): an erased account keeps its
-- id (money records refer to it for the five years tax law requires) but nothing that
-- names the person; it can no longer sign in, and tokens issued before are refused.
alter table identity.users add column erased_at timestamptz;
