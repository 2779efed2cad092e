fn main() -> std::process::ExitCode {
    certpath::main()
}
