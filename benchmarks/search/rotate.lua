-- Each thread walks the list from its own offset and its connections take the URLs in turn, so the URLs in flight
-- differ. The offsets are spread by the golden ratio (thread n starts n * 0.618... of the way round), so however
-- many threads there are, their stretches start far apart and a run shorter than the list repeats no URL.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end

local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local counter = 0
function init(args)
  counter = math.floor(#paths * ((id * 0.6180339887) % 1))
end

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, non-2xx %d, %.1f req/s\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status,
    summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 95, 99}) do
    io.write(string.format("p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
