//! The core's folders are its architecture: each top-level module is a room, rooms sit in
//! layers, and a room may use only rooms in its own layer or below, with no cycle between rooms
//! of one layer. Read from the source text (`crate::room` paths), so a new import that points
//! up, or closes a loop, fails here with the files that make it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each room, bottom layer first. A module not named here fails the test: a new room says
/// where it belongs.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "base",
        &[
            "error", "validate", "codes", "pdf", "csv_io", "opener", "clock",
        ],
    ),
    ("storage", &["db"]),
    ("who is calling", &["auth"]),
    ("the programme", &["programme"]),
    ("email", &["mail"]),
    ("accounts", &["accounts"]),
    (
        "domain",
        &[
            "challenges",
            "learning",
            "feedback360",
            "outcomes",
            "privacy",
            "disclosure",
            "calendar",
            "today",
            "demo",
        ],
    ),
    ("command surface", &["api"]),
    ("transports", &["transport"]),
    ("tools", &["tools"]),
];

fn layer_of(room: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, rooms)| rooms.contains(&room))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The room a file belongs to: its first folder under `src/`, or its own name at the top.
fn room_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// Every `crate::name` a file's code (not its comments) refers to, `use crate::{a, b}` included.
fn referenced(text: &str) -> BTreeSet<String> {
    let code: String = text
        .lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find("};").unwrap_or(group.len());
            // Top-level names in the group: after `{` or a comma at depth 0.
            let mut depth = 0;
            let mut start = true;
            let mut name = String::new();
            for c in group[..end].chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_alphanumeric() || c == '_') => name.push(c),
                    _ if start && !name.is_empty() => {
                        out.insert(std::mem::take(&mut name));
                        start = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                out.insert(name);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

#[test]
fn rooms_depend_only_downward_and_without_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    rust_files(&src, &mut files);
    let rooms: BTreeSet<String> = files
        .iter()
        .map(|f| room_of(&src, f))
        .filter(|r| r != "lib" && r != "main")
        .collect();
    let unplaced: Vec<&String> = rooms.iter().filter(|r| layer_of(r).is_none()).collect();
    assert!(
        unplaced.is_empty(),
        "rooms not placed in a layer: {unplaced:?}"
    );

    // room -> room it uses -> the files that use it
    let mut uses: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        let room = room_of(&src, file);
        if room == "lib" || room == "main" {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for name in referenced(&text) {
            if rooms.contains(&name) && name != room {
                uses.entry(room.clone())
                    .or_default()
                    .entry(name)
                    .or_default()
                    .insert(file.strip_prefix(&src).unwrap().display().to_string());
            }
        }
    }

    let mut wrong = vec![];
    for (room, used) in &uses {
        for (other, by) in used {
            let (a, b) = (layer_of(room).unwrap(), layer_of(other).unwrap());
            if b > a {
                wrong.push(format!(
                    "{room} ({}) uses {other} ({}), a layer above it, in {by:?}",
                    LAYERS[a].0, LAYERS[b].0
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports pointing up:\n{}",
        wrong.join("\n")
    );

    // Within a layer: no cycle. Depth-first search for a back edge.
    fn visit<'a>(
        room: &'a str,
        uses: &'a BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|r| *r == room) {
            return Some(
                path[i..]
                    .iter()
                    .map(|r| r.to_string())
                    .chain([room.to_string()])
                    .collect(),
            );
        }
        if !done.insert(room) {
            return None;
        }
        path.push(room);
        for other in uses.get(room).into_iter().flat_map(|u| u.keys()) {
            if let Some(cycle) = visit(other, uses, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for room in &rooms {
        if let Some(cycle) = visit(room, &uses, &mut vec![], &mut done) {
            let edges: Vec<String> = cycle
                .windows(2)
                .map(|w| format!("{} -> {} in {:?}", w[0], w[1], uses[&w[0]][&w[1]]))
                .collect();
            panic!("rooms in a cycle:\n{}", edges.join("\n"));
        }
    }
}

#[test]
fn references_are_read_from_code_not_comments() {
    let text = "use crate::{db::Db, error::{ApiError, Result}};\n// crate::api is only named here\nlet x = crate::auth::Actor;";
    let found = referenced(text);
    assert_eq!(
        found,
        ["auth", "db", "error"]
            .map(String::from)
            .into_iter()
            .collect()
    );
}
