//! The `shinchoku` binary.
fn main() {}
