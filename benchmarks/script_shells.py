"""Which pages of a corpus the script-shell detector flags, and what extraction made of them.

    .venv/bin/python benchmarks/script_shells.py [CORPUS_DIR]      # default ../shared/corpus

Runs `newscrawl.extraction.shell.script_shell` on every page on its own (not only on pages that
gave no article, as a crawl does) and prints one line per flagged page: source, id, what
extraction gave (words of body, or its error reason) and why the page looks script-built. A
flagged page that extraction read as an article would not be rendered in a crawl (only a page
without an article is); it shows where the detector alone would be wrong. Ends with the counts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newscrawl.evaluation.corpus import load_sources
from newscrawl.extraction import ExtractionError, extract
from newscrawl.extraction.decode import decode
from newscrawl.extraction.document import parse
from newscrawl.extraction.shell import script_shell
from newscrawl.offline import read_page
from newscrawl.sites import load_profile, profile_for_url
from newscrawl.wordcount import word_count


def outcome(data: bytes, url: str, content_type: str) -> str:
    profile = profile_for_url(url) or load_profile("news")
    try:
        draft = extract(data, url, profile, content_type=content_type)
    except ExtractionError as exc:
        return exc.reason
    return f"{word_count(' '.join(draft.body))} words"


def main(argv: list[str]) -> int:
    corpus = Path(argv[0] if argv else "../shared/corpus")
    pages = flagged = 0
    failed: dict[str, int] = {}
    print("| source | page | extraction | why it looks script-built |")
    print("| --- | --- | --- | --- |")
    for source in load_sources(corpus):
        for page in source.pages:
            data, content_type = read_page(page.path)
            pages += 1
            got = outcome(data, page.url, content_type)
            if not got.endswith(" words"):
                failed[got] = failed.get(got, 0) + 1
            if content_type != "text/html":
                continue
            why = script_shell(parse(decode(data, None), page.url))
            if why:
                flagged += 1
                print(f"| {source.name} | {page.id} | {got} | {why} |")
    print(f"\n{flagged} of {pages} pages flagged; extraction errors: {failed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
