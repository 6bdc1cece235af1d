-- wrk script: rotate a few /api/search queries (plain words, a phrase, filters, paging).
local paths = {
  "/api/search?q=Northern+Territories",
  "/api/search?q=population+growth+rate",
  "/api/search?q=%22natural+resources%22",
  "/api/search?q=coal&country=Russia",
  "/api/search?q=constitution&as_of_from=2000&limit=10",
  "/api/search?q=Kuril+islands",
  "/api/search?q=oil+exports&offset=20",
  "/api/search?q=title:climate",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
