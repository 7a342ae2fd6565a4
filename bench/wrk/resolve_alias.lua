-- (a) Resolve alias: GET /api/v1/models/{random model}/aliases/production
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

function request()
  return wrk.format("GET", "/api/v1/models/model-" .. math.random(0, MODELS - 1) .. "/aliases/production")
end
