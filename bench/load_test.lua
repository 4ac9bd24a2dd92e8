-- wrk script for bench/load_test.py: POSTs GraphQL bodies read from a file (one JSON body a line),
-- cycling through them, and counts responses that are not 200 or that carry GraphQL errors.
-- usage: wrk -t1 -c32 -d60s --latency -s bench/load_test.lua http://127.0.0.1:PORT/graphql -- BODIES_FILE
-- Prints one line `RESULT {json}` at the end for the Python side to read.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
  -- Threads start at different places in the mix.
  position = (id * 7) % #bodies
  graphql_errors = 0
  bad_status = 0
end

function request()
  position = position % #bodies + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, bodies[position])
end

function response(status, headers, body)
  if status ~= 200 then
    bad_status = bad_status + 1
  elseif body:find('"errors"', 1, true) then
    graphql_errors = graphql_errors + 1
  end
end

function done(summary, latency, requests)
  local errors, statuses = 0, 0
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("graphql_errors")
    statuses = statuses + thread:get("bad_status")
  end
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "graphql_errors": %d, "bad_status": %d, "connect": %d, '
      .. '"read": %d, "write": %d, "timeout": %d, "non_2xx": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
      .. '"max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, errors, statuses, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.errors.status, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
