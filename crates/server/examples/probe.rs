fn main() {
    let lib = library::Library::open_read_only(std::path::Path::new("/tmp/benchlib")).unwrap();
    let t = std::time::Instant::now();
    for _ in 0..5000 { let _ = lib.section("45960972b9752109").unwrap(); }
    println!("section: {:?}/call", t.elapsed() / 5000);
    let q = library::SearchQuery { text: "Northern Territories".into(), limit: 20, ..Default::default() };
    let t = std::time::Instant::now();
    for _ in 0..1000 { let _ = lib.search(&q).unwrap(); }
    println!("search: {:?}/call", t.elapsed() / 1000);
    let q = library::SearchQuery { text: "population growth rate".into(), limit: 20, ..Default::default() };
    let t = std::time::Instant::now();
    for _ in 0..1000 { let _ = lib.search(&q).unwrap(); }
    println!("search3: {:?}/call", t.elapsed() / 1000);
}
