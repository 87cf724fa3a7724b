//! The `rapporteur` command: a thin shell over the library (see `rapporteur::cli`).

fn main() {
    std::process::exit(rapporteur::cli::run());
}
