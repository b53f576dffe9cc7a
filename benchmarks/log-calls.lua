-- wrk script for benchmarks/log-calls.sh: each request logs a new call (a fresh id, as a client retrying would keep)
-- to one of the contacts listed in $CONTACTS, authenticated with $TOKEN: two in three no answer, one in three a
-- voicemail with a message and a strategy (whose honesty the server checks).
local ids = {}
for line in io.lines(os.getenv("CONTACTS")) do ids[#ids + 1] = line end
local token = os.getenv("TOKEN")
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local counter = 0

function init(args)
  math.randomseed(os.time() * 1000 + tid * 7919)
end

local function hex(n)
  local s = ""
  for _ = 1, n do s = s .. string.format("%x", math.random(0, 15)) end
  return s
end

function request()
  counter = counter + 1
  local contact = ids[(counter * 7 + tid * 13) % #ids + 1]
  local id = hex(8) .. "-" .. hex(4) .. "-4" .. hex(3) .. "-8" .. hex(3) .. "-" .. hex(12)
  return wrk.format("POST", "/api/v1/contacts/" .. contact .. "/calls",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token },
    counter % 3 == 0
      and '{"id":"' .. id .. '","outcome":"voicemail-left","strategy":"vague","messageText":"Hi, this is Freda at 901-555-2120. Call me back at 901-555-2120."}'
      or '{"id":"' .. id .. '","outcome":"no-answer"}')
end

local failures = 0
function response(status, headers, body)
  if status ~= 201 then
    failures = failures + 1
    if failures <= 3 then io.stderr:write("log-calls: answered " .. status .. ": " .. body:sub(1, 300) .. "\n") end
  end
end
