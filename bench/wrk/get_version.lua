-- (b) Get version: GET /api/v1/models/{random model}/versions/{random number}
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

function request()
  return wrk.format("GET", "/api/v1/models/model-" .. math.random(0, MODELS - 1) ..
    "/versions/" .. math.random(1, VERSIONS))
end
