-- :checkhealth secmd reports the binary and its version.
--   SECMD_BIN=... SECMD_RTP=editors/neovim timeout 60 nvim --headless -u NONE -i NONE -n -c 'luafile tests/editors/neovim/test_health.lua'
local bin = assert(os.getenv("SECMD_BIN"))
local rtp = assert(os.getenv("SECMD_RTP"))
local label = os.getenv("SECMD_LABEL") or "nvim checkhealth"
vim.opt.runtimepath:prepend(rtp)
local passed, failed = 0, 0
local function check(cond, name, detail)
  if cond then
    passed = passed + 1
    io.stdout:write("ok - " .. label .. ": " .. name .. "\n")
  else
    failed = failed + 1
    io.stdout:write("not ok - " .. label .. ": " .. name .. (detail and ("\n    " .. detail:gsub("\n", "\n    ")) or "") .. "\n")
  end
end

local function report()
  vim.cmd("silent checkhealth secmd")
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  local text = table.concat(lines, "\n")
  vim.cmd("bwipeout!")
  return text
end

-- 1. configured with a working binary
require("secmd").setup({ cmd = { bin, "lsp" } })
local text = report()
local version = vim.trim(vim.fn.system({ bin, "--version" }))
check(vim.v.shell_error == 0 and version ~= "", "`secmd --version` works", version)
check(text:find("binary: " .. bin, 1, true) ~= nil, "report names the configured binary", text)
check(text:find("version: " .. version, 1, true) ~= nil, "report shows the binary's version", text)
check(not text:find("ERROR"), "no errors in the report", text)

-- 2. configured with a missing binary: an error with the fix
require("secmd").setup({ cmd = { "/nonexistent/secmd", "lsp" } })
text = report()
check(text:find("ERROR", 1, true) ~= nil and text:find("not found", 1, true) ~= nil, "missing binary is reported as an error", text)
check(text:find('setup({ cmd = { "/absolute/path/to/secmd", "lsp" } })', 1, true) ~= nil, "error message gives the exact fix", text)

io.stdout:write(string.format("# %s: %d passed, %d failed\n", label, passed, failed))
if failed == 0 then vim.cmd("qall!") else vim.cmd("cquit 1") end
