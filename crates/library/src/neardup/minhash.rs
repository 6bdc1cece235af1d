//! Shingles and MinHash signatures (see the module essay in `neardup/mod.rs`).

/// Hash functions in a signature.
pub const HASHES: usize = 126;
/// LSH bands (of [`ROWS`] rows each).
pub const BANDS: usize = 42;
/// Rows per band.
pub const ROWS: usize = 3;
/// Letters per confirmation shingle.
const LETTER_SHINGLE: usize = 8;

/// A MinHash signature: the minimum of each of [`HASHES`] hash functions over a copy's word
/// 3-shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u64; HASHES]);

impl Signature {
    /// One key per band (the band's rows hashed together).
    pub fn bands(&self) -> impl Iterator<Item = u64> + '_ {
        self.0.chunks(ROWS).map(|rows| {
            rows.iter()
                .fold(0xcbf2_9ce4_8422_2325u64, |h, &r| mix(h ^ r))
        })
    }
}

/// A 64-bit finalizer (splitmix64): cheap and well mixed.
pub(crate) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a over bytes.
fn fnv(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Lowercase letters and digits of a character, accents folded (`é` → `e`); none for others.
fn fold(c: char) -> Option<char> {
    if !c.is_alphanumeric() {
        return None;
    }
    let c = c.to_lowercase().next().unwrap_or(c);
    Some(match c {
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        c => c,
    })
}

/// Normalized words: letters and digits lowercased and folded; anything else separates
/// words, except an apostrophe or hyphen inside a word, which is dropped (`don't` → `dont`).
fn words(paragraphs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for p in paragraphs {
        let mut w = String::new();
        for c in p.chars() {
            match fold(c) {
                Some(f) => w.push(f),
                None if matches!(c, '\'' | '’' | '-') && !w.is_empty() => {}
                None => {
                    if !w.is_empty() {
                        out.push(std::mem::take(&mut w));
                    }
                }
            }
        }
        if !w.is_empty() {
            out.push(w);
        }
    }
    out
}

/// The MinHash signature of a body's word 3-shingles (a body under three words: its words).
pub fn signature(paragraphs: &[String]) -> Signature {
    let words = words(paragraphs);
    let hashes: Vec<u64> = if words.len() < 3 {
        words.iter().map(|w| fnv(w.bytes())).collect()
    } else {
        words
            .windows(3)
            .map(|w| {
                fnv(w[0]
                    .bytes()
                    .chain([b' '])
                    .chain(w[1].bytes())
                    .chain([b' '])
                    .chain(w[2].bytes()))
            })
            .collect()
    };
    minhash(&hashes)
}

/// The MinHash signature of a set of shingle hashes (e.g. [`letter_shingles`]).
pub fn minhash(hashes: &[u64]) -> Signature {
    let mut mins = [u64::MAX; HASHES];
    for &h in hashes {
        for (k, m) in mins.iter_mut().enumerate() {
            let v = mix(h ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if v < *m {
                *m = v;
            }
        }
    }
    Signature(mins)
}

/// The body as one stream of folded letters and digits (no spaces), cut into 8-letter
/// shingles, hashed, sorted and deduplicated: what the confirmation step compares.
pub fn letter_shingles(paragraphs: &[String]) -> Vec<u64> {
    let mut out = letter_sequence(paragraphs);
    out.sort_unstable();
    out.dedup();
    out
}

/// The hashed 8-letter shingles of [`letter_shingles`] in text order, repeats kept.
pub fn letter_sequence(paragraphs: &[String]) -> Vec<u64> {
    let letters: Vec<u8> = paragraphs
        .iter()
        .flat_map(|p| p.chars())
        .filter_map(fold)
        .flat_map(|c| {
            let mut buf = [0u8; 4];
            c.encode_utf8(&mut buf).as_bytes().to_vec()
        })
        .collect();
    letters
        .windows(LETTER_SHINGLE)
        .map(|w| fnv(w.iter().copied()))
        .collect()
}
