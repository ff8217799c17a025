-- :checkhealth secmd
local M = {}

local health = vim.health or require("health")
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local err = health.error or health.report_error
local info = health.info or health.report_info

local function configured_cmd()
  local secmd = require("secmd")
  if secmd.config then
    return secmd.config.cmd, "require('secmd').setup()"
  end
  if vim.lsp.config and vim.lsp.config.secmd then -- Neovim 0.11+ vim.lsp.config
    return vim.lsp.config.secmd.cmd, "vim.lsp.config('secmd')"
  end
  return secmd.defaults.cmd, "default"
end

function M.check()
  start("secmd")
  if vim.fn.has("nvim-0.7") ~= 1 then
    err("Neovim 0.7 or newer is required")
    return
  end
  ok("Neovim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor))

  local cmd, from = configured_cmd()
  if type(cmd) ~= "table" then
    info("cmd is a function (" .. from .. "); cannot check the binary")
    return
  end
  local bin = cmd[1]
  if vim.fn.executable(bin) ~= 1 then
    err(
      string.format("secmd binary %q not found (cmd from %s)", tostring(bin), from),
      {
        "Build it: cargo build --release (binary: target/release/secmd)",
        'Then: require("secmd").setup({ cmd = { "/absolute/path/to/secmd", "lsp" } })',
        "or put `secmd` on $PATH",
      }
    )
    return
  end
  ok(string.format("binary: %s (cmd from %s)", vim.fn.exepath(bin) ~= "" and vim.fn.exepath(bin) or bin, from))
  local out = vim.fn.system({ bin, "--version" })
  if vim.v.shell_error == 0 then
    ok("version: " .. vim.trim(out))
  else
    warn("`" .. bin .. " --version` failed: " .. vim.trim(out))
  end

  local active = {}
  for _, client in pairs(vim.lsp.get_active_clients()) do
    if client.name == "secmd" then
      table.insert(active, string.format("id %d, root %s", client.id, tostring(client.config.root_dir)))
    end
  end
  if #active > 0 then
    ok("running: " .. table.concat(active, "; "))
  else
    info("no secmd client running (open a SECURITY.md to start one)")
  end
end

return M
