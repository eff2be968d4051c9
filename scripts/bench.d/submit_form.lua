-- (c) the HTML form POST of the same application from the 確認画面, with its CSRF cookie and token
-- and a fresh idempotency key per request (the answer is the 303 to the 控え).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local body
local counter = 0
local tag = os.getenv("BENCH_TAG") or "run"
local path = os.getenv("BENCH_FORM_PATH")
local cookie = os.getenv("BENCH_COOKIE")

function init(args)
  local file = assert(io.open(os.getenv("BENCH_FORM_BODY"), "r"))
  body = file:read("*a")
  file:close()
end

function request()
  counter = counter + 1
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }
  return wrk.format("POST", path, headers, body .. string.format("&_idem=bench-%s-%d-%d", tag, id, counter))
end
