//! The format's speed limit for `bench/scan`: decompress a multi-member gzip file to the end
//! with flate2 (this workspace builds it with the zlib-rs backend) and nothing else.
//!
//! `cargo run --release -p pages --example gunzip -- FILE` prints
//! `{"compressed": …, "uncompressed": …, "seconds": …}`.

use std::io::{BufReader, Read};
use std::time::Instant;

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).expect("usage: gunzip FILE");
    let file = std::fs::File::open(&path)?;
    let compressed = file.metadata()?.len();
    let started = Instant::now();
    let mut gz = flate2::bufread::MultiGzDecoder::new(BufReader::with_capacity(256 * 1024, file));
    let mut buf = vec![0u8; 256 * 1024];
    let mut uncompressed = 0u64;
    loop {
        let n = gz.read(&mut buf)?;
        if n == 0 {
            break;
        }
        uncompressed += n as u64;
    }
    println!(
        "{{\"compressed\": {compressed}, \"uncompressed\": {uncompressed}, \"seconds\": {:.3}}}",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
