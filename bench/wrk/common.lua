-- Shared by the wrk scenario scripts: the bearer token, the size of the seeded registry, a
-- per-thread random seed, and a machine-readable summary line (wrk --latency prints no p95).
--
-- Environment: STEWARD_TOKEN (required), BENCH_MODELS (default 10000),
-- BENCH_VERSIONS_PER_MODEL (default 10), BENCH_TEAMS (default 100).

local token = os.getenv("STEWARD_TOKEN")
if token == nil or token == "" then error("STEWARD_TOKEN is not set") end
MODELS = tonumber(os.getenv("BENCH_MODELS") or "10000")
VERSIONS = tonumber(os.getenv("BENCH_VERSIONS_PER_MODEL") or "10")
TEAMS = tonumber(os.getenv("BENCH_TEAMS") or "100")

wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"

function init(args)
  -- Each thread has its own Lua state; give each its own sequence.
  local address = tonumber(tostring({}):match("0x(%x+)") or "0", 16) or 0
  math.randomseed((os.time() * 7919 + address) % 2147483647)
  for _ = 1, 10 do math.random() end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors_connect":%d,"errors_read":%d,' ..
    '"errors_write":%d,"errors_status":%d,"errors_timeout":%d,"p50_us":%d,"p90_us":%d,"p95_us":%d,' ..
    '"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
