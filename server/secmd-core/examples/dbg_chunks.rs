//! Debug helper: prints the chunks and the verify result for a text file.
fn main() {
    let path = std::env::args().nth(1).expect("path");
    let text = std::fs::read_to_string(path).unwrap();
    let doc = secmd_core::Document::new(&text);
    for c in doc.chunks() {
        println!(
            "chunk {}..{} {:?}",
            c.start,
            c.end(),
            &c.text[..c.text.len().min(40)]
        );
        println!("  {}", c.tree.block_tree().root_node().to_sexp());
    }
    let whole = secmd_core::syntax::parse_markdown(&text);
    println!("whole: {}", whole.block_tree().root_node().to_sexp());
    println!("{:?}", doc.verify());
}
