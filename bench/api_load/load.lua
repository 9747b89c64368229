-- wrk script for bench/api_load: one endpoint, parameters varied per request, figures printed as JSON.
-- Environment: BENCH_ENDPOINT (aggregate | activities | events), BENCH_TOKEN (empty: anonymous),
-- BENCH_SITES, BENCH_DAYS. The variation matches the pgbench scripts run.py writes (endpoints.py).
local endpoint = os.getenv("BENCH_ENDPOINT")
local token = os.getenv("BENCH_TOKEN") or ""
local sites = tonumber(os.getenv("BENCH_SITES") or "685")
local days = tonumber(os.getenv("BENCH_DAYS") or "3653")
local first = os.time({year = 2016, month = 1, day = 1, hour = 12})
local operations = {
  "osce-mission-to-serbia", "osce-mission-to-skopje", "osce-mission-in-kosovo",
  "osce-presence-in-albania", "osce-mission-to-bih", "osce-mission-to-montenegro",
}
if token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local function day(offset)
  return os.date("%Y-%m-%d", first + offset * 86400)
end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
end

function request()
  local path
  if endpoint == "aggregate" then
    local d = math.random(0, days - 90)
    path = string.format(
      "/api/v1/observations/aggregate?group_by=place&interval=day&metric=arrivals&place=bench-site-%04d&start=%s&end=%s",
      math.random(1, sites), day(d), day(d + 89))
  elseif endpoint == "activities" then
    path = string.format("/api/v1/activities?limit=50&operation=%s&start=%s",
      operations[math.random(1, #operations)], day(math.random(0, days - 1)))
  elseif endpoint == "events" then
    local d = math.random(0, days - 30)
    path = string.format("/api/v1/events?limit=50&start=%s&end=%s", day(d), day(d + 29))
  else
    error("BENCH_ENDPOINT must be aggregate, activities or events")
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"mean_us": %.1f, "errors_connect": %d, "errors_read": %d, "errors_write": %d, "errors_status": %d, '
      .. '"errors_timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
