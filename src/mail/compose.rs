//! A message as people read it: plain text and HTML in the NHS look (the blue header with the
//! programme's name, Arial, a green button), in plain English. Built from names, dates, counts,
//! links and codes only: a message never carries a private field.

/// What a message says, before it is laid out.
#[derive(Debug, Clone, Default)]
pub struct Letter {
    pub subject: String,
    /// "Dear Alex Smith,"
    pub greeting: String,
    pub paragraphs: Vec<String>,
    /// A code to type, shown on a line of its own.
    pub code: Option<String>,
    /// The one thing to do: its label and address.
    pub button: Option<(String, String)>,
    /// Said after the button (what to do if it fails, who to ask).
    pub after: Vec<String>,
}

/// HTML with the five special characters escaped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl Letter {
    pub fn text(&self, programme: &str) -> String {
        let mut out = format!("{}\n\n", self.greeting);
        for p in &self.paragraphs {
            out.push_str(p);
            out.push_str("\n\n");
        }
        if let Some(code) = &self.code {
            out.push_str(&format!("Your code: {code}\n\n"));
        }
        if let Some((label, url)) = &self.button {
            out.push_str(&format!("{label}: {url}\n\n"));
        }
        for p in &self.after {
            out.push_str(p);
            out.push_str("\n\n");
        }
        out.push_str(&format!(
            "{programme}\nThis message was sent by the programme's Fellowship app.\n"
        ));
        out
    }

    pub fn html(&self, programme: &str) -> String {
        let p = |s: &str| {
            format!(
                "<p style=\"margin:0 0 16px;font-size:19px;line-height:1.47\">{}</p>",
                esc(s)
            )
        };
        let mut body = p(&self.greeting);
        for s in &self.paragraphs {
            body.push_str(&p(s));
        }
        if let Some(code) = &self.code {
            body.push_str(&format!(
                "<p style=\"margin:0 0 16px;font-size:19px\">Your code:</p>\
                 <p style=\"margin:0 0 24px;padding:12px 16px;background:#f0f4f5;border-left:8px solid #005eb8;\
                 font-family:Consolas,monospace;font-size:22px;letter-spacing:1px\">{}</p>",
                esc(code)
            ));
        }
        if let Some((label, url)) = &self.button {
            body.push_str(&format!(
                "<p style=\"margin:0 0 24px\"><a href=\"{url}\" style=\"display:inline-block;padding:12px 16px;\
                 background:#007f3b;color:#ffffff;font-size:19px;font-weight:bold;text-decoration:none;\
                 border-bottom:4px solid #00401e\">{label}</a></p>\
                 <p style=\"margin:0 0 16px;font-size:16px;color:#4c6272\">Or copy this address into your browser: {url}</p>",
                url = esc(url),
                label = esc(label)
            ));
        }
        for s in &self.after {
            body.push_str(&p(s));
        }
        format!(
            "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>\
             <body style=\"margin:0;background:#f0f4f5;font-family:Arial,sans-serif;color:#212b32\">\
             <div style=\"background:#005eb8;padding:16px 24px\"><p style=\"margin:0;color:#ffffff;font-size:22px;font-weight:bold\">{programme}</p></div>\
             <div style=\"background:#ffffff;padding:24px;max-width:640px\">{body}</div>\
             <p style=\"padding:16px 24px;margin:0;font-size:14px;color:#4c6272\">This message was sent by the programme's Fellowship app.</p>\
             </body></html>",
            subject = esc(&self.subject),
            programme = esc(programme),
        )
    }
}

/// A date as people write it: "Friday 12 December 2026".
pub fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_what_people_typed() {
        let l = Letter {
            subject: "S".into(),
            greeting: "Dear <script>alert(1)</script>,".into(),
            button: Some(("Open".into(), "https://x.nhs.uk/#/join/a\"b".into())),
            ..Letter::default()
        };
        let html = l.html("Prog & Co");
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("Prog &amp; Co"));
        assert!(html.contains("a&quot;b"));
        assert!(l.text("P").contains("Open: https://x.nhs.uk/#/join/a\"b"));
    }
}
