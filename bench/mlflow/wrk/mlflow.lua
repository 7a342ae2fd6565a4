-- wrk script replaying, byte for byte in method, path, query and JSON body, the request the stock
-- MlflowClient sends for one call (see bench/mlflow/load.py, which sets the environment):
--   OP=alias        GET  /api/2.0/mlflow/registered-models/alias?name=model-<rand>&alias=champion
--   OP=get_rm       GET  /api/2.0/mlflow/registered-models/get?name=model-<rand>
--   OP=search_rm    GET  /api/2.0/mlflow/registered-models/search?<SEARCH_RM_QS>
--   OP=search_runs  POST /api/2.0/mlflow/runs/search {experiment_ids,filter,run_view_type,max_results}
--   OP=log_batch    POST /api/2.0/mlflow/runs/log-batch {run_id, 100 metrics, 10 new params}
-- Env: OP, TOKEN (empty for stock MLflow), MODELS, EXPERIMENT_ID, BATCH_RUN_IDS (comma list),
-- SEARCH_RM_QS. Prints one BENCH_JSON line at the end.
local op = os.getenv("OP")
local token = os.getenv("TOKEN") or ""
local models = tonumber(os.getenv("MODELS") or "10000")
local api = "/api/2.0/mlflow"

wrk.headers["User-Agent"] = "mlflow-python-client/3.17.2"
wrk.headers["X-MLflow-Client-Version"] = "3.17.2"
if token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end

-- wrk.format uses only the headers it is given, so POSTs get a copy of wrk.headers plus Content-Type.
local json_headers = {["Content-Type"] = "application/json"}
for k, v in pairs(wrk.headers) do json_headers[k] = v end

local run_ids = {}
for id in string.gmatch(os.getenv("BATCH_RUN_IDS") or "", "[^,]+") do run_ids[#run_ids + 1] = id end
local prefix = "x"
local counter = 0

function init(args)
  local address = tonumber(tostring({}):match("0x(%x+)") or "0", 16) or 0
  math.randomseed((os.time() * 7919 + address) % 2147483647)
  for _ = 1, 10 do math.random() end
  prefix = string.format("w%06x%04x", math.random(0, 0xffffff), os.time() % 0x10000)
end

local search_runs_body = string.format(
  '{"experiment_ids": ["%s"], "filter": "metrics.acc > 0.5", "run_view_type": "ACTIVE_ONLY", "max_results": 100}',
  os.getenv("EXPERIMENT_ID") or "0")

function request()
  if op == "alias" then
    return wrk.format("GET", api .. "/registered-models/alias?name=model-" .. math.random(0, models - 1) .. "&alias=champion")
  elseif op == "get_rm" then
    return wrk.format("GET", api .. "/registered-models/get?name=model-" .. math.random(0, models - 1))
  elseif op == "search_rm" then
    return wrk.format("GET", api .. "/registered-models/search?" .. os.getenv("SEARCH_RM_QS"))
  elseif op == "search_runs" then
    return wrk.format("POST", api .. "/runs/search", json_headers, search_runs_body)
  elseif op == "log_batch" then
    counter = counter + 1
    local ts = os.time() * 1000
    local parts = {}
    for k = 0, 99 do
      parts[#parts + 1] = string.format('{"key": "m%d", "value": %.6f, "timestamp": %d, "step": %d}', k, math.random(), ts, counter)
    end
    local params = {}
    for k = 0, 9 do
      params[#params + 1] = string.format('{"key": "%s_%d_%d", "value": "v%d"}', prefix, counter, k, k)
    end
    local body = string.format('{"run_id": "%s", "metrics": [%s], "params": [%s]}',
      run_ids[math.random(1, #run_ids)], table.concat(parts, ", "), table.concat(params, ", "))
    return wrk.format("POST", api .. "/runs/log-batch", json_headers, body)
  end
  error("unknown OP " .. tostring(op))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"errors_connect":%d,"errors_read":%d,"errors_write":%d,' ..
    '"errors_status":%d,"errors_timeout":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
