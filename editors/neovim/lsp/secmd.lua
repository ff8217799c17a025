---@brief
---
--- https://github.com/secmd/secmd
---
--- Language server and linter for `SECURITY.md` security policies: template
--- placeholders, stale "Last Updated" dates, a missing private contact,
--- insecure links, mojibake, with quick fixes and section completion.
---
--- Install the `secmd` binary from the release archives
--- (https://github.com/secmd/secmd/releases), with `cargo install secmd`, or
--- with mason.nvim (`:MasonInstall secmd`).
---
--- The server attaches to markdown buffers whose file is named `SECURITY.md`
--- and to text buffers named `security.txt` (RFC 9116; any letter case),
--- never to other files. Settings go in
--- `settings.secmd` (also sent as `initializationOptions`):
--- ```lua
--- vim.lsp.config('secmd', {
---   settings = { secmd = { rules = { ['stale-date'] = 'off' }, maxAgeDays = 180 } },
--- })
--- ```

local root_markers = { '.git' }

---@type vim.lsp.Config
return {
  cmd = { 'secmd', 'lsp' },
  -- SECURITY.md is detected as markdown, security.txt as text; root_dir
  -- narrows them down to those two names.
  filetypes = { 'markdown', 'text' },
  root_markers = root_markers,
  root_dir = function(bufnr, on_dir)
    local fname = vim.api.nvim_buf_get_name(bufnr)
    local base = vim.fs.basename(fname):lower()
    if base ~= 'security.md' and base ~= 'security.txt' then
      return -- not calling on_dir() means: do not attach
    end
    on_dir(vim.fs.root(bufnr, root_markers) or vim.fs.dirname(fname))
  end,
  -- An empty dict, not {}: an empty Lua table would be sent as a JSON array.
  settings = { secmd = vim.empty_dict() },
  -- initializationOptions = settings.secmd, overlaid with any init_options.
  before_init = function(params, config)
    local from_settings = (config.settings or {}).secmd or {}
    local opts = vim.tbl_deep_extend('force', vim.deepcopy(from_settings), config.init_options or {})
    params.initializationOptions = next(opts) == nil and vim.empty_dict() or opts
  end,
}
