; Inline elements the secmd model records (tree-sitter-md inline grammar).
; Captures are looked up by name in server/secmd-core/src/model/extract.rs.

(inline_link
  (link_text)? @link.text
  (link_destination)? @link.destination) @link

(image
  (link_destination)? @image.destination) @image

(full_reference_link
  (link_text) @reflink.text
  (link_label) @reflink.label) @reflink

(collapsed_reference_link
  (link_text) @reflink.text) @reflink

(uri_autolink) @autolink
(email_autolink) @email_autolink
(code_span) @code
(html_tag) @html
(strong_emphasis) @strong
