"""List the restrictions placed on a country since a date, oldest first, with the evidence for each.

usage: python restrictions.py China [--since 2025-01-01] [--until 2025-12-31] [--json]

One line per claim: its date, who restricted, what (when the article says), the sentence,
and the article. Restrictions the articles only report as likely or planned are marked
"(hedged)". --json prints the claims as one JSON list instead.
The server and key come from RACEGRAPH_URL (default http://127.0.0.1:8000/graphql) and
RACEGRAPH_API_KEY (optional while anonymous reads are open), or --url and --key.
Uses only the Python standard library.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from typing import Any

QUERY = """
query Restrictions($country: String!, $since: String, $until: String, $after: String) {
  relations(filter: {types: [RESTRICTED], object: $country, since: $since, until: $until},
            first: 100, after: $after, orderBy: LAST_SEEN) {
    edges { node {
      subject { name kind }
      claimCount
      claims(first: 100) { date item evidence hedged article { title url source published } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def graphql(url: str, key: str | None, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """POST one GraphQL request; return its data, or exit with the server's error messages."""
    headers = {"Content-Type": "application/json", "Accept": "application/graphql-response+json"}
    if key:
        headers["X-API-Key"] = key
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            result = json.load(response)
    except urllib.error.HTTPError as error:  # 4xx/5xx still carry a JSON body explaining why
        result = json.load(error)
    if result.get("errors"):
        sys.exit("racegraph: " + "; ".join(e.get("message", str(e)) for e in result["errors"]))
    if "data" not in result:
        sys.exit(f"racegraph: unexpected response {result}")
    return result["data"]


def restrictions(url: str, key: str | None, country: str, since: str | None, until: str | None) -> list[dict]:
    """Return the restriction claims on `country` dated within [since, until], oldest first (the newest
    100 of each restricting party: the most the server lists per edge; a note on stderr says when more exist)."""
    claims, after = [], None
    while True:
        page = graphql(url, key, QUERY, {"country": country, "since": since, "until": until, "after": after})
        for edge in page["relations"]["edges"]:
            node = edge["node"]
            if node["claimCount"] > len(node["claims"]):
                print(f"note: {node['subject']['name']} has {node['claimCount']} claims; the newest "
                      f"{len(node['claims'])} are listed", file=sys.stderr)
            for claim in node["claims"]:
                # The claim's own date, else the day the article was published.
                when = claim["date"] or claim["article"]["published"] or ""
                if (since is None or when >= since) and (until is None or when[: len(until)] <= until):
                    claims.append({"when": when, "by": node["subject"]["name"], **claim})
        info = page["relations"]["pageInfo"]
        if not info["hasNextPage"]:
            return sorted(claims, key=lambda c: (c["when"], c["by"]))
        after = info["endCursor"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("country", help="Country id or canonical name, e.g. China or country:china.")
    parser.add_argument("--since", help="Only restrictions on or after this date (YYYY[-MM[-DD]]).")
    parser.add_argument("--until", help="Only restrictions on or before this date.")
    parser.add_argument("--json", action="store_true", help="Print one JSON list instead of lines.")
    parser.add_argument("--url", default=os.environ.get("RACEGRAPH_URL", "http://127.0.0.1:8000/graphql"))
    parser.add_argument("--key", default=os.environ.get("RACEGRAPH_API_KEY"), help="API key (X-API-Key).")
    args = parser.parse_args(argv)

    found = restrictions(args.url, args.key, args.country, args.since, args.until)
    if args.json:
        print(json.dumps(found, indent=2, ensure_ascii=False))
        return 0
    for claim in found:
        what = f" [{claim['item']}]" if claim["item"] else ""
        hedged = " (hedged)" if claim["hedged"] else ""
        article = claim["article"]
        where = article["url"] or article["title"] or ""
        print(f"{claim['when']}  {claim['by']}{what}{hedged}: {claim['evidence']}")
        print(f"            {article['source'] or ''} {article['published'] or ''} {where}")
    print(f"{len(found)} restrictions on {args.country}" + (f" since {args.since}" if args.since else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
