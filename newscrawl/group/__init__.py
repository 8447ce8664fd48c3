"""Workers that share the crawl of a site through Redis (`-s NEWSCRAWL_REDIS_URL=redis://...`).

Any number of `newscrawl crawl SITE` processes, on any machines, become workers of one crawl:
they share the request queue and its dedup (scrapy-redis' scheduler, dupefilter and priority
queue, extended here), the site's store (newscrawl.run.redis_store) and the story index
(newscrawl.stories.redis). Each writes its own output, rejects and summary files, named with
its worker id.

    keys        the Redis keys of a site's group
    worker      membership: heartbeat, in-flight requests, reclaiming a dead worker's,
                discovery once per interval, when the group is drained, stop
    scheduler   scrapy-redis' scheduler and dupefilter with in-flight bookkeeping
    middleware  discovery by one worker a round; listing dates travel with their requests
    extension   the worker's life in the crawl: join, heartbeat, idle, leave
    status      what `newscrawl status SITE` prints

Without NEWSCRAWL_REDIS_URL nothing here is used: one machine keeps the SQLite store and the
run lock.
"""
