//! A binary run as a user runs it: real arguments, a directory of the test's choosing (or a
//! fresh one), real exit codes and output — with none of the settings of whoever runs the
//! tests. Every `SHINCHOKU_*` variable of the test's environment is removed (a developer's
//! `SHINCHOKU_LANG=en` or `SHINCHOKU_DB` would change what the binary prints or where it
//! writes); a test that wants one sets it on the command.
//!
//! The binary is a parameter: `env!("CARGO_BIN_EXE_shinchoku")` exists only when the tests of
//! the crate that builds it are compiled, so each test file names it once
//! (`const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");`).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::scratch::scratch;

/// A command for `bin` with every `SHINCHOKU_*` variable of the test's environment removed;
/// the rest (arguments, directory, input, more variables) is the test's to add.
pub fn command(bin: &str) -> Command {
    let mut cmd = Command::new(bin);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("SHINCHOKU_") {
            cmd.env_remove(name);
        }
    }
    cmd
}

/// `bin args…` in `cwd`; its exit status and output.
pub fn run(bin: &str, args: &[&str], cwd: &Path) -> Output {
    run_env(bin, args, cwd, &[])
}

/// `bin args…` in `cwd` with the variables `env` set (`[("SHINCHOKU_DB", url)]`).
pub fn run_env(bin: &str, args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Output {
    command(bin)
        .args(args)
        .current_dir(cwd)
        .envs(env.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {bin}: {e}"))
}

/// `bin args…` in a fresh directory of its own, with `input` on its standard input.
pub fn run_stdin(bin: &str, args: &[&str], input: &[u8]) -> Output {
    let dir = scratch("stdin");
    let mut child = command(bin)
        .args(args)
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {bin}: {e}"));
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// What the command printed on its standard output (UTF-8, as everything shinchoku prints).
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// What the command printed on its standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// `o`, after asserting that the command succeeded; else a failure that shows its exit code
/// and both outputs.
#[track_caller]
pub fn ok(o: Output) -> Output {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        stdout(&o),
        stderr(&o)
    );
    o
}

/// Whether `program` runs (`program --version`), for a test that needs a Debian tool
/// (LibreOffice, chromium, pdftotext): under `CI=true` a missing one fails the test, since
/// `.ci/run` installs it; otherwise the test is skipped with the reason printed.
pub fn have(program: &str, package: &str) -> bool {
    let found = std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} is missing (Debian: apt-get install {package}); CI must run this test"
        );
        eprintln!("skipped: {program} is missing (Debian: apt-get install {package})");
    }
    found
}

/// Has LibreOffice (`soffice --headless`) convert `file` with `filter` (`"csv:Text - txt -
/// csv (StarCalc):44,34,76,1"`, `"xlsx:Calc MS Excel 2007 XML"`) into `outdir`, with a profile
/// of its own in `profile` (a shared one would make parallel runs wait on each other's lock);
/// a failure shows LibreOffice's own words. Call [`have`] first.
#[track_caller]
pub fn soffice_convert(file: &Path, filter: &str, outdir: &Path, profile: &Path) {
    let o = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(outdir)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("soffice did not start: {e}"));
    assert!(
        o.status.success(),
        "soffice --convert-to {filter} {}: {}",
        file.display(),
        String::from_utf8_lossy(&o.stderr)
    );
}
