//! Nothing lost when many write at once, when the server is killed while they write, and when
//! a backup is taken while they write: the real binary (`shinchoku serve`) on SQLite and on
//! PostgreSQL, written to through the API with versions by many clients at once.
//!
//! - **Load**: 32 clients for `SHINCHOKU_LOAD_SECONDS` (10 by default; `.ci/run` sets 60)
//!   update the same four observations, each sending the version it last saw. Afterwards every
//!   acknowledged write is in the audit log, the versions acknowledged for one observation are
//!   all different, the stored value is the acknowledged write with the highest version, every
//!   refusal was a 409 and nothing answered 5xx.
//! - **Kills**: `SHINCHOKU_KILL_TRIALS` times (5 by default; `.ci/run` sets 20) the server is
//!   killed with SIGKILL while 8 clients write; then the database passes its integrity check and
//!   holds every acknowledged write, and the server starts again on it.
//! - **Backup**: `shinchoku backup` while 8 clients write gives a copy that is the source at one
//!   moment: every stored value is the last one its audit log records, and the copy's audit log
//!   is the first part of the source's.
//!
//! The figures of a run go to stderr (`cargo test … -- --nocapture`); RELIABILITY.md records
//! them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use shinchoku_store::Store;
use shinchoku_testkit::bin;
use shinchoku_testkit::db::{databases, runtime};
use shinchoku_testkit::scratch::scratch;

const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");
const PLAN: &str = "yamaguchi-industry-2022";
const PERIODS: [&str; 4] = ["FY2022", "FY2023", "FY2024", "FY2025"];
const WRITER: &str = "loadwriter";

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The server's process, killed if a test fails before it stops it.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `shinchoku serve` on `db`, on a free port.
fn serve(db: &str, dir: &std::path::Path) -> (Running, SocketAddr) {
    let mut child = bin::command(SHINCHOKU)
        .args(["serve", "--db", db, "--bind", "127.0.0.1:0", "--quiet"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .parse()
        .unwrap();
    (Running(child), addr)
}

/// The plan stored, an account that may write it, and its token.
fn prepare(db: &str, dir: &std::path::Path) -> String {
    let plan = shinchoku_testkit::fixtures::example("design-example.toml");
    bin::ok(bin::run(
        SHINCHOKU,
        &["import", plan.to_str().unwrap(), "--db", db],
        dir,
    ));
    let mut add = std::process::Command::new(SHINCHOKU)
        .args(["user", "add", WRITER, "--role", "planner", "--db", db])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all("夏の朝に海を見に行く予定\n".as_bytes())
        .unwrap();
    assert!(add.wait().unwrap().success());
    let o = bin::ok(bin::run(
        SHINCHOKU,
        &["token", "add", "--user", WRITER, "--db", db],
        dir,
    ));
    String::from_utf8(o.stdout).unwrap().trim().to_owned()
}

/// One POST; `None` when the connection failed or was cut (the server was killed).
fn post(addr: SocketAddr, token: &str, body: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .ok()?;
    let head = format!(
        "POST /api/v1/observations HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Authorization: Bearer {token}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body.as_bytes()).ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8(raw).ok()?;
    let status = text.split(' ').nth(1)?.parse().ok()?;
    let (_, body) = text.split_once("\r\n\r\n")?;
    Some((status, body.to_owned()))
}

/// A value as the audit log writes it.
fn text(v: &shinchoku_core::indicator::ObservedValue) -> String {
    match v {
        shinchoku_core::indicator::ObservedValue::Number(d) => d.to_string(),
        shinchoku_core::indicator::ObservedValue::State(s) => s.clone(),
    }
}

/// A write the server acknowledged (200).
#[derive(Debug, Clone)]
struct Ack {
    period: &'static str,
    value: String,
    version: i64,
}

#[derive(Debug, Default)]
struct Tally {
    acks: Vec<Ack>,
    statuses: HashMap<u16, u64>,
    cut: u64,
}

/// `clients` threads writing until `stop` (or until the server goes away, when `until_cut`).
/// Values are `round·10⁹ + (client + 1)·10⁶ + n`: no two writes of a test send the same value
/// (one equal to the stored value would be acknowledged without a new version).
fn write_until(
    addr: SocketAddr,
    token: &str,
    clients: u64,
    stop: &Arc<AtomicBool>,
    until_cut: bool,
    round: u64,
) -> Tally {
    let tally = Arc::new(Mutex::new(Tally::default()));
    let threads: Vec<_> = (0..clients)
        .map(|c| {
            let (token, stop, tally) = (token.to_owned(), stop.clone(), tally.clone());
            std::thread::spawn(move || {
                let mut seen: HashMap<&str, i64> = HashMap::new();
                let mut seq = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    seq += 1;
                    let period = PERIODS[usize::try_from((c + seq) % 4).unwrap()];
                    let value = format!("{}", round * 1_000_000_000 + (c + 1) * 1_000_000 + seq);
                    let version = seen.get(period).copied().unwrap_or(0);
                    let body = format!(
                        r#"{{"plan": "{PLAN}", "indicator": "i1", "period": "{period}", "value": {value}, "version": {version}}}"#
                    );
                    let Some((status, body)) = post(addr, &token, &body) else {
                        tally.lock().unwrap().cut += 1;
                        if until_cut {
                            return;
                        }
                        continue;
                    };
                    let json: serde_json::Value =
                        serde_json::from_str(&body).unwrap_or(serde_json::Value::Null);
                    let mut t = tally.lock().unwrap();
                    *t.statuses.entry(status).or_default() += 1;
                    match status {
                        200 => {
                            let v = json["version"].as_i64().unwrap();
                            seen.insert(period, v);
                            t.acks.push(Ack {
                                period,
                                value: value.clone(),
                                version: v,
                            });
                        }
                        409 => {
                            let v = json["current"]["version"].as_i64().unwrap_or(0);
                            seen.insert(period, v);
                        }
                        _ => {}
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    Arc::try_unwrap(tally).unwrap().into_inner().unwrap()
}

/// Every acknowledged write is in the audit log, and each observation holds its latest one
/// (or a later write whose answer was lost); `exact` when no answer can have been lost.
fn check_acks(db: &str, acks: &[Ack], exact: bool) {
    let acks = acks.to_vec();
    let db = db.to_owned();
    runtime().block_on(async move {
        let store = Store::open(&db).await.unwrap();
        let problems = store.integrity_check().await.unwrap();
        assert!(problems.is_empty(), "{db}: {problems:?}");
        let history = store.history(PLAN, "i1").await.unwrap();
        let records = store.observation_records(PLAN, "i1").await.unwrap();
        for period in PERIODS {
            let mine: Vec<&Ack> = acks.iter().filter(|a| a.period == period).collect();
            let mut versions: Vec<i64> = mine.iter().map(|a| a.version).collect();
            versions.sort_unstable();
            let n = versions.len();
            versions.dedup();
            assert_eq!(versions.len(), n, "{period}: a version acknowledged twice");
            let logged: Vec<&str> = history
                .iter()
                .filter(|e| e.period.as_deref() == Some(period) && e.actor == WRITER)
                .filter_map(|e| e.new_value.as_deref())
                .collect();
            for a in &mine {
                assert!(
                    logged.contains(&a.value.as_str()),
                    "{period}: acknowledged {} is not in the audit log",
                    a.value
                );
            }
            if exact {
                assert_eq!(
                    logged.len(),
                    mine.len(),
                    "{period}: writes nobody was told of"
                );
            }
            let Some(last) = mine.iter().max_by_key(|a| a.version) else {
                continue;
            };
            let stored = records
                .iter()
                .find(|r| r.observation.period.to_string() == period)
                .unwrap();
            assert!(
                stored.version >= last.version,
                "{period}: version went back"
            );
            if stored.version == last.version {
                assert_eq!(
                    text(&stored.observation.value),
                    last.value,
                    "{period}: the stored value is not the last acknowledged one"
                );
            }
            if exact {
                assert_eq!(stored.version, last.version, "{period}");
            }
        }
        store.close().await;
    });
}

#[test]
fn thirty_two_clients_updating_the_same_values_lose_no_acknowledged_write() {
    let seconds = env_number("SHINCHOKU_LOAD_SECONDS", 10);
    for db in databases() {
        let dir = scratch(&format!("load-{}", db.label));
        let token = prepare(&db.url, &dir);
        let (running, addr) = serve(&db.url, &dir);
        let stop = Arc::new(AtomicBool::new(false));
        let timer = {
            let stop = stop.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_secs(seconds));
                stop.store(true, Ordering::Relaxed);
            })
        };
        let started = Instant::now();
        let tally = write_until(addr, &token, 32, &stop, false, 0);
        let took = started.elapsed().as_secs_f64();
        timer.join().unwrap();
        drop(running);
        let total: u64 = tally.statuses.values().sum();
        let ok = tally.statuses.get(&200).copied().unwrap_or(0);
        let conflicts = tally.statuses.get(&409).copied().unwrap_or(0);
        eprintln!(
            "load on {}: 32 clients for {took:.0} s: {total} requests ({:.0}/s), {ok} acknowledged, \
             {conflicts} conflicts (409), {} other, {} connections cut",
            db.label,
            total as f64 / took,
            total - ok - conflicts,
            tally.cut
        );
        assert_eq!(total, ok + conflicts, "{}: {:?}", db.label, tally.statuses);
        assert_eq!(tally.cut, 0, "{}", db.label);
        assert!(
            ok > 0 && conflicts > 0,
            "{}: {:?}",
            db.label,
            tally.statuses
        );
        check_acks(&db.url, &tally.acks, true);
    }
}

#[test]
fn killing_the_server_while_it_writes_loses_no_acknowledged_write() {
    let trials = env_number("SHINCHOKU_KILL_TRIALS", 5);
    for db in databases() {
        let dir = scratch(&format!("kill-{}", db.label));
        let token = prepare(&db.url, &dir);
        let mut acks = Vec::new();
        let mut rng = 0x2545_f491_u64;
        for trial in 0..trials {
            let (mut running, addr) = serve(&db.url, &dir);
            let stop = Arc::new(AtomicBool::new(false));
            let writers = {
                let (stop, token) = (stop.clone(), token.clone());
                std::thread::spawn(move || write_until(addr, &token, 8, &stop, true, trial))
            };
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            std::thread::sleep(Duration::from_millis(200 + rng % 1000));
            running.0.kill().unwrap(); // SIGKILL
            running.0.wait().unwrap();
            stop.store(true, Ordering::Relaxed);
            let tally = writers.join().unwrap();
            let bad: u64 = tally
                .statuses
                .iter()
                .filter(|(s, _)| **s != 200 && **s != 409)
                .map(|(_, n)| n)
                .sum();
            assert_eq!(bad, 0, "{} trial {trial}: {:?}", db.label, tally.statuses);
            acks.extend(tally.acks);
            check_acks(&db.url, &acks, false);
        }
        eprintln!(
            "kills on {}: {trials} SIGKILLs during writes, {} acknowledged writes, all kept; \
             integrity check clean after each",
            db.label,
            acks.len()
        );
        assert!(!acks.is_empty(), "{}: no write got through", db.label);
    }
}

#[test]
fn a_backup_taken_while_the_server_writes_is_the_source_at_one_moment() {
    for db in databases() {
        let dir = scratch(&format!("backup-load-{}", db.label));
        let token = prepare(&db.url, &dir);
        let (running, addr) = serve(&db.url, &dir);
        let stop = Arc::new(AtomicBool::new(false));
        let writers = {
            let (stop, token) = (stop.clone(), token.clone());
            std::thread::spawn(move || write_until(addr, &token, 8, &stop, false, 0))
        };
        std::thread::sleep(Duration::from_millis(1500));
        let out = dir.join("copy.db");
        bin::ok(bin::run(
            SHINCHOKU,
            &["backup", "--out", out.to_str().unwrap(), "--db", &db.url],
            &dir,
        ));
        std::thread::sleep(Duration::from_millis(500));
        stop.store(true, Ordering::Relaxed);
        let tally = writers.join().unwrap();
        drop(running);
        let copy = format!("sqlite:{}", out.display());
        let source = db.url.clone();
        let label = db.label;
        runtime().block_on(async move {
            let copy = Store::open(&copy).await.unwrap();
            assert!(copy.integrity_check().await.unwrap().is_empty());
            let history = copy.history(PLAN, "i1").await.unwrap();
            let records = copy.observation_records(PLAN, "i1").await.unwrap();
            for r in &records {
                let period = r.observation.period.to_string();
                let writes: Vec<_> = history
                    .iter()
                    .filter(|e| e.entity == "observation" && e.period.as_deref() == Some(&period))
                    .collect();
                assert_eq!(
                    i64::try_from(writes.len()).unwrap(),
                    r.version,
                    "{label} {period}: one audit entry per version"
                );
                assert_eq!(
                    writes.last().and_then(|e| e.new_value.clone()),
                    Some(text(&r.observation.value)),
                    "{label} {period}: the value is its last write"
                );
            }
            let source = Store::open(&source).await.unwrap();
            let full = source.history(PLAN, "i1").await.unwrap();
            assert!(
                full.len() > history.len(),
                "{label}: writes after the backup"
            );
            assert_eq!(
                full[..history.len()],
                history[..],
                "{label}: a prefix of the source"
            );
            eprintln!(
                "backup on {label}: taken during {} acknowledged writes; the copy holds {} of \
                 the {} audit entries, consistent",
                tally.acks.len(),
                history.len(),
                full.len()
            );
            copy.close().await;
            source.close().await;
        });
    }
}
