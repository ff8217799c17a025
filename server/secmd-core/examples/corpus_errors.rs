//! Debug helper: which files parse with tree-sitter errors, and chunk counts.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let whole = secmd_core::syntax::parse_markdown(&text);
        let doc = secmd_core::Document::new(&text);
        let err = whole.block_tree().root_node().has_error();
        let v = doc.verify();
        if err || v.is_err() {
            println!(
                "{path}: error={err} chunks={} verify={v:?}",
                doc.chunks().len()
            );
        }
    }
}
