-- (b) JSON submission of a complete 児童手当 認定請求; every request has its own Idempotency-Key,
-- so each one really creates an application.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local body
local counter = 0
local tag = os.getenv("BENCH_TAG") or "run"

function init(args)
  local file = assert(io.open(os.getenv("BENCH_JSON_BODY"), "r"))
  body = file:read("*a")
  file:close()
end

function request()
  counter = counter + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("bench-%s-%d-%d", tag, id, counter),
  }
  return wrk.format("POST", "/api/v1/applications", headers, body)
end
