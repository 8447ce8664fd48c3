"""newscrawl: a Scrapy news crawler that writes clean, comparable article records."""

__version__ = "0.1.0"
