"""End-to-end tests of `secmd lsp` with pytest-lsp (an external client)."""

from lsprotocol import types
from pytest_lsp import LanguageClient

URI = "file:///nonexistent/repo/SECURITY.md"
README = "file:///nonexistent/repo/README.md"
LINK = "http://octo-widgets.dev/report"
# A complete policy whose only finding is the insecure link (line 11), with
# an emoji and CJK before it.
TEXT = (
    "# Security Policy\n\n## Supported Versions\n\n"
    "| Version | Supported |\n| ------- | --------- |\n"
    "| 2.x     | ✅        |\n| 1.x     | ❌        |\n\n"
    "## Reporting a Vulnerability\n\n"
    f"😀 漢字: report at {LINK} or email security@octo-widgets.dev.\n"
    "We acknowledge reports within 3 business days.\n"
)


def pulls(client: LanguageClient) -> bool:
    caps = client.capabilities
    return bool(caps and caps.text_document and caps.text_document.diagnostic)


def utf8(client: LanguageClient) -> bool:
    general = client.capabilities.general if client.capabilities else None
    encodings = (general.position_encodings or []) if general else []
    return types.PositionEncodingKind.Utf8 in encodings


def open_doc(client: LanguageClient, uri: str, text: str, version: int = 1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=version, text=text
            )
        )
    )


async def diagnostics(client: LanguageClient, uri: str):
    """The document's diagnostics: pulled or pushed, as the client does."""
    if pulls(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=uri)
            )
        )
        assert report.kind == "full"
        return list(report.items)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


async def test_diagnostics_in_the_negotiated_encoding(client: LanguageClient):
    open_doc(client, URI, TEXT)
    diags = await diagnostics(client, URI)
    assert [(d.code, d.source, d.message) for d in diags] == [
        ("insecure-link", "secmd", f"`{LINK}` uses insecure http")
    ]
    # "😀 漢字: report at ": the emoji is 4 UTF-8 bytes or 2 UTF-16 units,
    # each CJK character 3 bytes or 1 unit.
    start = 23 if utf8(client) else 17
    assert diags[0].range == types.Range(
        start=types.Position(line=11, character=start),
        end=types.Position(line=11, character=start + len(LINK)),
    )
    assert diags[0].code_description.href == (
        "https://github.com/secmd/secmd/blob/main/docs/rules.md#insecure-link"
    )


async def test_other_markdown_is_left_alone(client: LanguageClient):
    open_doc(client, README, TEXT)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=README),
            position=types.Position(line=0, character=3),
        )
    )
    assert hover is None
    open_doc(client, URI, TEXT)
    await diagnostics(client, URI)
    assert README not in client.diagnostics
    if pulls(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=README)
            )
        )
        assert list(report.items) == []


async def test_quick_fix_applied_by_the_client_clears_the_finding(client: LanguageClient):
    open_doc(client, URI, TEXT)
    diags = await diagnostics(client, URI)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=diags[0].range,
            context=types.CodeActionContext(diagnostics=diags),
        )
    )
    titles = [a.title for a in actions]
    assert titles == [
        "Use https",
        "Ignore `insecure-link` on this line",
        "Fix 1 secmd problem",
    ]
    fix = actions[0]
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.is_preferred
    edit = fix.edit
    edits = (
        edit.document_changes[0].edits
        if edit.document_changes
        else edit.changes[URI]
    )
    assert [e.new_text for e in edits] == ["https://"]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=edits[0].range, text=edits[0].new_text
                )
            ],
        )
    )
    assert await diagnostics(client, URI) == []


async def test_outline(client: LanguageClient):
    open_doc(client, URI, TEXT)
    await diagnostics(client, URI)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    assert [s.name for s in symbols] == ["Security Policy"]
    assert [c.name for c in symbols[0].children] == [
        "Supported Versions",
        "Reporting a Vulnerability",
    ]
