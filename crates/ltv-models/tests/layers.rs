//! The crate's dependency rule (`lib.rs`, "Layout and the dependency rule") checked on the source: every
//! `crate::<module>` path in code (comments and doc links aside) must point to a module the importing
//! module's layer may use. A new import across the layers fails here, naming the file and the line.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// What each top-level module may import (besides itself): the layers of `lib.rs`.
fn allowed() -> BTreeMap<&'static str, Vec<&'static str>> {
    let bottom = ["error", "special", "optim", "random", "merge"];
    let core = ["error", "special", "optim", "random", "merge", "model", "fit", "file", "data"];
    let mut rule = BTreeMap::new();
    rule.insert("error", vec![]);
    for m in ["special", "optim", "random"] {
        rule.insert(m, vec!["error"]);
    }
    rule.insert("merge", vec![]);
    rule.insert("model", bottom.to_vec());
    rule.insert("fit", [&bottom[..], &["model"]].concat());
    rule.insert("file", [&bottom[..], &["model", "fit"]].concat());
    rule.insert("data", vec!["error"]); // transaction logs to summaries: error and ltv-core's calendar only
    for family in ["contractual", "scoring", "purchase", "spend"] {
        rule.insert(family, core.to_vec()); // never another family
    }
    rule.insert("health", [&core[..], &["scoring"]].concat()); // the layer above `scoring`
    rule.insert("lib", Vec::new()); // lib.rs declares and re-exports: not checked
    rule
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable src directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to (`src/purchase/bg_nbd.rs` -> `purchase`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("file under src");
    let first = rel.components().next().expect("non-empty path").as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_owned()
}

/// The names `lib.rs` re-exports at the crate root, each with the module it comes from
/// (`pub use purchase::{BgNbdModel, ..}` -> `BgNbdModel` -> `purchase`), so that an import through a
/// re-export (`crate::MAX_FREQUENCY`) is judged by the module that defines it.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let code: String = lib.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join(" ");
    for item in code.split("pub use ").skip(1) {
        let item = item.split(';').next().unwrap_or("");
        let module = item.split("::").next().unwrap_or("").trim().to_owned();
        let names = item.rsplit_once('{').map_or_else(|| item.rsplit("::").next().unwrap_or(""), |(_, n)| n);
        for name in names.trim_end_matches('}').split(',') {
            let visible = name.rsplit(" as ").next().unwrap_or("").trim();
            let visible = visible.rsplit("::").next().unwrap_or("").trim();
            if !visible.is_empty() {
                out.insert(visible.to_owned(), module.clone());
            }
        }
    }
    out
}

/// The module names after `crate::` on one line of code (the part before any `//` comment).
fn imports(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    code.match_indices("crate::")
        .map(|(at, pat)| {
            code[at + pat.len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
        })
        .collect()
}

#[test]
fn every_import_follows_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rule = allowed();
    let root = reexports(&fs::read_to_string(src.join("lib.rs")).expect("readable lib.rs"));
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in &files {
        let module = module_of(&src, file);
        let may = rule.get(module.as_str()).unwrap_or_else(|| {
            panic!("{}: module `{module}` is not in the layer table of tests/layers.rs", file.display())
        });
        if module == "lib" {
            continue;
        }
        let text = fs::read_to_string(file).expect("readable source file");
        for (number, line) in text.lines().enumerate() {
            for name in imports(line) {
                checked += 1;
                let target = root.get(&name).cloned().unwrap_or(name);
                if target == module || may.contains(&target.as_str()) {
                    continue;
                }
                let why = if rule.contains_key(target.as_str()) {
                    format!("`{module}` may not import `{target}` (directly or through a crate-root re-export)")
                } else {
                    format!("`crate::{target}` is not a module path (import through the module)")
                };
                broken.push(format!("{}:{}: {why}", file.display(), number + 1));
            }
        }
    }
    assert!(checked > 50, "the scan found only {checked} crate:: paths: is it reading the sources?");
    assert!(broken.is_empty(), "imports across the layers:\n{}", broken.join("\n"));
}

#[test]
fn the_scanner_sees_code_and_ignores_comments() {
    assert_eq!(imports("use crate::scoring::{LeadScorer, Scorer};"), vec!["scoring".to_owned()]);
    assert_eq!(imports("    let x = crate::special::ln_gamma(a); // crate::health in a comment"), vec!["special"]);
    assert!(imports("//! see [`customer_value`](crate::customer_value)").is_empty());
    let src = Path::new("/x/src");
    assert_eq!(module_of(src, Path::new("/x/src/purchase/bg_nbd.rs")), "purchase");
    assert_eq!(module_of(src, Path::new("/x/src/error.rs")), "error");
    assert!(!allowed()["purchase"].contains(&"spend"), "families never import each other");
    let lib = "pub use error::{ModelError, Shown};\npub use purchase::{\n    BgNbdFit, MAX_FREQUENCY,\n};\n\
               // pub use spend::Hidden;\npub use special::hyp2f1::MAX_TERMS as MAX_SERIES_TERMS;";
    let found = reexports(lib);
    assert_eq!(found["Shown"], "error");
    assert_eq!(found["MAX_FREQUENCY"], "purchase");
    assert_eq!(found["MAX_SERIES_TERMS"], "special");
    assert!(!found.contains_key("Hidden") && !found.contains_key("MAX_TERMS"));
    assert!(!allowed()["scoring"].contains(&"health"), "scoring sits below health");
}
