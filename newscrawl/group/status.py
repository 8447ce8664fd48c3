"""What `newscrawl status SITE -s NEWSCRAWL_REDIS_URL=...` shows of a group, and the operator's
levers: stop (workers finish what they hold and exit; the queue stays), resume, reset.

Read-only but for those levers: a silent worker is shown as such, and reclaimed by the next
worker that beats, never by `status`.
"""

from __future__ import annotations

import json
from typing import Any

from newscrawl.group.keys import GroupKeys
from newscrawl.run.redis_url import connect, describe_url, store_prefix

SHOW_FINISHED = 5


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def group_status(url: str, site: str) -> dict[str, Any]:
    """Everything `status` prints, as one JSON-ready document."""
    keys = GroupKeys(site)
    store = store_prefix(site)
    client: Any = connect(url)
    try:
        pipe = client.pipeline(transaction=False)
        pipe.zcard(keys.queue)
        pipe.scard(keys.seen)
        pipe.get(keys.discovery)
        pipe.ttl(keys.discovery)
        pipe.exists(keys.stop)
        pipe.smembers(keys.workers)
        pipe.lrange(keys.finished, 0, -1)
        pipe.hlen(store + "articles")
        pipe.scard(store + "revised")
        pipe.hlen(store + "not_articles")
        (queued, pending, discovery, discovery_ttl, stop, members, finished, articles, revised,
         not_articles) = pipe.execute()
        workers = [_worker(client, keys, member) for member in sorted(members)]
    finally:
        client.close()
    done = [json.loads(line) for line in finished]
    round_id, _, by = (discovery or "").partition(" ")
    alive = [w for w in workers if w["alive"]]
    return {
        "site": site,
        "redis": describe_url(url),
        "queue": queued,
        "pending": pending,
        "discovery": {"round": round_id or None, "by": by or None,
                      "next_in_seconds": max(discovery_ttl, 0) if discovery else 0},
        "stop_requested": bool(stop),
        "articles": {"written": articles, "revised": revised, "not_articles": not_articles},
        "workers": workers,
        "alive": len(alive),
        "silent": len(workers) - len(alive),
        "errors": {
            "live_workers": sum(_int(w.get("errors")) for w in alive),
            "finished_workers": sum(_int((f.get("counters") or {}).get("errors")) for f in done),
            "failed_runs": sum(1 for f in done if f.get("exit_code") not in (0, None)),
            "lost_workers": sum(1 for f in done if f.get("lost")),
        },
        "finished": done,
    }


def _worker(client: Any, keys: GroupKeys, member: str) -> dict[str, Any]:
    fields = client.hgetall(keys.worker(member))
    return {
        "id": member,
        "alive": bool(fields),
        "host": fields.get("host"),
        "pid": _int(fields.get("pid")) or None,
        "since": fields.get("since"),
        "last_beat": fields.get("beat"),
        "idle": fields.get("idle") == "1",
        "pages": _int(fields.get("pages")),
        "written": _int(fields.get("written")),
        "errors": _int(fields.get("errors")),
        "in_flight": client.hlen(keys.inflight(member)),
    }


def format_status(status: dict[str, Any]) -> str:
    """One screen of plain text."""
    disc = status["discovery"]
    arts = status["articles"]
    err = status["errors"]
    lines = [
        f"site        {status['site']} ({status['redis']})",
        f"queue       {status['queue']} requests; {status['pending']} pending in the dupefilter",
        "discovery   " + (f"round {disc['round']} by {disc['by']}, next in "
                          f"{disc['next_in_seconds']} s" if disc["round"] else "due"),
        "stop        " + ("asked: workers finish what they hold and exit"
                          if status["stop_requested"] else "not asked"),
        f"articles    {arts['written']} written ({arts['revised']} revised); "
        f"{arts['not_articles']} pages that are no article",
        f"workers     {status['alive']} alive" + (
            f", {status['silent']} silent (their requests go back to the queue)"
            if status["silent"] else ""),
    ]
    if status["workers"]:
        lines.append(f"  {'ID':<28} {'HOST':<16} {'PID':>7} {'SINCE':<25} {'PAGES':>7} "
                     f"{'WRITTEN':>7} {'ERRORS':>6} {'HELD':>6}  STATE")
        for w in status["workers"]:
            state = ("idle" if w["idle"] else "busy") if w["alive"] else "silent"
            lines.append(f"  {w['id']:<28} {(w['host'] or '-'):<16} {w['pid'] or '-':>7} "
                         f"{(w['since'] or '-'):<25} {w['pages']:>7} {w['written']:>7} "
                         f"{w['errors']:>6} {w['in_flight']:>6}  {state}")
    lines.append(f"errors      {err['live_workers']} in live workers; "
                 f"{err['finished_workers']} in the {len(status['finished'])} last finished, "
                 f"{err['failed_runs']} failed runs, {err['lost_workers']} lost workers")
    for f in status["finished"][:SHOW_FINISHED]:
        if f.get("lost"):
            lines.append(f"  {f['id']:<28} {f.get('finished_at', '-'):<25} lost: "
                         f"{f.get('requeued', 0)} requests requeued by {f.get('reclaimed_by')}")
            continue
        counters = f.get("counters") or {}
        why = "; ".join(f.get("reasons") or []) or "ok"
        lines.append(f"  {f['id']:<28} {f.get('finished_at', '-'):<25} exit "
                     f"{f.get('exit_code')}, {counters.get('written', 0)} written, "
                     f"{counters.get('errors', 0)} errors: {why}")
    return "\n".join(lines)


def request_stop(url: str, site: str, *, stop: bool = True) -> None:
    """Ask every worker to finish what it holds and exit (or withdraw the request)."""
    client: Any = connect(url)
    try:
        if stop:
            client.set(GroupKeys(site).stop, "1")
        else:
            client.delete(GroupKeys(site).stop)
    finally:
        client.close()


def reset_group(url: str, site: str) -> bool:
    """Forget the site's queue, dupefilter, discovery round and store; False (nothing done)
    while a worker is alive."""
    keys = GroupKeys(site)
    client: Any = connect(url)
    try:
        if any(client.exists(keys.worker(m)) for m in client.smembers(keys.workers)):
            return False
        doomed = list(client.scan_iter(match=keys.prefix + "*", count=1000))
        if doomed:
            client.delete(*doomed)
        return True
    finally:
        client.close()
