//! ZIM for Kiwix: the static site (written by `server::site`) packed by Debian's
//! `zimwriterfs` (package `zim-tools`), with the metadata Kiwix shows: Title, Description,
//! Language `eng`, Creator, Publisher, Date (zimwriterfs stamps today's), a 48×48 PNG
//! Illustration and Tags. The full-text index is built by zimwriterfs (Kiwix's search).

use std::path::Path;
use std::process::Command;

use crate::{Error, Result, WrittenFile, io_err};

/// The program that packs a ZIM.
pub const TOOL: &str = "zimwriterfs";

/// What Kiwix shows about the file.
#[derive(Debug, Clone)]
pub struct Metadata {
    /// Short title (at most 30 characters).
    pub title: String,
    /// One line (at most 80 characters).
    pub description: String,
    /// Who wrote the content.
    pub creator: String,
    /// Who made the file.
    pub publisher: String,
    /// Kiwix name, e.g. `areabook_en_all`.
    pub name: String,
    /// `;`-separated tags.
    pub tags: String,
}

impl Default for Metadata {
    fn default() -> Metadata {
        Metadata {
            title: "areabook".into(),
            description: "Country Studies and World Factbook, offline and searchable".into(),
            creator: "Library of Congress Federal Research Division / CIA".into(),
            publisher: "areabook".into(),
            name: "areabook_en_all".into(),
            tags: "_category:other;history;geography;reference;country-studies;factbook".into(),
        }
    }
}

/// Whether `zimwriterfs` can be run (it prints its version).
pub fn available() -> bool {
    Command::new(TOOL).arg("--version").output().is_ok()
}

/// Pack the site in `site` into the ZIM file `out`. Writes `illustration-48.png` into the
/// site first. [`Error::MissingTool`] when `zimwriterfs` is not installed.
pub fn pack(site: &Path, out: &Path, meta: &Metadata) -> Result<WrittenFile> {
    if !available() {
        return Err(Error::MissingTool {
            tool: TOOL,
            hint: "install Debian's zim-tools (apt-get install zim-tools) to write ZIM files",
        });
    }
    let icon = site.join("illustration-48.png");
    std::fs::write(&icon, illustration()).map_err(io_err(&icon))?;
    let mut part = out.as_os_str().to_owned();
    part.push(".part.zim");
    let part = std::path::PathBuf::from(part);
    let _ = std::fs::remove_file(&part);
    let output = Command::new(TOOL)
        .arg("--welcome=index.html")
        .arg("--illustration=illustration-48.png")
        .arg("--language=eng")
        .arg(format!("--title={}", meta.title))
        .arg(format!("--description={}", meta.description))
        .arg(format!("--creator={}", meta.creator))
        .arg(format!("--publisher={}", meta.publisher))
        .arg(format!("--name={}", meta.name))
        .arg(format!("--tags={}", meta.tags))
        .arg(site)
        .arg(&part)
        .output()
        .map_err(io_err(out))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: String = stderr
            .lines()
            .rev()
            .take(5)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n");
        let _ = std::fs::remove_file(&part);
        return Err(Error::Tool {
            tool: TOOL,
            status: output.status.to_string(),
            stderr: tail,
        });
    }
    std::fs::rename(&part, out).map_err(io_err(out))?;
    let bytes = std::fs::metadata(out).map_err(io_err(out))?.len();
    Ok(WrittenFile {
        path: out.to_owned(),
        rows: 0,
        bytes,
    })
}

/// A 48×48 RGBA PNG: an open book, ink blue on paper (drawn here, stored uncompressed).
pub fn illustration() -> Vec<u8> {
    const N: usize = 48;
    let mut raw = Vec::with_capacity(N * (1 + 4 * N));
    for y in 0..N {
        raw.push(0); // filter: none
        for x in 0..N {
            let border = x < 3 || y < 3 || x >= N - 3 || y >= N - 3;
            let spine = (23..25).contains(&x) && (8..40).contains(&y);
            let page = (8..40).contains(&x) && (10..38).contains(&y);
            let line = page && !spine && y % 5 == 0 && (x % 24) > 2 && (x % 24) < 20;
            let px: [u8; 4] = if border || spine || line {
                [0x1f, 0x3a, 0x68, 0xff]
            } else if page {
                [0xff, 0xff, 0xff, 0xff]
            } else {
                [0xf3, 0xe9, 0xd2, 0xff]
            };
            raw.extend_from_slice(&px);
        }
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&(N as u32).to_be_bytes());
    ihdr.extend_from_slice(&(N as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &zlib_stored(&raw));
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = png.len();
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let crc = crc32(&png[start..]);
    png.extend_from_slice(&crc.to_be_bytes());
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// zlib with stored (uncompressed) deflate blocks.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, b) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = b.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(b);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_illustration_is_a_48_pixel_png() {
        let png = super::illustration();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 48);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 48);
        // The CRC of IHDR as any PNG reader checks it.
        let crc = u32::from_be_bytes(png[29..33].try_into().unwrap());
        assert_eq!(crc, super::crc32(&png[12..29]));
        assert!(png.ends_with(b"IEND\xaeB`\x82"));
    }
}
