-- Checks and counts one event against several limits in one round trip: locks the buckets
-- (in a fixed order, for the rest of the caller's transaction), and if no window is full
-- records the event in every bucket and answers null; otherwise records nothing and
-- answers how long until the fullest window has room.
create function limits.try_acquire(buckets text[], maxes integer[], window_seconds double precision[], at timestamptz)
    returns interval
    language plpgsql as
$$
declare
    i        integer;
    n        integer;
    oldest   timestamptz;
    wait     interval := null;
    windows  interval[];
begin
    windows := array(select make_interval(secs => s) from unnest(window_seconds) with ordinality as w(s, k) order by k);
    perform pg_advisory_xact_lock(hashtextextended(b, 0))
       from (select distinct unnest(buckets) as b order by 1) sorted;
    for i in 1 .. array_length(buckets, 1) loop
        select count(*) into n from limits.events e
         where e.bucket = buckets[i] and e.at > try_acquire.at - windows[i];
        if n >= maxes[i] then
            select e.at into oldest from limits.events e
             where e.bucket = buckets[i] and e.at > try_acquire.at - windows[i]
             order by e.at desc offset maxes[i] - 1 limit 1;
            wait := greatest(coalesce(wait, interval '0'), oldest + windows[i] - try_acquire.at);
        end if;
    end loop;
    if wait is null then
        insert into limits.events (bucket, at)
        select distinct b, try_acquire.at from unnest(buckets) b;
    end if;
    return wait;
end
$$;
