//! `mailcheck import`: the settings in a Thunderbird autoconfig file (`config-v1.1.xml`), as JSON.

use mailcheck_engine::import;
use std::path::PathBuf;
use std::process::ExitCode;

/// Read a config-v1.1.xml file and print its settings as JSON, ready for `export --settings`.
#[derive(clap::Args)]
pub struct Args {
    /// The autoconfig file.
    file: PathBuf,
    /// Fill the file's %EMAILADDRESS% / %EMAILLOCALPART% placeholders with this address.
    #[arg(long, value_name = "ADDRESS")]
    email: Option<String>,
}

pub fn run(args: Args) -> ExitCode {
    let text = match std::fs::read(&args.file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => return super::fail(&format!("{} is not a text file.", args.file.display()), 2),
        },
        Err(e) => return super::fail(&format!("Cannot read {}: {e}", args.file.display()), 2),
    };
    match import::autoconfig(&text, args.email.as_deref()) {
        Ok(settings) => {
            super::print_json(&settings);
            ExitCode::SUCCESS
        }
        Err(e) => super::fail(&format!("{}: {e}", args.file.display()), 2),
    }
}
