//! An SMTP sink on 127.0.0.1 for the tests of `shinchoku remind` and of the notice of a return:
//! it accepts every message (RFC 5321's few commands) and keeps it, on a thread of its own that
//! ends with the test process.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// A message the sink received: its envelope recipient and its data.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope recipient.
    pub rcpt: String,
    /// The message as sent (headers and body).
    pub data: String,
}

/// An SMTP server that accepts every message and keeps it (RFC 5321's few commands).
pub fn sink() -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let got = Arc::new(Mutex::new(Vec::new()));
    let kept = got.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let kept = kept.clone();
            std::thread::spawn(move || {
                let mut w = stream.try_clone().unwrap();
                let mut r = BufReader::new(stream);
                write!(w, "220 sink ESMTP\r\n").unwrap();
                let (mut rcpt, mut data, mut in_data) = (String::new(), String::new(), false);
                let mut line = String::new();
                while r.read_line(&mut line).unwrap_or(0) > 0 {
                    if in_data {
                        if line == ".\r\n" {
                            in_data = false;
                            kept.lock().unwrap().push(Received {
                                rcpt: rcpt.clone(),
                                data: std::mem::take(&mut data),
                            });
                            write!(w, "250 kept\r\n").unwrap();
                        } else {
                            data.push_str(&line);
                        }
                    } else {
                        let cmd = line.to_ascii_uppercase();
                        if cmd.starts_with("EHLO") {
                            write!(w, "250-sink\r\n250 8BITMIME\r\n").unwrap();
                        } else if cmd.starts_with("RCPT TO:") {
                            rcpt = line[8..].trim().trim_matches(['<', '>']).to_owned();
                            write!(w, "250 ok\r\n").unwrap();
                        } else if cmd.starts_with("DATA") {
                            in_data = true;
                            write!(w, "354 go on\r\n").unwrap();
                        } else if cmd.starts_with("QUIT") {
                            write!(w, "221 bye\r\n").unwrap();
                            return;
                        } else {
                            write!(w, "250 ok\r\n").unwrap();
                        }
                    }
                    line.clear();
                }
            });
        }
    });
    (addr, got)
}

/// The text of a message's base64 body.
pub fn body(data: &str) -> String {
    let (_, b64) = data.split_once("\r\n\r\n").unwrap();
    let (mut bits, mut n, mut out) = (0u32, 0u32, Vec::new());
    for c in b64.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue, // line breaks, padding
        };
        bits = (bits << 6) | u32::from(v);
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push(u8::try_from((bits >> n) & 0xff).unwrap());
        }
    }
    String::from_utf8(out).unwrap()
}
