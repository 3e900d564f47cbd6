//! PDF building blocks shared by the documents Fellowship produces (challenge summary,
//! portfolio): printpdf with the built-in Helvetica, so no font file is needed; simple word
//! wrap; and the `Document` a generated file travels in.

use printpdf::{BuiltinFont, Color, Line, LinePoint, Mm, Op, Point, Pt, Rgb, TextItem};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

/// A generated file on its way to the user: the shell saves it, a server would send it.
#[derive(Debug, Clone, Serialize, serde::Deserialize, TS)]
pub struct Document {
    pub file_name: String,
    pub mime: String,
    pub base64: String,
}

impl Document {
    /// Saves the file into `dir` under its own name, never overwriting: "name (2).pdf" etc.
    pub fn save_in(&self, dir: &std::path::Path) -> Result<std::path::PathBuf> {
        use base64::Engine;
        let fail = |e: &dyn std::fmt::Display| {
            crate::error::ApiError::internal(format!("Could not save {}: {e}", self.file_name))
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&self.base64)
            .map_err(|e| fail(&e))?;
        // Only the file name is used, so a crafted name cannot write outside `dir`.
        let name = std::path::Path::new(&self.file_name)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("document");
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
        for n in 1..1000 {
            let candidate = if n == 1 {
                name.to_string()
            } else {
                format!("{stem} ({n}).{ext}")
            };
            let path = dir.join(candidate);
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    use std::io::Write;
                    f.write_all(&bytes)
                        .and_then(|_| f.sync_all())
                        .map_err(|e| fail(&e))?;
                    return Ok(path);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(fail(&e)),
            }
        }
        Err(fail(&"too many files with that name"))
    }
}

pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;
pub const LEFT: f32 = 18.0;
pub const NHS_BLUE: (f32, f32, f32) = (0.0, 0.369, 0.722);
pub const GREY: (f32, f32, f32) = (0.26, 0.33, 0.38);
pub const ORANGE: (f32, f32, f32) = (0.93, 0.545, 0.0);

pub fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

/// Writes text with the built-in font, which covers Latin-1; anything else becomes "?".
pub fn latin1(s: &str) -> String {
    s.chars()
        .map(|c| if (c as u32) < 256 { c } else { '?' })
        .collect()
}

/// Greedy word wrap by an average Helvetica character width of about half the font size.
pub fn wrap(text: &str, size: f32, width_mm: f32) -> Vec<String> {
    let max = ((width_mm / 0.3528) / (size * 0.5)) as usize;
    let mut lines = vec![];
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > max {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

pub struct Page {
    pub ops: Vec<Op>,
    /// Current top of the next line, in mm from the bottom.
    pub y: f32,
}

impl Page {
    pub fn new() -> Self {
        Page {
            ops: vec![],
            y: PAGE_H - 20.0,
        }
    }

    pub fn text(&mut self, s: &str, size: f32, bold: bool, colour: (f32, f32, f32)) {
        // `y` is the top of the next line: drop by the font's height, write, then add leading.
        let font = if bold {
            BuiltinFont::HelveticaBold
        } else {
            BuiltinFont::Helvetica
        };
        self.y -= size * 0.3528;
        self.text_at(LEFT, self.y, s, size, font, colour);
        self.y -= size * 0.3528 * 0.4;
    }

    pub fn text_at(
        &mut self,
        x: f32,
        y: f32,
        s: &str,
        size: f32,
        font: BuiltinFont,
        colour: (f32, f32, f32),
    ) {
        self.ops.extend([
            Op::StartTextSection,
            Op::SetTextCursor {
                pos: Point::new(Mm(x), Mm(y)),
            },
            Op::SetFontSizeBuiltinFont {
                size: Pt(size),
                font,
            },
            Op::SetFillColor { col: rgb(colour) },
            Op::WriteTextBuiltinFont {
                items: vec![TextItem::Text(latin1(s))],
                font,
            },
            Op::EndTextSection,
        ]);
    }

    pub fn para(&mut self, s: &str, size: f32, max_lines: usize) {
        let lines = wrap(s, size, PAGE_W - 2.0 * LEFT);
        let shown = lines.len().min(max_lines);
        for (i, l) in lines.iter().take(shown).enumerate() {
            let more = i + 1 == shown && lines.len() > shown;
            self.text(
                &if more { format!("{l} ...") } else { l.clone() },
                size,
                false,
                (0.1, 0.1, 0.1),
            );
        }
    }

    pub fn heading(&mut self, s: &str) {
        self.y -= 2.0;
        self.text(s, 12.0, true, NHS_BLUE);
    }

    pub fn line(&mut self, points: &[(f32, f32)], colour: (f32, f32, f32), thickness: f32) {
        self.ops.push(Op::SetOutlineColor { col: rgb(colour) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: points
                    .iter()
                    .map(|(x, y)| LinePoint {
                        p: Point::new(Mm(*x), Mm(*y)),
                        bezier: false,
                    })
                    .collect(),
                is_closed: false,
            },
        });
    }

    /// A small square marker, drawn as a closed outline.
    pub fn marker(&mut self, x: f32, y: f32, colour: (f32, f32, f32)) {
        let d = 0.7;
        self.ops.push(Op::SetOutlineColor { col: rgb(colour) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(2.0) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: [
                    (x - d, y - d),
                    (x + d, y - d),
                    (x + d, y + d),
                    (x - d, y + d),
                ]
                .iter()
                .map(|(x, y)| LinePoint {
                    p: Point::new(Mm(*x), Mm(*y)),
                    bezier: false,
                })
                .collect(),
                is_closed: true,
            },
        });
    }
}

/// A document of as many A4 pages as its text needs.
#[derive(Default)]
pub struct Pages {
    done: Vec<Vec<Op>>,
    pub page: Page,
}

impl Pages {
    /// Starts a new page unless `mm` more fit above the bottom margin.
    pub fn room(&mut self, mm: f32) {
        if self.page.y - mm < 18.0 {
            self.done.push(std::mem::take(&mut self.page.ops));
            self.page = Page::new();
        }
    }

    pub fn heading(&mut self, s: &str) {
        self.room(14.0);
        self.page.heading(s);
    }

    pub fn text(&mut self, s: &str, size: f32, bold: bool, colour: (f32, f32, f32)) {
        self.room(size * 0.3528 * 1.4);
        self.page.text(s, size, bold, colour);
    }

    /// Wrapped text, breaking pages as needed; nothing is cut.
    pub fn para(&mut self, s: &str, size: f32) {
        for line in wrap(s, size, PAGE_W - 2.0 * LEFT) {
            self.text(&line, size, false, (0.1, 0.1, 0.1));
        }
    }

    pub fn save(mut self, title: &str) -> Vec<u8> {
        self.done.push(self.page.ops);
        let pages = self
            .done
            .into_iter()
            .map(|ops| printpdf::PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops))
            .collect();
        let mut doc = printpdf::PdfDocument::new(&latin1(title));
        let mut warnings = vec![];
        doc.with_pages(pages)
            .save(&printpdf::PdfSaveOptions::default(), &mut warnings)
    }
}

impl Default for Page {
    fn default() -> Self {
        Self::new()
    }
}
