-- (c) Search with a tag filter across all versions:
--     GET /api/v1/versions?filter=tag.team = 'team-<n>'&max_results=100
-- Each team tag is on 1% of the versions (see bench/seed_registry.py). The team is random per
-- request unless BENCH_TEAM is set (e.g. BENCH_TEAM=team-7 for the issue's exact query).
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local fixed = os.getenv("BENCH_TEAM")
if fixed == "" then fixed = nil end

function request()
  local team = fixed or ("team-" .. math.random(0, TEAMS - 1))
  return wrk.format("GET", "/api/v1/versions?filter=tag.team%20%3D%20%27" .. team .. "%27&max_results=100")
end
