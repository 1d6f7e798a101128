-- wrk script for the benchmarks: sends "Authorization: Bearer $WRK_BEARER" when that variable is
-- set, and prints the 50th, 95th and 99th percentiles and the maximum of the latency at the end,
-- in microseconds, as lines that scripts parse:
--
--   latency_us p50 1234
--   latency_us p95 2345
--   latency_us p99 3456
--   latency_us max 4567
--
-- Nothing is printed when no request completed. (wrk --latency prints 50/75/90/99 only, with no
-- 95th.) Use: wrk -s bench/wrk_percentiles.lua ...

local token = os.getenv("WRK_BEARER")
if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
    if summary.requests == 0 then
        return -- no answer within wrk's --timeout: no figures (the caller prints n/a)
    end
    for _, p in ipairs({ 50, 95, 99 }) do
        io.write(string.format("latency_us p%d %d\n", p, latency:percentile(p)))
    end
    io.write(string.format("latency_us max %d\n", latency.max))
end
