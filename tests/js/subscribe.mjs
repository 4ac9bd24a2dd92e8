// Subscribes to `claimAdded` with the reference graphql-ws client over graphql-transport-ws and
// prints each event as one JSON line, then {"done": true} once `count` events have arrived.
// usage: node subscribe.mjs ws://127.0.0.1:PORT/graphql COUNT [TIMEOUT_SECONDS]
// Prints {"ready": true} once the server has acknowledged the connection and the subscription
// is sent, so the caller knows when to write claims. Exit code 1 on error or timeout.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, countArg, timeoutArg] = process.argv.slice(2);
const wanted = Number(countArg ?? 1);
const timeout = setTimeout(() => fail(`timed out waiting for ${wanted} events`), Number(timeoutArg ?? 30) * 1000);

function emit(record) {
  process.stdout.write(JSON.stringify(record) + '\n');
}

function fail(message) {
  emit({ error: String(message) });
  process.exit(1);
}

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  lazy: false,
  retryAttempts: 0,
  on: { connected: () => emit({ connected: true }), error: (err) => fail(err?.message ?? err) },
});

const query = `subscription {
  claimAdded(types: [ALLIED_WITH]) {
    type evidence subject { name } object { name } article { title }
  }
}`;

let received = 0;
const unsubscribe = client.subscribe(
  { query },
  {
    next: (result) => {
      emit(result);
      received += 1;
      if (received >= wanted) {
        clearTimeout(timeout);
        unsubscribe();
        client.dispose().then(() => {
          emit({ done: true });
          process.exit(0);
        });
      }
    },
    error: (err) => fail(Array.isArray(err) ? JSON.stringify(err) : (err?.reason ?? err?.message ?? err)),
    complete: () => {
      if (received < wanted) fail('the server completed the subscription early');
    },
  },
);
emit({ ready: true });
