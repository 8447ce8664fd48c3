"""The story-linking evaluation set: outlet copies of invented wire stories, with the gold story.

    python benchmarks/stories/generate.py [--seed N] -o records.jsonl [--labels labels.jsonl]

Reads the hand-written wire stories of `data/stories_*.toml` (each with a follow-up: same
agency, topic and place, another day), the outlets of `data/outlets.toml` and the rewording
table `data/spin.toml`, and writes schema-v1 records in publication order. Each base story is
carried by 2-4 outlets, each follow-up by 1-3, with the edits outlets make:

  cut         the tail dropped (inverted pyramid) or one or two middle paragraphs left out;
  reorder     two quote paragraphs swapped;
  local       one or two paragraphs of the outlet's own context added, at the top or the end;
  headline    reworded, re-framed, or missing;
  dateline    in the outlet's style ("PLACE (AP) —", "PLACE —", "PLACE, July 11 (Reuters) -")
              or dropped, and now and then replaced by the outlet's own desk;
  rewrite     sentences restructured at the outlet's rate: the attribution moved to the
              front ("X said that ..."), a trailing clause dropped, a sentence split;
  spin        words and phrases swapped for synonyms at the outlet's rate (a spinner: 60%);
  attribution the agency credit dropped from the byline, sometimes with a line
              "Information from <agency> was used in this report." added;
  time        published 0-10 hours after the wire, in the outlet's zone, some with the day only.

The gold story of each record (its base story's id, or "<id>/followup") goes to the labels
file, or, without --labels, is printed nowhere: `evaluate.py` calls `generate()` directly.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
AGENCY_SHORT = {"Associated Press": "AP", "Reuters": "Reuters", "AFP": "AFP", "dpa": "dpa"}
DESKS = {"dailymeridian": "LONDON", "capitalexpress": "NEW DELHI", "valleytribune": "WASHINGTON"}
FRAMES = ["{title}", "{title}", "WATCH: {title}", "{title}, officials say", "Report: {title}",
          "{title} - what we know"]


@dataclass(frozen=True)
class Wire:
    """One story as its agency sent it."""

    gold: str
    agency: str
    dateline: str
    published: datetime
    title: str
    body: list[str]


def load_wires() -> list[Wire]:
    wires = []
    for path in sorted(DATA.glob("stories_*.toml")):
        for story in tomllib.loads(path.read_text("utf-8"))["story"]:
            base = Wire(story["id"], story["agency"], story["dateline"],
                        datetime.fromisoformat(story["published"]), story["title"], story["body"])
            wires.append(base)
            follow = story["followup"]
            body = follow["body"] + [base.body[i] for i in follow["background"]]
            wires.append(Wire(f"{base.gold}/followup", base.agency, base.dateline,
                              datetime.fromisoformat(follow["published"]), follow["title"], body))
    return wires


def load_toml(name: str) -> dict[str, Any]:
    return tomllib.loads((DATA / name).read_text("utf-8"))


class Spinner:
    def __init__(self, table: dict[str, Any]) -> None:
        self.phrases = table["phrases"]
        self.words = table["words"]
        self._phrase_re = re.compile(
            r"\b(" + "|".join(map(re.escape, sorted(self.phrases, key=len, reverse=True))) + r")\b",
            re.IGNORECASE)
        self._word_re = re.compile(r"\b(" + "|".join(map(re.escape, self.words)) + r")\b",
                                   re.IGNORECASE)

    def spin(self, text: str, rate: float, rng: random.Random) -> str:
        if rate <= 0:
            return text
        text = self._phrase_re.sub(lambda m: self._swap(m, self.phrases, rate, rng), text)
        return self._word_re.sub(lambda m: self._swap(m, self.words, rate, rng), text)

    @staticmethod
    def _swap(match: re.Match[str], table: dict[str, list[str]], rate: float,
              rng: random.Random) -> str:
        found = match.group(0)
        options = table.get(found.lower()) or table.get(found)
        start = match.string[max(0, match.start() - 2) : match.start()]
        proper = found[:1].isupper() and start not in ("", ". ", "“", "\n")
        if not options or proper or rng.random() >= rate:
            return found
        choice: str = rng.choice(options)
        return choice[:1].upper() + choice[1:] if found[:1].isupper() else choice


_SAID_LAST = re.compile(
    r"^(?P<what>[^“”]{20,}), (?P<who>[^,“”]{3,60}?) said(?P<when> on \w+day)?\.$")
_SENTENCE = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")


def restructure(sentence: str, rng: random.Random) -> str:
    """A rewrite desk's change to one sentence: the attribution moved to the front, a
    trailing clause dropped, or the sentence split at a comma."""
    if "“" in sentence or "”" in sentence:  # quotes are kept as spoken
        return sentence
    said = _SAID_LAST.match(sentence)
    if said and rng.random() < 0.6:
        who = said["who"]
        who = who[:1].upper() + who[1:]
        what = said["what"]
        what = what if what[:2].isupper() else what[:1].lower() + what[1:]
        return f"{who} said{said['when'] or ''} that {what}."
    parts = sentence.rstrip(".").split(", ")
    if len(parts) >= 2 and len(parts[-1].split()) >= 5:
        if rng.random() < 0.5:
            return ", ".join(parts[:-1]) + "."
        tail = parts[-1]
        return ", ".join(parts[:-1]) + ". " + tail[:1].upper() + tail[1:] + "."
    return sentence


def rewrite(paragraph: str, rate: float, rng: random.Random) -> str:
    if rate <= 0:
        return paragraph
    return " ".join(restructure(s, rng) if rng.random() < rate else s
                    for s in _SENTENCE.split(paragraph))


def has_quote(paragraph: str) -> bool:
    return "“" in paragraph


def edit_body(wire: Wire, outlet: dict[str, Any], spinner: Spinner, rng: random.Random
              ) -> tuple[list[str], dict[str, bool]]:
    body = list(wire.body)
    done: dict[str, bool] = {}
    roll = rng.random()
    if roll < 0.55 and len(body) > 4:  # the tail, as desks trim wire copy
        keep = max(3, math.ceil(len(body) * rng.uniform(0.45, 0.9)))
        done["cut"] = keep < len(body)
        body = body[:keep]
    elif roll < 0.75 and len(body) > 4:
        for _ in range(rng.randint(1, 2)):
            body.pop(rng.randrange(1, len(body) - 1))
        done["cut"] = True
    quoted = [i for i, p in enumerate(body) if has_quote(p)]
    if len(quoted) >= 2 and rng.random() < 0.5:
        i, j = rng.sample(quoted, 2)
        body[i], body[j] = body[j], body[i]
        done["reorder"] = True
    elif len(body) > 3 and rng.random() < 0.3:  # a paragraph moved down, not a quote
        body.insert(rng.randrange(2, len(body)), body.pop(1))
        done["reorder"] = True
    spin = outlet["spin"] * rng.uniform(0.7, 1.3)
    body = [spinner.spin(rewrite(p, outlet["rewrite"], rng), spin, rng) for p in body]
    done["spin"] = spin > 0
    if outlet["local"] and rng.random() < 0.5:
        for paragraph in rng.sample(outlet["local"], rng.randint(1, min(2, len(outlet["local"])))):
            body.insert(rng.choice([1, len(body)]), paragraph)
        done["local"] = True
    return body, done


def dateline_for(wire: Wire, outlet: dict[str, Any], rng: random.Random, when: datetime
                 ) -> str | None:
    if rng.random() < 0.1 and outlet["site"] in DESKS:
        return DESKS[outlet["site"]]
    return None if outlet["dateline"] == "none" else wire.dateline


def lead_in(style: str, place: str | None, wire: Wire, when: datetime) -> str:
    if place is None or style == "none":
        return ""
    short = AGENCY_SHORT.get(wire.agency, wire.agency)
    if style == "agency":
        return f"{place} ({short}) — "
    if style == "comma":
        return f"{place}, {when:%B} {when.day} ({short}) - "
    return f"{place} — "


def headline(wire: Wire, spinner: Spinner, rng: random.Random) -> str | None:
    if rng.random() < 0.1:
        return None
    title = spinner.spin(wire.title, 0.5, rng)
    return rng.choice(FRAMES).format(title=title)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def version(wire: Wire, outlet: dict[str, Any], spinner: Spinner, rng: random.Random,
            number: int) -> dict[str, Any]:
    zone = timezone(timedelta(hours=outlet["offset_hours"]))
    when = (wire.published + timedelta(hours=rng.uniform(0, 10))).astimezone(zone)
    body, _ = edit_body(wire, outlet, spinner, rng)
    place = dateline_for(wire, outlet, rng, when)
    body[0] = lead_in(outlet["dateline"] if place else "none", place, wire, when) + body[0]
    credited = rng.random() < outlet["credit"]
    if not credited and rng.random() < 0.3:
        body.append(f"Information from {wire.agency} was used in this report.")
    day_only = outlet["day_only"]
    published = when.date().isoformat() if day_only else when.isoformat(timespec="seconds")
    title = headline(wire, spinner, rng)
    text = "\n\n".join(body)
    fetched = (when + timedelta(hours=1)).astimezone(UTC)
    return {
        "schema_version": 1,
        "url": f"https://{outlet['site']}.example/{when:%Y/%m/%d}/{slug(wire.title)}-{number}",
        "canonical_url": None,
        "site": outlet["site"],
        "title": title,
        "authors": [],
        "agencies": [wire.agency] if credited else [],
        "byline_raw": wire.agency if credited else None,
        "published_at": published,
        "published_precision": "day" if day_only else "second",
        "published_raw": published,
        "modified_at": None,
        "dateline": place.upper() if place and outlet["dateline"] != "none" else None,
        "body": text,
        "word_count": len(text.split()),
        "description": None,
        "language": "en",
        "section": None,
        "tags": [],
        "images": [],
        "fetched_at": fetched.isoformat(timespec="seconds"),
        "revision": 1,
        "duplicate_of": None,
        "sources": {},
    }


def generate(seed: int = 1) -> list[tuple[dict[str, Any], str]]:
    """(record, gold story) pairs in publication order."""
    rng = random.Random(seed)
    spinner = Spinner(load_toml("spin.toml"))
    outlets = load_toml("outlets.toml")["outlet"]
    out: list[tuple[dict[str, Any], str]] = []
    for wire in load_wires():
        low, high = (1, 3) if wire.gold.endswith("/followup") else (2, 4)
        for outlet in rng.sample(outlets, rng.randint(low, high)):
            out.append((version(wire, outlet, spinner, rng, len(out)), wire.gold))
    out.sort(key=lambda pair: (_moment(pair[0]), pair[0]["url"]))
    return out


def _moment(record: dict[str, Any]) -> datetime:
    value = record["published_at"]
    if len(value) == 10:
        return datetime.fromisoformat(value + "T12:00:00+00:00")
    return datetime.fromisoformat(value)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--labels", help="write {url, story} lines here")
    args = parser.parse_args(argv)
    pairs = generate(args.seed)
    with open(args.output, "w", encoding="utf-8") as sink:
        for record, _ in pairs:
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    if args.labels:
        with open(args.labels, "w", encoding="utf-8") as sink:
            for record, gold in pairs:
                sink.write(json.dumps({"url": record["url"], "story": gold}) + "\n")
    print(f"{len(pairs)} records -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
