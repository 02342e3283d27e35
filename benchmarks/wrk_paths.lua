-- wrk script: GET the paths listed in a file (one per line; its name follows `--` on the wrk command line),
-- each thread going round the list from its own starting point, and print the run's figures as one JSON
-- line prefixed with "WRK_JSON " (read by benchmarks/load_api.py).
--
--   wrk -t2 -c50 -d30s -s benchmarks/wrk_paths.lua http://127.0.0.1:8000 -- paths.txt [uncached]
--
-- With "uncached", every request gets a unique extra parameter `_=<run>.<thread>.<n>`: the API ignores it, but it
-- is part of the answer cache's key, so the same queries are computed every time instead of served from
-- the cache. Answers' X-Cache headers (hit/miss) are counted either way.
--
-- Latencies are in microseconds. errors.status counts answers with a status >= 400; connect/read/write are
-- socket errors; timeout counts requests that got no answer within wrk's --timeout.

local threads = {}
-- Part of the uncached parameter, so that two runs against one server never repeat a URL.
local run_id = os.time()

function setup(thread)
  thread:set("thread_index", #threads)
  thread:set("run_id", run_id)
  threads[#threads + 1] = thread
end

local paths = {}
local counter = 0
local uncached = false
cache_hits = 0
cache_misses = 0

function init(args)
  local name = args[1]
  if name == nil then
    error("wrk_paths.lua: give the file of paths after `--`")
  end
  local file = assert(io.open(name, "r"))
  for line in file:lines() do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  file:close()
  if #paths == 0 then
    error("wrk_paths.lua: no paths in " .. name)
  end
  -- Spread the threads over the list (a prime step), so they do not all ask for the same URL at once.
  counter = ((thread_index or 0) * 7919) % #paths
  uncached = args[2] == "uncached"
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if uncached then
    local sep = path:find("?", 1, true) and "&" or "?"
    path = path .. sep .. "_=" .. run_id .. "." .. thread_index .. "." .. counter
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  local cache = headers["X-Cache"] or headers["x-cache"]
  if cache == "hit" then
    cache_hits = cache_hits + 1
  elseif cache == "miss" then
    cache_misses = cache_misses + 1
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local hits, misses = 0, 0
  for _, thread in ipairs(threads) do
    hits = hits + (thread:get("cache_hits") or 0)
    misses = misses + (thread:get("cache_misses") or 0)
  end
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"p50": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}, '
      .. '"cache": {"hits": %d, "misses": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean,
    hits, misses
  ))
end
