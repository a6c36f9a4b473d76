-- Drives Neovim's own LSP client (Neovim 0.7 API: vim.lsp.start_client) against the Breakwater
-- language server, as a user would: open a spec, delete lines, wait for the diagnostic, ask
-- for the hover, pick a quick fix from `vim.lsp.buf.code_action()` (vim.ui.select answered
-- by this script) and let Neovim apply it. Everything observed is written as JSON to
-- params.results; the test (test/integration/neovim.test.ts) asserts on it.
--   nvim --headless --clean -n -c "luafile drive.lua" with BREAKWATER_NVIM_PARAMS=<params.json>
local params = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('BREAKWATER_NVIM_PARAMS')), '\n'))
local out = { steps = {} }

local function step(name) table.insert(out.steps, name) end
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(out) }, params.results)
  vim.cmd('qa!')
end

local function wait_for(what, ms, cond)
  if not vim.wait(ms, cond, 20) then error('timed out waiting for ' .. what) end
end

local function breakwater_diagnostics(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'breakwater' then table.insert(found, d) end
  end
  return found
end

-- Errors and warnings only: once a removal becomes a deprecation, an information-level finding
-- ("... was deprecated", a changelog entry) takes its place, and that is the fix working.
local function breaking_diagnostics(bufnr)
  local found = {}
  for _, d in ipairs(breakwater_diagnostics(bufnr)) do
    if d.severity <= vim.diagnostic.severity.WARN then table.insert(found, d) end
  end
  return found
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(params.spec))
  local bufnr = vim.api.nvim_get_current_buf()
  local publications = 0
  local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    publish(err, result, ctx, config)
    publications = publications + 1
  end

  local id = vim.lsp.start_client({ name = 'breakwater', cmd = params.cmd, root_dir = params.root })
  if not id then error('vim.lsp.start_client failed') end
  vim.lsp.buf_attach_client(bufnr, id)
  wait_for('the first diagnostics (none: the spec is as committed)', 20000, function() return publications > 0 end)
  out.initial = #breakwater_diagnostics(bufnr)
  step('opened')

  -- The user deletes the lines of a response property.
  vim.api.nvim_buf_set_lines(bufnr, params.delete[1], params.delete[2], false, {})
  wait_for('the diagnostic', 20000, function() return #breakwater_diagnostics(bufnr) > 0 end)
  local d = breakwater_diagnostics(bufnr)[1]
  out.diagnostics = {}
  for _, x in ipairs(breakwater_diagnostics(bufnr)) do
    table.insert(out.diagnostics, { code = x.code, message = x.message, lnum = x.lnum, col = x.col, severity = x.severity })
  end
  step('diagnosed')

  -- Hover on the diagnostic's line, through Neovim's client.
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = d.lnum, character = d.col + 1 },
  }, 10000)
  local h = hover and hover[id] and hover[id].result
  out.hover = h and h.contents and (h.contents.value or h.contents) or vim.NIL
  step('hovered')

  -- The quick fix: Neovim asks the server for code actions on the cursor line, we pick one by title.
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  out.titles = {}
  vim.ui.select = function(items, opts, on_choice)
    local chosen
    for _, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(out.titles, title)
      if not chosen and title:find(params.pick, 1, true) then chosen = item end
    end
    on_choice(chosen)
  end
  vim.lsp.buf.code_action()
  -- A fix edits the buffer; "Accept" on a warning edits only .breakwater.yaml (the finding then goes).
  wait_for('the quick fix to be applied', 20000, function() return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick or #breaking_diagnostics(bufnr) == 0 end)
  out.fixed = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
  wait_for('the breaking diagnostic to go', 20000, function() return #breaking_diagnostics(bufnr) == 0 end)
  step('fixed')
  vim.lsp.stop_client(id)
end

local ok, err = pcall(run)
if not ok then out.error = tostring(err) end
finish()
