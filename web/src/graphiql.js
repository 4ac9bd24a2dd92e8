// GraphiQL at /graphql, bundled with React and the graphql-ws client so the IDE loads nothing but this
// origin's assets (no CDN). The page passes its settings as JSON in #graphiql-config, not as script.
import React from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { createClient } from "graphql-ws";
import { setNonce } from "get-nonce";

const config = JSON.parse(document.getElementById("graphiql-config").textContent);
// The page's CSP allows no inline style but this nonce, which the <style> elements GraphiQL's dialogs
// add (react-remove-scroll, through get-nonce) carry.
setNonce(config.styleNonce);
const endpoint = new URL(config.endpoint, window.location.href);

// Queries and mutations go over HTTP; subscriptions over graphql-ws on the same path (the client
// connects on the first subscription only).
let wsClient;
if (config.subscriptions) {
  const wsUrl = new URL(endpoint);
  wsUrl.protocol = endpoint.protocol === "https:" ? "wss:" : "ws:";
  wsClient = createClient({ url: wsUrl.href, lazy: true });
}
const fetcher = createGraphiQLFetcher({ url: endpoint.href, wsClient });

// ?q=...&variables=... opens a shared query in the active tab (`/graphql?query=` runs it instead).
const params = new URLSearchParams(window.location.search);

createRoot(document.getElementById("graphiql")).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: config.defaultQuery,
    query: params.get("q") ?? undefined,
    variables: params.get("variables") ?? undefined,
    defaultEditorToolsVisibility: Boolean(params.get("variables")),
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  }),
);
