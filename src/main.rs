#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    certpath::main()
}
