//! Print a field's history from a library's editions: `field_history LIBRARY COUNTRY FIELD`.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let lib = library::Library::open_read_only(std::path::Path::new(&a[1])).expect("library");
    match lib.field_history(&a[2], &a[3]) {
        Ok(h) => println!("{}", serde_json::to_string(&h).unwrap()),
        Err(e) => eprintln!("{e}"),
    }
}
