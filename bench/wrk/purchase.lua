-- POST /api/sweets/<random id>/purchase/ {"amount":1} with the access token; counts the answers by status.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Content-Type"] = "application/json"
local sweets = tonumber(os.getenv("SWEETS") or "1000")
math.randomseed(os.time())
request = function()
  return wrk.format("POST", "/api/sweets/" .. math.random(1, sweets) .. "/purchase/", nil, '{"amount":1}')
end
