//! Integration tests: the real binary, one test binary, modules by theme.

#[path = "cli/util.rs"]
mod util;
