// Talking to the racegraph server: JSON with the API key, and the URLs of expansions and claims
// built from the links the server gave with the subgraph.

export class GraphApi {
  /** @param {string} server base URL ("" for this page's origin); @param {string|null} apiKey sent as X-API-Key */
  constructor(server, apiKey) {
    this.server = server;
    this.apiKey = apiKey;
  }

  /** Absolute URL of a path the server gave. */
  url(path) {
    return new URL(path, this.server || window.location.href).toString();
  }

  /** The JSON body at `path`; throws an Error with the server's message when the status is not OK. */
  async json(path) {
    const headers = { Accept: "application/json" };
    if (this.apiKey) headers["X-API-Key"] = this.apiKey;
    const response = await fetch(this.url(path), { headers });
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!response.ok) throw new Error((body && body.error) || `${response.status} ${response.statusText}`);
    return body;
  }
}

/** `link` (a path the server gave) with the query parameters `params` set. */
export function pathWith(link, params) {
  const url = new URL(link, "http://x");
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.pathname + url.search;
}

/** Path of the subgraph around `nodeId` at depth 1, with the other filters of the subgraph at `jsonLink`. */
export function expansionPath(jsonLink, nodeId) {
  // The old seeds go, and the new one comes after the other filters.
  const url = new URL(jsonLink, "http://x");
  url.searchParams.delete("seed");
  return pathWith(url.pathname + url.search, { seed: nodeId, depth: "1" });
}

/** Path of the claims behind one edge (relation type, source and target ids), from the `claimsLink` given. */
export function claimsPath(claimsLink, relation, source, target) {
  return pathWith(claimsLink, { type: relation, source, target });
}
