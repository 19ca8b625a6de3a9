-- GET /api/sweets/<random id>/ with the access token; ids 1..SWEETS.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local sweets = tonumber(os.getenv("SWEETS") or "1000")
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/sweets/" .. math.random(1, sweets) .. "/")
end
