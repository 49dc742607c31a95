//! E-mail through a plain SMTP relay on the office network (RFC 5321's few commands over a
//! TCP stream; no TLS and no authentication, as DESIGN.md → The yearly evaluation round says):
//! what `shinchoku remind` sends, and the notice to whoever owes an item the moment it is
//! returned (`shinchoku round return --smtp`, and the web's return when `serve --smtp` is set).
//! The text is UTF-8, its subject as RFC 2047 encoded words and its body in base64, so any
//! relay passes it unchanged.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use shinchoku_core::lang::Lang;
use shinchoku_core::round::{Person, Position, Role};
use shinchoku_store::UserSummary;

use crate::round::{due_date, LoadedRound};

/// One message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The recipient's address.
    pub to: String,
    /// The subject.
    pub subject: String,
    /// The text.
    pub body: String,
}

/// Where mail goes: the relay and the sender's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relay {
    /// `HOST:PORT`.
    pub address: String,
    /// The sender's address.
    pub from: String,
}

/// The notice of a return: one message to each account that acts on item `id` of round `l`
/// now that it is at `now` (the owning department's editors when it is back at the
/// self-evaluation, the stage's role otherwise; administrators are not told of everything),
/// with the item, who returned it and why, and the due date. Also the names of the accounts
/// that would be told but have no address.
pub fn returned(
    l: &LoadedRound,
    id: &str,
    now: Position,
    by: &str,
    reason: &str,
    users: &[UserSummary],
    lang: Lang,
) -> (Vec<Message>, Vec<String>) {
    let Some(pi) = l.plan.indicator(id) else {
        return (Vec::new(), Vec::new());
    };
    let owner = l.owner(id);
    let Some(acting) = now.acting(&l.stages) else {
        return (Vec::new(), Vec::new());
    };
    let due = due_date(&l.round.info.due, lang);
    let year = crate::view::fy(lang, l.round.info.fy);
    let (mut out, mut nowhere) = (Vec::new(), Vec::new());
    for u in users {
        let role = Role::parse(&u.role).unwrap_or(Role::Viewer);
        if matches!(role, Role::Admin | Role::Viewer) {
            continue;
        }
        let person = Person {
            name: &u.name,
            role,
            group: u.group.as_deref(),
        };
        if !person.acts_at(acting, owner.as_deref()) {
            continue;
        }
        let Some(to) = u.email.clone().filter(|e| !e.trim().is_empty()) else {
            nowhere.push(u.name.clone());
            continue;
        };
        let name = &pi.indicator.name;
        let (subject, body) = match lang {
            Lang::Ja => (
                format!("【shinchoku】差戻し：{name}（{} {year}）", l.plan.title),
                format!(
                    "{} 様\n\n{}（{}）の{year}の評価で、次の項目が{}から差し戻されました。\n\n・{name}（{}）\n　差戻しの理由：{reason}\n\n直して提出してください。期限は{due}です。\n\nshinchoku から自動で送信しています。\n",
                    u.name,
                    l.plan.title,
                    l.plan.code.as_str(),
                    by,
                    acting.label(lang),
                ),
            ),
            Lang::En => (
                format!("[shinchoku] Returned: {name} ({} {year})", l.plan.title),
                format!(
                    "Dear {},\n\nIn the {year} evaluation of {} ({}), {by} returned this item to you.\n\n- {name} ({})\n  Why: {reason}\n\nPlease correct and submit it; it is due on {due}.\n\nSent by shinchoku.\n",
                    u.name,
                    l.plan.title,
                    l.plan.code.as_str(),
                    acting.label(lang),
                ),
            ),
        };
        out.push(Message { to, subject, body });
    }
    (out, nowhere)
}

/// Base64 (RFC 4648, with padding): the encoder argon2's password hashes already build.
fn base64(bytes: &[u8]) -> String {
    use base64ct::Encoding;
    base64ct::Base64::encode_string(bytes)
}

/// A header value as RFC 2047 encoded words (`=?UTF-8?B?…?=`), each short enough for a line.
fn encoded_words(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
    }
    words.join("\r\n ")
}

/// The date header's value (RFC 5322), now, in UTC.
fn rfc5322_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let (y, m, d) = shinchoku_core::period::civil_from_days(days);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let rem = secs % 86_400;
    format!(
        "{}, {d:02} {} {y} {:02}:{:02}:{:02} +0000",
        DAYS[usize::try_from(days.rem_euclid(7)).unwrap_or(0)],
        MONTHS[usize::try_from(m - 1).unwrap_or(0).min(11)],
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Sends one message through the relay at `relay`.
pub fn send(relay: &str, from: &str, m: &Message) -> std::io::Result<()> {
    let stream = TcpStream::connect(relay)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut w = stream;
    let expect = |reader: &mut BufReader<TcpStream>, code: &str| -> std::io::Result<()> {
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 {
                return Err(std::io::Error::other("the relay closed the connection"));
            }
            if !line.starts_with(code) {
                return Err(std::io::Error::other(format!(
                    "the relay answered: {}",
                    line.trim_end()
                )));
            }
            // `250-…` continues, `250 …` ends.
            if line.as_bytes().get(3) != Some(&b'-') {
                return Ok(());
            }
        }
    };
    expect(&mut reader, "220")?;
    write!(w, "EHLO localhost\r\n")?;
    expect(&mut reader, "250")?;
    write!(w, "MAIL FROM:<{from}>\r\n")?;
    expect(&mut reader, "250")?;
    write!(w, "RCPT TO:<{}>\r\n", m.to)?;
    expect(&mut reader, "25")?;
    write!(w, "DATA\r\n")?;
    expect(&mut reader, "354")?;
    let body = base64(m.body.as_bytes());
    let mut data = format!(
        "From: {from}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
        m.to,
        encoded_words(&m.subject),
        rfc5322_now()
    );
    for line in body.as_bytes().chunks(76) {
        data.push_str(std::str::from_utf8(line).unwrap_or(""));
        data.push_str("\r\n");
    }
    // Base64 has no line that starts with a dot: no dot-stuffing needed.
    data.push_str(".\r\n");
    w.write_all(data.as_bytes())?;
    expect(&mut reader, "250")?;
    write!(w, "QUIT\r\n")?;
    let _ = expect(&mut reader, "221");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_encoded_words_are_the_rfcs() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(encoded_words("plain"), "plain");
        assert_eq!(encoded_words("評価"), "=?UTF-8?B?6KmV5L6h?=");
        assert!(rfc5322_now().ends_with("+0000"));
    }
}
