//! Opens a web address or a folder with the computer's own program for it (the browser, the
//! file manager), as a person would by double-clicking: `FELLOWSHIP_BROWSER` if set (tests play
//! it with a script), else `xdg-open`, `open` or `explorer`.

pub fn open(target: &str) -> std::io::Result<()> {
    let program = std::env::var("FELLOWSHIP_BROWSER").unwrap_or_else(|_| {
        if cfg!(target_os = "macos") {
            "open".into()
        } else if cfg!(windows) {
            "explorer".into()
        } else {
            "xdg-open".into()
        }
    });
    std::process::Command::new(program)
        .arg(target)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .map(|mut child| {
            // Reaped when the opener exits, so none is left behind.
            std::thread::spawn(move || child.wait());
        })
}
