// Runs the graphql-http server audits against a GraphQL endpoint and prints one JSON report.
// usage: node http_audit.mjs http://127.0.0.1:PORT/graphql
// Output: {"results": [{"id", "name", "status": "ok"|"notice"|"warn"|"error", "reason"}]}.
// Exit code 0 whatever the results: the caller decides which levels must pass.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node http_audit.mjs URL');
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  const entry = { id: result.id, name: result.name, status: result.status };
  if (result.status !== 'ok') {
    entry.reason = result.reason;
  }
  results.push(entry);
}
process.stdout.write(JSON.stringify({ results }) + '\n');
