-- A signed-in staff member's GET of BENCH_PATH (the inbox and its searches), with BENCH_COOKIE.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
wrk.method = "GET"
wrk.path = os.getenv("BENCH_PATH")
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
