//! A real SMTP server for the tests (tests/smtp/server.py: Debian's aiosmtpd with STARTTLS and
//! AUTH required), and the programme's email settings that point at it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const SMTP_USER: &str = "fellowship@nhs.net";
pub const SMTP_PASSWORD: &str = "relay password 7";
pub const APP_URL: &str = "https://fellowship.example.nhs.uk";
const TLS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tls");

pub struct SmtpServer {
    pub port: u16,
    pub dir: PathBuf,
    child: Child,
    _tmp: tempfile::TempDir,
}

impl SmtpServer {
    pub fn start() -> SmtpServer {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp/server.py");
        let mut child = Command::new("/usr/bin/python3")
            .arg(script)
            .arg("--dir")
            .arg(&dir)
            .arg("--cert")
            .arg(Path::new(TLS).join("localhost.pem"))
            .arg("--key")
            .arg(Path::new(TLS).join("localhost.key"))
            .arg("--user")
            .arg(SMTP_USER)
            .arg("--password")
            .arg(SMTP_PASSWORD)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3-aiosmtpd (apt) runs the test SMTP server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("READY ")
            .unwrap_or_else(|| panic!("the SMTP server did not start: {line:?}"))
            .parse()
            .unwrap();
        SmtpServer {
            port,
            dir,
            child,
            _tmp: tmp,
        }
    }

    /// accept, tempfail, refuse, "hold N" (at a recipient) or "hold-data N" (after DATA).
    pub fn set_mode(&self, mode: &str) {
        std::fs::write(self.dir.join("mode"), mode).unwrap();
    }

    /// Every message taken so far, oldest first.
    pub fn received(&self) -> Vec<Value> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            // A message is written as ".<name>.json" and then renamed: read only whole ones.
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// Waits (up to 20 s) until the server holds a message in `hold` mode.
    pub fn wait_holding(&self) {
        let start = Instant::now();
        while !self.dir.join("holding").exists() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "never reached the hold"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The programme's email settings for this server (save_mail_settings' input).
    pub fn settings(&self) -> Value {
        json!({
            "enabled": true,
            "host": "localhost",
            "port": self.port.to_string(),
            "security": "starttls",
            "username": SMTP_USER,
            "password": SMTP_PASSWORD,
            "forget_password": false,
            "from_address": "fellowship@nhs.net",
            "from_name": "London Fellowship",
            "app_url": APP_URL,
            "reminder_days": "7, 2",
            "extra_ca": std::fs::read_to_string(Path::new(TLS).join("ca.pem")).unwrap(),
        })
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
