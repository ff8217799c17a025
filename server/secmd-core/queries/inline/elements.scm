; Inline elements the secmd model records (tree-sitter-md inline grammar).
; Captures are looked up by name in server/secmd-core/src/syntax/extract.rs.
;
; Every pattern is a single node on purpose: compiling a pattern with
; (optional) children costs milliseconds of tree-sitter's query analysis,
; paid at every process start, while a flat pattern costs next to nothing.
; The parts of a link (its link_text and link_destination children) are
; taken from the matched node in extract.rs. Reference links are not
; recorded (their destination lives in a link_reference_definition, which
; the block query captures), nor is emphasis (bold pseudo-headings are
; found from the paragraph text).

(inline_link) @link
(image) @image
(uri_autolink) @autolink
(email_autolink) @email_autolink
(code_span) @code
(html_tag) @html
