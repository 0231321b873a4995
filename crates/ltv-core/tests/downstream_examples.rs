//! The examples compile when copied into a downstream crate that depends on `ltv-core` (and `ltv-models`) only.
//!
//! The doctests compile every example, but with this crate's dev-dependencies in scope (`rust_decimal`,
//! `rust_decimal_macros`), which a downstream crate does not have. So: no example names those crates (they use
//! `ltv_core::Decimal` and `ltv_core::dec!`), the README's Rust blocks are complete programs (a visible
//! `fn main`, no hidden lines, never `ignore`), and every other README block says its language, so that the
//! doctest of `ltv-models` (`ReadmeExamples`, which includes README.md) compiles exactly the Rust blocks.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The fenced blocks of Markdown `lines`: (line number of the opening fence, info string, body lines).
fn fenced_blocks(lines: &[String]) -> Vec<(usize, String, Vec<String>)> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, String, Vec<String>)> = None;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            match open.take() {
                Some(block) => blocks.push(block),
                None => open = Some((i + 1, info.trim().to_owned(), Vec::new())),
            }
        } else if let Some((_, _, body)) = open.as_mut() {
            body.push(line.clone());
        }
    }
    assert!(open.is_none(), "unclosed code fence");
    blocks
}

fn is_rust(info: &str) -> bool {
    info.is_empty() || info.split(',').any(|t| t.trim() == "rust")
}

fn names_a_dev_dependency(line: &str) -> bool {
    line.contains("rust_decimal")
}

#[test]
fn doc_examples_use_ltv_core_decimal_and_dec() {
    let mut files = Vec::new();
    for dir in ["crates/ltv-core/src", "crates/ltv-models/src"] {
        rust_files(&root().join(dir), &mut files);
    }
    assert!(files.len() > 20, "found only {} source files", files.len());
    let mut offending = Vec::new();
    let mut examples = 0;
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        // Doc comment lines, with their marker removed; one file's `///` and `//!` runs as Markdown.
        let doc: Vec<String> = text
            .lines()
            .filter_map(|l| {
                let t = l.trim_start();
                t.strip_prefix("///").or_else(|| t.strip_prefix("//!")).map(|d| d.strip_prefix(' ').unwrap_or(d))
            })
            .map(str::to_owned)
            .collect();
        for (line, info, body) in fenced_blocks(&doc) {
            if !is_rust(&info) {
                continue;
            }
            examples += 1;
            if body.iter().any(|l| names_a_dev_dependency(l)) {
                offending.push(format!("{} (doc block {line}, ```{info})", file.display()));
            }
        }
    }
    assert!(examples > 50, "found only {examples} doc examples");
    assert!(
        offending.is_empty(),
        "doc examples naming rust_decimal (use ltv_core::Decimal, ltv_core::dec!): {offending:#?}"
    );
}

#[test]
fn readme_rust_blocks_are_complete_programs() {
    let text = fs::read_to_string(root().join("README.md")).unwrap();
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let blocks = fenced_blocks(&lines);
    let mut rust = 0;
    for (line, info, body) in &blocks {
        assert!(!info.is_empty(), "README.md:{line}: a code block without a language (rustdoc would compile it)");
        if !is_rust(info) {
            continue;
        }
        rust += 1;
        assert_eq!(info, "rust", "README.md:{line}: ```{info}: every Rust block compiles and runs (no ignore/no_run)");
        assert!(body.iter().any(|l| l.starts_with("fn main()")), "README.md:{line}: no visible `fn main()`");
        assert!(body.iter().all(|l| !l.starts_with('#')), "README.md:{line}: a hidden (`#`) line; write it out");
        assert!(body.iter().any(|l| l.starts_with("use ltv_")), "README.md:{line}: no `use ltv_...` line");
        assert!(!body.iter().any(|l| names_a_dev_dependency(l)), "README.md:{line}: names rust_decimal");
    }
    assert!(rust >= 3, "README.md has {rust} Rust blocks, expected the three examples");
    // The doctest that compiles them includes this README from ltv-models.
    let models = fs::read_to_string(root().join("crates/ltv-models/src/lib.rs")).unwrap();
    assert!(
        models.contains("#[doc = include_str!(\"../../../README.md\")]"),
        "ltv-models no longer includes README.md"
    );
}

#[test]
fn dec_macro_from_a_downstream_path() {
    // `$crate` paths only: the macro works through `ltv_core::dec!` without importing `Decimal`.
    assert_eq!(ltv_core::dec!(0.03), ltv_core::Decimal::new(3, 2));
    assert_eq!(ltv_core::dec!(-7).to_string(), "-7");
    assert_eq!(ltv_core::dec!(0.80).to_string(), "0.80");
    assert_eq!(ltv_core::dec!(79_228_162_514_264_337_593_543_950_335), ltv_core::Decimal::MAX);
    assert_eq!(ltv_core::dec!(-0.0000000000000000000000000001), ltv_core::Decimal::new(-1, 28));
}
