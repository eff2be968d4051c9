-- (a) the server's own ceiling: a trivial route through the same middleware.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
wrk.method = "GET"
wrk.path = "/health"
