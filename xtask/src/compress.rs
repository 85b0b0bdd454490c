//! The encodings a server sends the release build in, each at its smallest.

use std::io::Write;

use flate2::{write::GzEncoder, Compression};

use crate::run::Result;

/// gzip at level 9, as a server compressing each answer on the fly sends it.
pub fn gzip9(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    encoder.finish().map_err(|e| e.to_string())
}

/// gzip by Zopfli: any gzip reader reads it, and it is a few percent smaller than
/// level 9 at a hundred times the time, which a build pays once for every download.
pub fn zopfli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut out,
    )
    .map_err(|e| e.to_string())?;
    Ok(out)
}

/// brotli at quality 11 with the largest window browsers accept by default.
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn zopfli_writes_gzip_that_reads_back_and_is_not_larger_than_level_9() {
        let text = b"GWS SMS session: the widget, the roster, the log. ".repeat(200);
        let small = zopfli(&text).expect("zopfli");
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&small[..])
            .read_to_end(&mut back)
            .expect("gunzip");
        assert_eq!(back, text);
        assert!(small.len() <= gzip9(&text).expect("gzip").len());
    }

    #[test]
    fn brotli_reads_back() {
        let text = b"<li class=entry>hello</li>".repeat(100);
        let packed = brotli(&text).expect("brotli");
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &packed[..], &mut back).expect("unbrotli");
        assert_eq!(back, text);
    }
}
