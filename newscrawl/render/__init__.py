"""Rendering pages in a browser: scrapy-playwright with the system's Chromium.

`render = "auto"` (a profile value, or `-s NEWSCRAWL_RENDER=auto`) fetches every page without a
browser and renders again only a page whose HTML turned out to be a script-built shell
(extraction's `script_shell`); `render = true` renders every article page, `false` none.

- `handler.py`: the download handler (one browser per crawl, started by the first page to
  render; a cap on pages at once, a time-out per page, images, media and fonts blocked, the
  browser restarted after a number of pages or when its memory grows).
- `memory.py`: resident memory of a process tree, from /proc.
- `stats.py`: the counts (`newscrawl/rendered`, `newscrawl/render_failed/<why>`) and the
  summary's `render` section.

Only `handler.py` imports Playwright, and only a crawl that may render loads it.
"""
