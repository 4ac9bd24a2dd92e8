// The layout worker: receives a graph as typed arrays, runs ForceAtlas2 until stable, posts positions.
import { createRun, drive } from "./layout.js";

let stop = null;

self.onmessage = (event) => {
  const message = event.data;
  if (stop) stop();
  stop = null;
  if (message.type !== "run") return;
  const run = createRun(message);
  stop = drive(run, {
    maxIterations: message.maxIterations,
    schedule: (fn) => setTimeout(fn, 0),
    onPositions: (positions, done, info) => {
      self.postMessage({ type: "positions", id: message.id, positions, done, ...info }, [positions.buffer]);
    },
  });
};
