"""Thin Scrapy pipelines over newscrawl.process, one concern each, in the order of the data flow."""
