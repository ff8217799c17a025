-- End-to-end test of the secmd Neovim client against the real `secmd lsp`.
-- Runs in any Neovim >= 0.7 (headless):
--
--   SECMD_BIN=/path/secmd SECMD_WS=/tmp/copy-of-fixture-workspace \
--   SECMD_RTP=editors/neovim SECMD_MODE=setup|enable \
--   timeout 120 nvim --headless -u NONE -i NONE -n -c 'luafile tests/editors/neovim/test_lsp.lua'
--
-- SECMD_MODE=setup  : require("secmd").setup({ cmd = { bin, "lsp" } })  (0.7+)
-- SECMD_MODE=enable : vim.lsp.config("secmd", { cmd = ... }) + vim.lsp.enable("secmd") (0.11+)
--
-- Prints TAP-like "ok - ..." / "not ok - ..." lines and exits with status 0
-- only when every check passed. The expected diagnostics live in
-- tests/editors/expected.json (shared with the VS Code test).
local bin = assert(os.getenv("SECMD_BIN"), "SECMD_BIN not set")
local ws = assert(os.getenv("SECMD_WS"), "SECMD_WS not set")
local rtp = assert(os.getenv("SECMD_RTP"), "SECMD_RTP not set")
local expected_path = assert(os.getenv("SECMD_EXPECTED"), "SECMD_EXPECTED not set")
local mode = os.getenv("SECMD_MODE") or "setup"
local label = os.getenv("SECMD_LABEL") or ("nvim " .. mode)

local passed, failed = 0, 0
local function out(s)
  io.stdout:write(s .. "\n")
  io.stdout:flush()
end
local function check(cond, name, detail)
  if cond then
    passed = passed + 1
    out("ok - " .. label .. ": " .. name)
  else
    failed = failed + 1
    out("not ok - " .. label .. ": " .. name .. (detail and ("\n    " .. detail) or ""))
  end
  return cond
end
local function finish()
  out(string.format("# %s: %d passed, %d failed", label, passed, failed))
  if failed == 0 then
    vim.cmd("qall!")
  else
    vim.cmd("cquit 1")
  end
end

local function read_file(p)
  local f = assert(io.open(p, "r"))
  local s = f:read("*a")
  f:close()
  return s
end
local expected = vim.fn.json_decode(read_file(expected_path))

vim.opt.runtimepath:prepend(rtp)
vim.opt.swapfile = false
vim.opt.shortmess:append("F")
vim.cmd("filetype on")

local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
local function secmd_clients(bufnr)
  local res = {}
  for _, c in pairs(get_clients()) do
    if c.name == "secmd" and (bufnr == nil or (c.attached_buffers and c.attached_buffers[bufnr])) then
      table.insert(res, c)
    end
  end
  return res
end

-- Raw LSP diagnostics as published by the server, by URI.
local published = {}
local orig = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  if result and result.uri then
    published[result.uri] = { diagnostics = result.diagnostics, version = result.version, seq = (published[result.uri] and published[result.uri].seq or 0) + 1 }
  end
  return orig(err, result, ctx, config)
end

-- Neovim 0.10+ pulls diagnostics (textDocument/diagnostic) when the server
-- offers it; record those reports too.
local orig_pull = vim.lsp.handlers["textDocument/diagnostic"]
if orig_pull then
  vim.lsp.handlers["textDocument/diagnostic"] = function(err, result, ctx, config)
    local puri = ctx and ctx.params and ctx.params.textDocument and ctx.params.textDocument.uri
    if puri and result and result.kind == "full" then
      published[puri] = { diagnostics = result.items or {}, seq = (published[puri] and published[puri].seq or 0) + 1, pulled = true }
    end
    return orig_pull(err, result, ctx, config)
  end
end

local function summarize(diags)
  local parts = {}
  for _, d in ipairs(diags or {}) do
    table.insert(parts, string.format("%s@%d:%d", tostring(d.code), d.range.start.line, d.range.start.character))
  end
  table.sort(parts)
  return table.concat(parts, ", ")
end

local function compare(diags, exp)
  local got = {}
  for _, d in ipairs(diags or {}) do
    table.insert(got, string.format("%s@%d:%d", tostring(d.code), d.range.start.line, d.range.start.character))
  end
  table.sort(got)
  local want = {}
  for _, e in ipairs(exp) do
    table.insert(want, string.format("%s@%d:%d", e.code, e.line, e.character))
  end
  table.sort(want)
  return table.concat(got, ", ") == table.concat(want, ", "), table.concat(got, ", "), table.concat(want, ", ")
end

local function open(rel)
  vim.cmd("edit " .. vim.fn.fnameescape(ws .. "/" .. rel))
  return vim.api.nvim_get_current_buf()
end

-- 1. Configure the client the way a user would.
if mode == "enable" then
  check(vim.lsp.enable ~= nil and vim.lsp.config ~= nil, "vim.lsp.enable/config exist (Neovim 0.11+)")
  local cfg_file = vim.api.nvim_get_runtime_file("lsp/secmd.lua", false)[1]
  check(cfg_file ~= nil and cfg_file:find(rtp, 1, true) ~= nil, "lsp/secmd.lua found on runtimepath", tostring(cfg_file))
  vim.lsp.config("secmd", { cmd = { bin, "lsp" } })
  vim.lsp.enable("secmd")
else
  require("secmd").setup({ cmd = { bin, "lsp" } })
end

-- 2. A Markdown file that is not a security policy: no client.
local notes = open("NOTES.md")
vim.wait(1500, function() return false end)

-- 3. The defective SECURITY.md.
local buf = open("SECURITY.md")
local uri = vim.uri_from_bufnr(buf)
check(vim.bo[buf].filetype == "markdown", "SECURITY.md has filetype markdown", vim.bo[buf].filetype)
local got_diags = vim.wait(20000, function()
  return published[uri] ~= nil and #published[uri].diagnostics > 0
end, 50)
check(#secmd_clients(buf) == 1, "exactly one secmd client attached to SECURITY.md", tostring(#secmd_clients(buf)))
if not check(got_diags, "secmd published diagnostics for SECURITY.md within 20s") then
  return finish()
end
check(#secmd_clients(notes) == 0, "no secmd client attached to NOTES.md")
check(published[vim.uri_from_bufnr(notes)] == nil, "no diagnostics published for NOTES.md")

local diags = published[uri].diagnostics
local all_secmd = true
for _, d in ipairs(diags) do
  all_secmd = all_secmd and d.source == "secmd" and type(d.code) == "string"
end
check(all_secmd, "every diagnostic has source \"secmd\" and a string code")
local same, got_s, want_s = compare(diags, expected.diagnostics)
check(same, "diagnostic codes and positions match expected.json", "got:  " .. got_s .. "\n    want: " .. want_s)

-- The diagnostics also reach Neovim's own diagnostic UI (vim.diagnostic).
local vd = vim.diagnostic.get(buf)
local vd_codes = {}
for _, d in ipairs(vd) do
  if d.source == "secmd" then
    table.insert(vd_codes, string.format("%s@%d", tostring(d.code), d.lnum))
  end
end
table.sort(vd_codes)
local want_vd = {}
for _, e in ipairs(expected.diagnostics) do
  table.insert(want_vd, string.format("%s@%d", e.code, e.line))
end
table.sort(want_vd)
check(table.concat(vd_codes, ",") == table.concat(want_vd, ","), "vim.diagnostic.get() shows the same codes and lines",
  table.concat(vd_codes, ",") .. " vs " .. table.concat(want_vd, ","))

-- 4. Quick fix "Use https" through textDocument/codeAction, applied to the buffer.
local fix = expected.quickfix
local target
for _, d in ipairs(diags) do
  if d.code == fix.code then
    target = d
  end
end
if check(target ~= nil, "found a " .. fix.code .. " diagnostic to fix") then
  local params = {
    textDocument = { uri = uri },
    range = target.range,
    context = { diagnostics = { target }, only = { "quickfix" } },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
  local action, action_client
  local titles = {}
  for client_id, resp in pairs(responses) do
    for _, a in ipairs(resp.result or {}) do
      table.insert(titles, a.title)
      if a.title == fix.title then
        action, action_client = a, vim.lsp.get_client_by_id(client_id)
      end
    end
  end
  if check(action ~= nil, "server offers code action \"" .. fix.title .. "\"", "got: " .. table.concat(titles, " | ")) then
    if not action.edit and not action.command and action_client and action_client.server_capabilities
      and type(action_client.server_capabilities.codeActionProvider) == "table"
      and action_client.server_capabilities.codeActionProvider.resolveProvider then
      local r = vim.lsp.buf_request_sync(buf, "codeAction/resolve", action, 10000) or {}
      for _, resp in pairs(r) do
        if resp.result then
          action = resp.result
        end
      end
    end
    check(action.edit ~= nil, "code action carries a WorkspaceEdit")
    if action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, action_client.offset_encoding or "utf-16")
    end
    if action.command then
      local cmd = type(action.command) == "table" and action.command or action
      action_client.request("workspace/executeCommand", { command = cmd.command, arguments = cmd.arguments }, function() end, buf)
    end
    local line = vim.api.nvim_buf_get_lines(buf, fix.line, fix.line + 1, false)[1]
    check(line == fix.after, "buffer line " .. fix.line .. " rewritten to https", "got:  " .. tostring(line) .. "\n    want: " .. fix.after)
    -- The edit travels back to the server via didChange: the warning goes away.
    local cleared = vim.wait(10000, function()
      for _, d in ipairs(published[uri].diagnostics) do
        if d.code == fix.code and d.range.start.line == fix.line then
          return false
        end
      end
      return true
    end, 50)
    check(cleared, fix.code .. " diagnostic on line " .. fix.line .. " cleared after the fix", summarize(published[uri].diagnostics))
  end
end

-- 5. Completion after "## " at the start of a new line.
local comp = expected.completion
local last = vim.api.nvim_buf_line_count(buf)
vim.api.nvim_buf_set_lines(buf, last, last, false, { "", "## " })
local cline = last + 1
vim.api.nvim_win_set_cursor(0, { cline + 1, 3 })
vim.wait(600, function() return false end) -- let the debounced didChange go out
local cresp = vim.lsp.buf_request_sync(buf, "textDocument/completion", {
  textDocument = { uri = uri },
  position = { line = cline, character = 3 },
  context = { triggerKind = 1 },
}, 10000) or {}
local labels = {}
for _, resp in pairs(cresp) do
  local items = resp.result and (resp.result.items or resp.result) or {}
  for _, item in ipairs(items) do
    table.insert(labels, item.label)
  end
end
local have = {}
for _, l in ipairs(labels) do
  have[l] = true
end
local missing = {}
for _, l in ipairs(comp.includes) do
  if not have[l] then
    table.insert(missing, l)
  end
end
check(#labels > 0 and #missing == 0, "completion after \"## \" offers the missing section headings",
  "got: [" .. table.concat(labels, " | ") .. "] missing: [" .. table.concat(missing, " | ") .. "]")
local unexpected = {}
for _, l in ipairs(comp.excludes or {}) do
  if have[l] then
    table.insert(unexpected, l)
  end
end
check(#unexpected == 0, "completion does not offer sections the file already has",
  "offered: [" .. table.concat(unexpected, " | ") .. "]")

-- 6. A lower-case security.md in a sub-directory is also a security policy.
local lower = open("docs/security.md")
local luri = vim.uri_from_bufnr(lower)
local got_lower = vim.wait(20000, function()
  return published[luri] ~= nil and #published[luri].diagnostics > 0
end, 50)
check(got_lower and #secmd_clients(lower) == 1, "secmd attaches to docs/security.md (lower case)")
if got_lower then
  local found = false
  for _, d in ipairs(published[luri].diagnostics) do
    if d.code == expected.lowercase.code and d.range.start.line == expected.lowercase.line then
      found = true
    end
  end
  check(found, "docs/security.md has " .. expected.lowercase.code .. " on line " .. expected.lowercase.line,
    summarize(published[luri].diagnostics))
  -- A workspace finding: the server reads the folder around the file and
  -- knows GitHub shows the root SECURITY.md instead of this one.
  local wexp = expected.workspace
  local wfound = false
  for _, d in ipairs(published[luri].diagnostics) do
    if d.code == wexp.code and d.range.start.line == wexp.line and d.message == wexp.message then
      wfound = true
    end
  end
  check(wfound, wexp.file .. " has the workspace finding " .. wexp.code .. " on line " .. wexp.line,
    summarize(published[luri].diagnostics))
end

-- 6b. The Scorecard lens: the server predicts OpenSSF Scorecard's
-- Security-Policy score on the policy's first line (a code lens).
local sexp = expected.scorecardLens
local lresp = vim.lsp.buf_request_sync(buf, "textDocument/codeLens",
  { textDocument = { uri = vim.uri_from_bufnr(buf) } }, 10000) or {}
local titles, lens_found = {}, false
for _, r in pairs(lresp) do
  for _, lens in ipairs(r.result or {}) do
    local title = lens.command and lens.command.title or "(unresolved)"
    table.insert(titles, lens.range.start.line .. ": " .. title)
    if lens.range.start.line == sexp.line and title == sexp.title then
      lens_found = true
    end
  end
end
check(lens_found, sexp.file .. " has the Scorecard lens on line " .. sexp.line .. ": " .. sexp.title,
  table.concat(titles, "\n"))

-- 7. Stop every server this test started, and verify the processes are gone.
local function server_pids()
  local pids = {}
  local me = vim.fn.getpid()
  for _, task in ipairs(vim.fn.glob("/proc/" .. me .. "/task/*/children", false, true)) do
    local f = io.open(task, "r")
    if f then
      for pid in f:read("*a"):gmatch("%d+") do
        local cf = io.open("/proc/" .. pid .. "/cmdline", "r")
        local cmdline = cf and cf:read("*a") or ""
        if cf then cf:close() end
        local is_server = false
        for arg in cmdline:gmatch("[^%z]+") do
          is_server = is_server or arg == bin
        end
        if is_server then
          table.insert(pids, tonumber(pid))
        end
      end
      f:close()
    end
  end
  return pids
end
local pids = server_pids()
check(#pids >= 1, "found the secmd lsp child process(es)", "pids: " .. table.concat(pids, ","))
out("# server pids: " .. table.concat(pids, " "))
local ids = {}
for _, c in ipairs(secmd_clients()) do
  table.insert(ids, c.id)
end
vim.lsp.stop_client(ids)
local function alive(pid)
  -- a zombie (exited but not yet reaped) counts as gone
  local f = io.open("/proc/" .. pid .. "/stat", "r")
  if not f then return false end
  local stat = f:read("*a")
  f:close()
  return not stat:match("^%d+ %b() Z")
end
local exited = vim.wait(10000, function()
  for _, pid in ipairs(pids) do
    if alive(pid) then return false end
  end
  return true
end, 50)
check(exited, "secmd lsp exited after shutdown/exit")
for _, pid in ipairs(pids) do
  if alive(pid) then
    vim.loop.kill(pid, 9)
  end
end
finish()
