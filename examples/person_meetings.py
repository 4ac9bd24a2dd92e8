"""Follow a person's meetings through the news: who they met, when, where it was reported.

usage: python person_meetings.py "Jensen Huang" [--since 2025-01] [--until 2025-12] [--json]

Prints the person's organizations, then each meeting in date order with the sentence that
reports it, then who they met most. --json prints {person, affiliations, meetings} instead.
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
from collections import Counter
from typing import Any

QUERY = """
query Meetings($person: String!, $since: String, $until: String) {
  timeline(entity: $person, types: [MET_WITH, AFFILIATED_WITH], since: $since, until: $until, first: 100) {
    type date evidence hedged
    subject { id name kind }
    object { id name kind }
    article { title url source published }
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


def meetings(url: str, key: str | None, person: str, since: str | None, until: str | None) -> dict[str, Any]:
    """Return {person, affiliations, meetings}: the person's organizations and meetings, oldest first."""
    claims = graphql(url, key, QUERY, {"person": person, "since": since, "until": until})["timeline"]
    found: dict[str, Any] = {"person": None, "affiliations": [], "meetings": []}
    # The timeline holds claims with the person at either end; the other end is who matters.
    # The person is the end every claim shares, or, with a single claim, the end named as asked.
    shared = set.intersection(*({c["subject"]["id"], c["object"]["id"]} for c in claims)) if claims else set()
    for claim in claims:
        mine, other = claim["subject"], claim["object"]
        if len(shared) == 1:
            is_mine = mine["id"] in shared
        else:
            is_mine = person.lower() in (mine["id"].lower(), mine["name"].lower())
        if not is_mine:
            mine, other = other, mine
        found["person"] = mine["name"]
        if claim["type"] == "AFFILIATED_WITH":
            if other["name"] not in found["affiliations"]:
                found["affiliations"].append(other["name"])
            continue
        found["meetings"].append({
            "date": claim["date"] or claim["article"]["published"], "with": other["name"],
            "with_kind": other["kind"], "evidence": claim["evidence"], "hedged": claim["hedged"],
            "article": claim["article"],
        })
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("person", help="Person id or canonical name, e.g. 'Jensen Huang'.")
    parser.add_argument("--since", help="Only meetings on or after this date (YYYY[-MM[-DD]]).")
    parser.add_argument("--until", help="Only meetings on or before this date.")
    parser.add_argument("--json", action="store_true", help="Print one JSON object instead of lines.")
    parser.add_argument("--url", default=os.environ.get("RACEGRAPH_URL", "http://127.0.0.1:8000/graphql"))
    parser.add_argument("--key", default=os.environ.get("RACEGRAPH_API_KEY"), help="API key (X-API-Key).")
    args = parser.parse_args(argv)

    found = meetings(args.url, args.key, args.person, args.since, args.until)
    if args.json:
        print(json.dumps(found, indent=2, ensure_ascii=False))
        return 0
    name = found["person"] or args.person
    if found["affiliations"]:
        print(f"{name}: {', '.join(found['affiliations'])}")
    for meeting in found["meetings"]:
        hedged = " (hedged)" if meeting["hedged"] else ""
        print(f"{meeting['date']}  met {meeting['with']}{hedged}: {meeting['evidence']}")
        print(f"            {meeting['article']['source'] or ''} {meeting['article']['url'] or ''}")
    most = ", ".join(f"{who} ({n})" for who, n in Counter(m["with"] for m in found["meetings"]).most_common(5))
    print(f"{len(found['meetings'])} meetings" + (f"; most with {most}" if most else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
