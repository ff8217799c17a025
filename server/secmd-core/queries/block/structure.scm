; Blocks the secmd model is built from (tree-sitter-md block grammar).
; Captures are looked up by name in server/secmd-core/src/syntax/extract.rs.

(atx_heading) @heading
(setext_heading) @heading
(paragraph) @paragraph
(pipe_table) @table
(fenced_code_block) @code
(indented_code_block) @code
(html_block) @html
(list) @list
(list_item) @list_item
(minus_metadata) @front_matter
(plus_metadata) @front_matter
(block_quote) @quote
(link_reference_definition) @link_definition
