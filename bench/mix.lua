-- wrk script: requests drawn from a weighted URL list, timed and counted per page type.
--
--   wrk -t C -c C -d Ns -s bench/mix.lua http://127.0.0.1:PORT -- MIX_FILE OUT_FILE
--
-- MIX_FILE has one URL a line: "<page type>\t<weight>\t<path>". Each request
-- picks a line at random in proportion to its weight. Run with as many threads
-- as connections (-t equal to -c): each thread then has one request in flight,
-- so the time from request() to response() is that request's latency, which
-- gives each page type its own percentiles. A response whose X-Varnish header
-- names two transactions was a Varnish cache hit. done() writes OUT_FILE:
--   summary <seconds> <requests> <bytes> <connect> <read> <write> <status> <timeout>
--   latency <p50 us> <p99 us>            (wrk's own, over every request)
--   status <type> <code> <count>
--   hit <type> <count>
--   misses <count> <us>                 (responses that were not hits, and the time spent waiting for them)
--   times <type> <us> <us> ...           (each request's latency)

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *tp);
]]
local clock = ffi.new("bench_timespec")
local CLOCK_MONOTONIC = 1

local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000000 + tonumber(clock.tv_nsec) / 1000
end

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local requests, kinds, cumulative, total = {}, {}, {}, 0
local in_flight_kind, started
-- Globals, so that done() can read each thread's with thread:get(), which copies flat tables
-- (each request's page type and latency are two arrays, not a table of tables).
timed_kinds, timed_us, statuses, hits = {}, {}, {}, {}
miss_count, miss_us = 0, 0

function init(args)
  out_file = args[2]  -- a global: done() runs in the main state, which has no arguments
  math.randomseed(id * 7919)
  for line in io.lines(args[1]) do
    local kind, weight, path = line:match("^([^\t]+)\t([^\t]+)\t(.+)$")
    if kind then
      total = total + tonumber(weight)
      table.insert(requests, wrk.format("GET", path))
      table.insert(kinds, kind)
      table.insert(cumulative, total)
    end
  end
end

local function pick()
  local r = math.random() * total
  local low, high = 1, #cumulative
  while low < high do
    local mid = math.floor((low + high) / 2)
    if cumulative[mid] < r then low = mid + 1 else high = mid end
  end
  return low
end

function request()
  local i = pick()
  in_flight_kind = kinds[i]
  started = now_us()
  return requests[i]
end

function response(status, headers, body)
  local kind = in_flight_kind
  local n = #timed_us + 1
  local took = now_us() - started
  timed_us[n] = took
  timed_kinds[n] = kind
  local key = kind .. "\t" .. status
  statuses[key] = (statuses[key] or 0) + 1
  local xv = headers["X-Varnish"] or headers["x-varnish"]
  if xv and xv:find(" ") then
    hits[kind] = (hits[kind] or 0) + 1
  else
    miss_count, miss_us = miss_count + 1, miss_us + took
  end
end

function done(summary, latency, _)
  local f = assert(io.open(threads[1]:get("out_file"), "w"))
  local e = summary.errors
  f:write(string.format("summary %f %d %d %d %d %d %d %d\n", summary.duration / 1e6, summary.requests, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout))
  f:write(string.format("latency %d %d\n", latency:percentile(50), latency:percentile(99)))
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("statuses")) do
      local kind, code = key:match("^(.-)\t(.*)$")
      f:write(string.format("status %s %s %d\n", kind, code, count))
    end
    for kind, count in pairs(thread:get("hits")) do
      f:write(string.format("hit %s %d\n", kind, count))
    end
    f:write(string.format("misses %d %d\n", thread:get("miss_count"), thread:get("miss_us")))
    local by_kind = {}
    local timed_kinds, timed_us = thread:get("timed_kinds"), thread:get("timed_us")
    for i = 1, #timed_us do
      local list = by_kind[timed_kinds[i]]
      if not list then list = {}; by_kind[timed_kinds[i]] = list end
      list[#list + 1] = string.format("%d", timed_us[i])
    end
    for kind, list in pairs(by_kind) do
      f:write("times " .. kind .. " " .. table.concat(list, " ") .. "\n")
    end
  end
  f:close()
end
