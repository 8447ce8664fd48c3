"""A run of one site, made safe to schedule: everything between "cron starts a crawl" and
"the output is in place and judged".

    lock       one run per site at a time (exit 75 when another holds it)
    store      what the site's runs wrote (SQLite), so each run adds only what is new
    journal    this run's written articles, committed to the store once the output is in place
    output     feed files written under `.part` and renamed when complete
    retry      retries that wait (Retry-After, backoff)
    summary    the verdict, exit code and summary JSON
    extension  the Scrapy extension that ties them together
    since      UTC moments and the `-a since=` window
"""
