//! The terminal's output. What smtui draws (a revealed value among it) goes through one
//! buffer allocated once, at its full size, and zeroed after every write to the terminal.
//! Std's stdout would keep the last bytes drawn in its own buffer, freed or reused without
//! being cleared; this one never reallocates (so leaves no stray copy) and never holds
//! more than one frame's bytes, and only until they are written.

use std::io::{self, Write};
use std::os::fd::AsFd;

use zeroize::Zeroize as _;

/// Bytes held before a write to the terminal is forced (a frame is usually far less).
const CAPACITY: usize = 256 * 1024;

/// A writer to `target` (the terminal's stdout) through a zeroed buffer.
pub(crate) struct ScrubbedOut<F: AsFd> {
    target: F,
    buffer: Vec<u8>,
}

impl ScrubbedOut<io::Stdout> {
    pub(crate) fn stdout() -> Self {
        Self::new(io::stdout())
    }
}

impl<F: AsFd> ScrubbedOut<F> {
    pub(crate) fn new(target: F) -> Self {
        Self {
            target,
            buffer: Vec::with_capacity(CAPACITY),
        }
    }

    /// Writes `data` straight to the file descriptor (no other buffer in between).
    fn write_through(&self, mut data: &[u8]) -> io::Result<()> {
        while !data.is_empty() {
            match nix::unistd::write(self.target.as_fd(), data) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => data = &data[n..],
                Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// The bytes still held (for tests: after a flush, none).
    #[cfg(test)]
    pub(crate) fn pending(&self) -> usize {
        self.buffer.len()
    }

    /// The buffer's size: it never grows, so it is never copied.
    #[cfg(test)]
    pub(crate) fn capacity(&self) -> usize {
        self.buffer.capacity()
    }
}

impl<F: AsFd> Write for ScrubbedOut<F> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.buffer.len() + data.len() > self.buffer.capacity() {
            self.flush()?;
        }
        if data.len() > self.buffer.capacity() {
            self.write_through(data)?;
        } else {
            self.buffer.extend_from_slice(data);
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let written = self.write_through(&self.buffer);
        // Zeroed whether or not the write worked: nothing drawn stays in memory.
        self.buffer.as_mut_slice().zeroize();
        self.buffer.clear();
        written
    }
}

impl<F: AsFd> Drop for ScrubbedOut<F> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read as _, Seek as _};

    #[test]
    fn bytes_arrive_in_order_and_the_buffer_is_empty_after_each_flush() {
        let mut file = tempfile::tempfile().expect("tempfile");
        let mut out = ScrubbedOut::new(file.try_clone().expect("clone"));
        let capacity = out.capacity();
        let mut expected = Vec::new();
        for i in 0..50_000u32 {
            let piece = format!("cell {i};");
            out.write_all(piece.as_bytes()).expect("write");
            expected.extend_from_slice(piece.as_bytes());
        }
        let big = vec![b'x'; CAPACITY + 10];
        out.write_all(&big).expect("a write larger than the buffer");
        expected.extend_from_slice(&big);
        out.flush().expect("flush");
        assert_eq!(out.pending(), 0);
        assert_eq!(out.capacity(), capacity, "never reallocated");
        file.rewind().expect("rewind");
        let mut written = Vec::new();
        file.read_to_end(&mut written).expect("read");
        assert!(written == expected, "every byte, in order");
    }
}
