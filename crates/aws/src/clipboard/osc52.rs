//! OSC 52: the terminal (even across SSH) sets its own clipboard. Write-only, so clearing
//! cannot check what the clipboard holds: it overwrites it with a single space (an empty
//! payload is ignored or read as a query by some terminals). Under GNU screen the sequence
//! goes through screen's DCS passthrough, in chunks screen accepts. A payload longer than
//! terminals take is refused, and said, rather than silently dropped by the terminal.

use std::io::Write;

use base64::Engine as _;
use zeroize::Zeroizing;

use super::Backend;

/// The longest base64 payload sent: the limit of the strictest common terminals (hterm,
/// and so ChromeOS and many web terminals); about 56 KB of text.
pub(crate) const MAX_OSC52_PAYLOAD: usize = 74_994;
/// What a clear puts on the clipboard: one space, base64.
const CLEARED: &str = "IA==";
/// screen passes a DCS string on only up to a few hundred bytes: the payload goes in chunks.
const SCREEN_CHUNK: usize = 76;

/// What sits between smtui and the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Multiplexer {
    None,
    /// GNU screen (`$STY`): OSC 52 must be wrapped in DCS passthrough.
    Screen,
}

impl Multiplexer {
    /// From the environment: GNU screen sets `STY`.
    pub(crate) fn detect() -> Self {
        if std::env::var_os("STY").is_some() {
            Multiplexer::Screen
        } else {
            Multiplexer::None
        }
    }
}

pub(crate) struct Osc52Backend<W: Write + Send> {
    out: W,
    multiplexer: Multiplexer,
}

impl<W: Write + Send> Osc52Backend<W> {
    #[cfg(test)]
    pub(crate) fn new(out: W) -> Self {
        Self::through(out, Multiplexer::None)
    }

    pub(crate) fn through(out: W, multiplexer: Multiplexer) -> Self {
        Self { out, multiplexer }
    }

    fn send(&mut self, payload: &str) -> Result<(), String> {
        // One write, so the sequence cannot interleave with a frame (frames are drawn by the
        // same thread, before or after this). Built in place at its final size, so no
        // reallocation leaves a copy behind.
        let seq = match self.multiplexer {
            Multiplexer::None => {
                const OPEN: &str = "\u{1b}]52;c;";
                let mut seq = Zeroizing::new(String::with_capacity(OPEN.len() + payload.len() + 1));
                seq.push_str(OPEN);
                seq.push_str(payload);
                seq.push('\u{7}');
                seq
            }
            Multiplexer::Screen => {
                const OPEN: &str = "\u{1b}P\u{1b}]52;c;";
                const NEXT: &str = "\u{1b}\\\u{1b}P";
                const CLOSE: &str = "\u{7}\u{1b}\\";
                let chunks = payload.len().div_ceil(SCREEN_CHUNK);
                let size = OPEN.len() + payload.len() + chunks * NEXT.len() + CLOSE.len();
                let mut seq = Zeroizing::new(String::with_capacity(size));
                seq.push_str(OPEN);
                // Base64 is ASCII: byte chunks are character chunks.
                for (i, chunk) in payload.as_bytes().chunks(SCREEN_CHUNK).enumerate() {
                    if i > 0 {
                        seq.push_str(NEXT);
                    }
                    seq.push_str(std::str::from_utf8(chunk).unwrap_or_default());
                }
                seq.push_str(CLOSE);
                seq
            }
        };
        let result = self
            .out
            .write_all(seq.as_bytes())
            .and_then(|()| self.out.flush());
        drop(seq);
        result.map_err(|e| e.to_string())
    }
}

impl<W: Write + Send> Backend for Osc52Backend<W> {
    fn name(&self) -> &'static str {
        match self.multiplexer {
            Multiplexer::None => "OSC 52",
            Multiplexer::Screen => "OSC 52 through screen",
        }
    }

    fn writes_to_terminal(&self) -> bool {
        true
    }

    fn set(&mut self, text: &str) -> Result<(), String> {
        let encoded = Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(text));
        if encoded.len() > MAX_OSC52_PAYLOAD {
            return Err(format!(
                "not copied: {} bytes is more than terminals take over OSC 52 (about {} KB)",
                text.len(),
                MAX_OSC52_PAYLOAD / 4 * 3 / 1000
            ));
        }
        self.send(&encoded)
    }

    fn get(&mut self) -> Result<Option<Zeroizing<String>>, String> {
        Ok(None)
    }

    fn clear(&mut self) -> Result<(), String> {
        self.send(CLEARED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sequence_of_base64_and_a_clear_that_terminals_act_on() {
        let mut out = Vec::new();
        Osc52Backend::new(&mut out).set("hi").expect("set");
        assert_eq!(out, b"\x1b]52;c;aGk=\x07");
        let mut out = Vec::new();
        Osc52Backend::new(&mut out).clear().expect("clear");
        assert_eq!(out, b"\x1b]52;c;IA==\x07", "a space, not an empty payload");
    }

    #[test]
    fn under_screen_the_sequence_passes_through_in_chunks() {
        let mut out = Vec::new();
        let text = "x".repeat(100);
        Osc52Backend::through(&mut out, Multiplexer::Screen)
            .set(&text)
            .expect("set");
        let seq = String::from_utf8(out).expect("ascii");
        assert!(
            seq.starts_with("\u{1b}P\u{1b}]52;c;") && seq.ends_with("\u{7}\u{1b}\\"),
            "{seq:?}"
        );
        let payload: String = seq["\u{1b}P\u{1b}]52;c;".len()..seq.len() - 3]
            .split("\u{1b}\\\u{1b}P")
            .inspect(|chunk| assert!(chunk.len() <= SCREEN_CHUNK))
            .collect();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .expect("base64");
        assert_eq!(decoded, text.as_bytes());
    }

    #[test]
    fn a_value_too_large_for_terminals_is_refused_and_said() {
        let mut out = Vec::new();
        let error = Osc52Backend::new(&mut out)
            .set(&"x".repeat(60_000))
            .expect_err("too large");
        assert!(
            error.contains("not copied") && error.contains("60000 bytes"),
            "{error}"
        );
        assert!(out.is_empty(), "nothing sent");
    }
}
