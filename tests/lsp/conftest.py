"""pytest-lsp fixtures: a real LSP client (pygls) driving the release
`secmd lsp` binary over stdio, with the capabilities of real editors.

The binary comes from $SECMD_BINARY (set by .ci/lsp.sh).
"""

import os

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

BINARY = os.environ.get("SECMD_BINARY", "secmd")

# VS Code 1.65 pushes diagnostics and speaks UTF-16; Neovim 0.11 pulls them
# and offers UTF-8; Emacs 29 pushes and offers UTF-8.
CLIENTS = ["visual-studio-code", "neovim@v0.11.0", "emacs"]


@pytest_lsp.fixture(
    params=CLIENTS,
    config=ClientServerConfig(
        server_command=[BINARY, "lsp", "--stdio"],
        server_env={
            **os.environ,
            "SECMD_PARANOID": "1",
            "SECMD_TODAY": "2026-11-23",
        },
    ),
)
async def client(request, lsp_client: LanguageClient):
    # secmd registers its config-file watcher dynamically; pytest-lsp's
    # client has no default handler for that request.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: types.RegistrationParams):
        lsp_client.registrations = list(params.registrations)
        return None

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(request.param),
            root_uri=None,
            workspace_folders=None,
        )
    )
    yield
    await lsp_client.shutdown_session()
    # Exit code 0 after shutdown + exit.
    assert lsp_client._server is not None
    assert lsp_client._server.returncode == 0
