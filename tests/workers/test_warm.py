"""The fork server's warm-up leaves nothing for a worker's first pages to build."""

from __future__ import annotations

import json
import subprocess
import sys

# In a fresh interpreter (this one may have warmed dateparser already): the warm-up the fork
# server runs, then a date string no locale reads, which makes dateparser try every locale;
# the count of locale patterns it has built, before and after that string.
_SCRIPT = """
import json
import newscrawl.workers.warm
from dateparser.languages.dictionary import Dictionary
from htmldate.extractors import get_external_parser

def built():
    return sum(len(names) for names in Dictionary._split_regex_cache.values())

before = built()
get_external_parser().get_date_data("yy 30 pp 2021")
print(json.dumps([before, built()]))
"""


def test_warm_up_builds_the_date_parser_of_every_locale():
    """htmldate's text parser tries every locale on a date its own patterns cannot read and
    builds each locale's patterns on first use (seconds of CPU); the warm-up must have done it
    before any worker starts, although its page never reaches htmldate."""
    out = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    before, after = json.loads(out.strip().splitlines()[-1])
    assert before > 0
    assert after == before
