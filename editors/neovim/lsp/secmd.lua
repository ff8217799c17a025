-- Neovim 0.11+ config for secmd, the SECURITY.md language server.
--
--   vim.lsp.enable("secmd")
--   -- optional overrides:
--   vim.lsp.config("secmd", { cmd = { "/path/to/secmd", "lsp" } })
--
-- Attaches only to buffers whose file is named SECURITY.md (any case).

---@param bufnr integer
---@return boolean
local function is_security_md(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  return vim.fs.basename(name):lower() == "security.md"
end

---@type vim.lsp.Config
return {
  cmd = { "secmd", "lsp" },
  -- SECURITY.md is detected as markdown; root_dir below narrows it down.
  filetypes = { "markdown" },
  root_dir = function(bufnr, on_dir)
    if not is_security_md(bufnr) then
      return -- not calling on_dir() means: do not attach
    end
    local fname = vim.api.nvim_buf_get_name(bufnr)
    on_dir(vim.fs.root(bufnr, { ".git" }) or vim.fs.dirname(fname))
  end,
  -- e.g. settings = { secmd = { rules = { ["stale-date"] = "off" }, maxAgeDays = 180 } }
  -- (an empty dict, not {}: an empty Lua table would be sent as a JSON array)
  settings = { secmd = vim.empty_dict() },
  -- initializationOptions = settings.secmd, overlaid with any init_options.
  before_init = function(params, config)
    local from_settings = (config.settings or {}).secmd or {}
    local opts = vim.tbl_deep_extend("force", vim.deepcopy(from_settings), config.init_options or {})
    params.initializationOptions = next(opts) == nil and vim.empty_dict() or opts
  end,
}
