-- secmd: thin Neovim client for `secmd lsp` (Neovim 0.7+).
--
--   require("secmd").setup({ cmd = { "/path/to/secmd", "lsp" } })
--
-- Starts (or reuses) one `secmd lsp` per project root and attaches it to every
-- buffer whose file is named SECURITY.md or security.txt (any letter case), including buffers
-- that are already open when setup() runs. On Neovim 0.11+ you can instead use
-- the bundled `lsp/secmd.lua` config with `vim.lsp.enable("secmd")`.
local M = {}

M.name = "secmd"

--- Default client configuration. Every key can be overridden through setup().
M.defaults = {
  cmd = { "secmd", "lsp" },
  -- Sent as workspace/didChangeConfiguration and returned for
  -- workspace/configuration requests.
  settings = { secmd = {} },
  -- Sent in `initialize`; defaults to settings.secmd when not given.
  init_options = nil,
  -- Files whose presence marks a project root (searched upwards).
  root_markers = { ".git" },
  capabilities = nil,
  on_attach = nil,
  on_init = nil,
  handlers = nil,
  flags = nil,
}

M.config = nil
-- root_dir -> client id, for Neovim 0.7 where vim.lsp.start() does not exist.
local clients_by_root = {}

local uv = vim.loop

-- An empty Lua table encodes as a JSON array; the server expects objects.
local function obj(t)
  if type(t) == "table" and next(t) == nil then
    return vim.empty_dict()
  end
  return t
end

--- True when `name` (a path) is a file named SECURITY.md in any case.
function M.is_security_md(name)
  if type(name) ~= "string" or name == "" then
    return false
  end
  local base = name:match("[^/\\]+$") or name
  return base:lower() == "security.md"
end

--- True when `name` (a path) is a file named security.txt (RFC 9116) in any case.
function M.is_security_txt(name)
  if type(name) ~= "string" or name == "" then
    return false
  end
  local base = name:match("[^/\\]+$") or name
  return base:lower() == "security.txt"
end

local function dirname(path)
  return (path:gsub("[/\\][^/\\]*$", ""))
end

--- Nearest ancestor of `path` containing one of `markers`, else the file's directory.
function M.find_root(path, markers)
  local dir = dirname(path)
  if dir == "" then
    dir = uv.cwd()
  end
  local cur = dir
  while cur and cur ~= "" do
    for _, marker in ipairs(markers or {}) do
      if uv.fs_stat(cur .. "/" .. marker) then
        return cur
      end
    end
    local parent = dirname(cur)
    if parent == cur or parent == "" then
      break
    end
    cur = parent
  end
  return dir
end

local function has_version(minor)
  return vim.fn.has("nvim-0." .. minor) == 1
end

--- Builds the vim.lsp client config for a buffer.
function M.client_config(bufnr)
  local opts = M.config or M.defaults
  local fname = vim.api.nvim_buf_get_name(bufnr)
  local root = M.find_root(fname, opts.root_markers)
  local settings = vim.deepcopy(opts.settings or {})
  settings.secmd = obj(settings.secmd or {})
  local init_options = opts.init_options
  if init_options == nil then
    init_options = vim.deepcopy(settings.secmd)
  end
  init_options = obj(init_options)
  local user_on_init = opts.on_init
  local config = {
    name = M.name,
    cmd = opts.cmd,
    root_dir = root,
    workspace_folders = {
      { uri = vim.uri_from_fname(root), name = root },
    },
    settings = settings,
    init_options = init_options,
    capabilities = opts.capabilities or vim.lsp.protocol.make_client_capabilities(),
    on_attach = opts.on_attach,
    handlers = opts.handlers,
    flags = opts.flags or { debounce_text_changes = 150 },
    on_init = function(client, result)
      -- Neovim < 0.10 does not push settings by itself.
      if not has_version(10) then
        client.notify("workspace/didChangeConfiguration", { settings = settings })
      end
      if user_on_init then
        return user_on_init(client, result)
      end
    end,
  }
  for k, v in pairs(opts) do
    if config[k] == nil and M.defaults[k] == nil and k ~= "root_markers" then
      config[k] = v -- pass through any other vim.lsp client key
    end
  end
  return config
end

local function attach_07(bufnr, config)
  local id = clients_by_root[config.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    if not id then
      return nil
    end
    clients_by_root[config.root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- Attaches secmd to `bufnr` (default: current buffer) if it is a SECURITY.md.
--- Returns the client id, or nil.
function M.attach(bufnr)
  if bufnr == nil or bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= "" then
    return nil
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if not (M.is_security_md(name) or M.is_security_txt(name)) then
    return nil
  end
  local cmd = (M.config or M.defaults).cmd
  if type(cmd) == "table" and vim.fn.executable(cmd[1]) ~= 1 then
    vim.notify(
      string.format(
        "secmd: %q is not executable. Fix: require(\"secmd\").setup({ cmd = { \"/absolute/path/to/secmd\", \"lsp\" } }) "
          .. "(build it with `cargo build --release`: target/release/secmd), or put `secmd` on $PATH.",
        tostring(cmd[1])
      ),
      vim.log.levels.ERROR
    )
    return nil
  end
  local config = M.client_config(bufnr)
  if vim.lsp.start then -- Neovim 0.8+
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  return attach_07(bufnr, config)
end

--- Configures secmd and attaches it to SECURITY.md buffers, now and later.
--- `opts` accepts the usual client keys: cmd, settings, init_options,
--- on_attach, on_init, capabilities, handlers, flags, root_markers.
function M.setup(opts)
  opts = opts or {}
  vim.validate({
    cmd = { opts.cmd, { "table", "function" }, true },
    settings = { opts.settings, "table", true },
    init_options = { opts.init_options, "table", true },
    on_attach = { opts.on_attach, "function", true },
    capabilities = { opts.capabilities, "table", true },
  })
  M.config = vim.tbl_extend("force", vim.deepcopy(M.defaults), opts)

  local group = vim.api.nvim_create_augroup("secmd", { clear = true })
  vim.api.nvim_create_autocmd({ "BufReadPost", "BufNewFile" }, {
    group = group,
    pattern = "*",
    desc = "secmd: attach language server to SECURITY.md",
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  -- Buffers opened before setup() ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      M.attach(bufnr)
    end
  end
end

return M
