-- POST /api/orders/ with three different random sweets, one unit each, with the access token.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Content-Type"] = "application/json"
local sweets = tonumber(os.getenv("SWEETS") or "1000")
math.randomseed(os.time())
request = function()
  local a = math.random(1, sweets)
  local b = a % sweets + 1
  local c = b % sweets + 1
  if sweets > 3 then
    b = (a + math.random(1, sweets - 2) - 1) % sweets + 1
    repeat c = math.random(1, sweets) until c ~= a and c ~= b
  end
  return wrk.format("POST", "/api/orders/", nil, string.format(
    '{"lines":[{"sweet":%d,"amount":1},{"sweet":%d,"amount":1},{"sweet":%d,"amount":1}]}', a, b, c))
end
