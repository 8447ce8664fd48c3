"""Scrapy commands of the newscrawl project (`crawl` with a run lock and exit codes)."""
