-- wrk hook: after the run, print one JSON line the benchmark runner reads.
-- Latencies are in microseconds in wrk; the line gives milliseconds.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"median_ms": %.3f, "p95_ms": %.3f, "rps": %.2f, "requests": %d, ' ..
    '"non_2xx": %d, "socket_errors": %d}\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests / seconds, summary.requests, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
