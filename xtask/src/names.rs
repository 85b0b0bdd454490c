//! Shortens the names that tie the wasm module to its JS glue: the imports, and the long
//! exports. wasm-bindgen names each import after the function and a 16-digit hash
//! (`__wbg_instanceof_Window_5cf4…`) from the module `./gws-sms-widget_bg.js`; both the
//! module and the glue that hands the functions over spell every name out, and no
//! compressor shrinks a hash. As Emscripten does with binaryen's `--minify-imports`, each
//! name becomes a short one in both files, and each import module name too.
//!
//! The glue names each import once, as a key of the object it passes to
//! `WebAssembly.instantiate`, and each module once, as a quoted key around that object.
//! A snippet whose functions need no glue is handed over whole (`import * as`): its
//! imports keep their names, which are the snippet's exports, and only its module is renamed.
//! The step checks exactly that before it rewrites anything, so a glue of another shape
//! stops the build instead of shipping a module whose imports do not resolve.
//!
//! The long exports go the same way: wasm-bindgen names its closure shims after their
//! full Rust signatures (`wasm_bindgen_<hash>___convert__closures_____invoke___…`, up to
//! 300 characters). Such an export is renamed only where the glue spells its name once,
//! as a member access (`x.name`), and nowhere else; any other is left as it is, which is
//! always correct.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::run::Result;
use crate::sri;
use crate::wasm::{self, Export, Import};

/// Rewrites the dist's module and its glue in place; the page's integrity hashes follow.
pub fn dist(dist: &Path) -> Result {
    let module = wasm::find(dist)?;
    for (before, after) in files(&module, &glue_of(&module)?)? {
        sri::rehash(&dist.join("index.html"), &before, &after)?;
    }
    Ok(())
}

/// Rewrites a module and its glue in place: each file's content before and after.
pub fn files(module_path: &Path, glue_path: &Path) -> Result<[(Vec<u8>, Vec<u8>); 2]> {
    let module = read(module_path)?;
    let glue = read(glue_path)?;
    let glue_text = std::str::from_utf8(&glue).map_err(|e| format!("the glue: {e}"))?;
    let (new_module, new_glue) = shorten(&module, glue_text)?;
    let new_glue = new_glue.into_bytes();
    for (path, content) in [(module_path, &new_module), (glue_path, &new_glue)] {
        fs::write(path, content).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok([(module, new_module), (glue, new_glue)])
}

/// `name_bg.wasm` → `name.js`.
pub fn glue_of(module: &Path) -> Result<PathBuf> {
    let name = module.to_string_lossy();
    let stem = name
        .strip_suffix("_bg.wasm")
        .ok_or_else(|| format!("{name} is not a wasm-bindgen module"))?;
    Ok(PathBuf::from(format!("{stem}.js")))
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// An export name longer than this is worth a rewrite.
const LONG_EXPORT: usize = 32;

/// The module and the glue with every import and import module, and the long exports,
/// renamed.
fn shorten(module: &[u8], glue: &str) -> Result<(Vec<u8>, String)> {
    let (module, glue) = shorten_imports(module, glue)?;
    shorten_exports(&module, &glue, LONG_EXPORT)
}

fn shorten_imports(module: &[u8], glue: &str) -> Result<(Vec<u8>, String)> {
    let sections = wasm::sections(module)?;
    let Some(at) = sections.iter().position(|s| s.id == wasm::IMPORT) else {
        return Ok((module.to_vec(), glue.to_owned()));
    };
    let imports = wasm::imports(sections[at].contents)?;
    let mut modules: BTreeMap<&str, String> = BTreeMap::new();
    let mut names = Vec::with_capacity(imports.len());
    for (index, import) in imports.iter().enumerate() {
        let count = modules.len();
        modules
            .entry(import.module)
            .or_insert_with(|| short_name(count));
        names.push(short_name(index));
    }
    let mut glue = glue.to_owned();
    for (import, short) in imports.iter().zip(names.iter_mut()) {
        let name = import.name;
        if imported_whole(&glue, import.module) {
            // The snippet's own export, which the glue does not name: it stays.
            name.clone_into(short);
            continue;
        }
        glue = replace_once(&glue, name, &format!("{name}:"), &format!("{short}:"))?;
    }
    for (module, short) in &modules {
        let quoted = format!("\"{module}\":");
        glue = replace_once(&glue, &quoted, &quoted, &format!("{short}:"))?;
    }
    let renamed: Vec<Import> = imports
        .iter()
        .zip(&names)
        .map(|(import, short)| Import {
            module: &modules[import.module],
            name: short,
            ty: import.ty,
        })
        .collect();
    let module = wasm::replacing(&sections, at, &wasm::import_section(&renamed)?);
    Ok((module, glue))
}

/// The module and the glue with the exports longer than `longer_than` renamed.
fn shorten_exports(module: &[u8], glue: &str, longer_than: usize) -> Result<(Vec<u8>, String)> {
    let sections = wasm::sections(module)?;
    let Some(at) = sections.iter().position(|s| s.id == wasm::EXPORT) else {
        return Ok((module.to_vec(), glue.to_owned()));
    };
    let exports = wasm::exports(sections[at].contents)?;
    let mut glue = glue.to_owned();
    let mut names = Vec::with_capacity(exports.len());
    for export in &exports {
        let name = export.name;
        // `_a`, `_b`…: wasm-bindgen's own exports are longer, or start with `__`.
        let short = format!("_{}", short_name(names.len()));
        names.push(if name.len() > longer_than {
            member_access_once(&glue, name)
                .map(|at| {
                    glue.replace_range(at..at + name.len(), &short);
                    short
                })
                .unwrap_or_else(|| name.to_owned())
        } else {
            name.to_owned()
        });
    }
    let renamed: Vec<Export> = exports
        .iter()
        .zip(&names)
        .map(|(export, name)| Export {
            name,
            kind: export.kind,
            index: export.index,
        })
        .collect();
    let module = wasm::replacing(&sections, at, &wasm::export_section(&renamed)?);
    Ok((module, glue))
}

/// Whether the glue imports `module` whole (`import * as x from "module"`): wasm-bindgen
/// hands a snippet's namespace to the module when its functions need no glue of their own.
fn imported_whole(glue: &str, module: &str) -> bool {
    let quoted = format!("\"{module}\"");
    glue.match_indices(&quoted).any(|(at, _)| {
        let before = glue[..at].trim_end();
        let Some(clause) = before.strip_suffix("from") else {
            return false;
        };
        clause.rfind("import").is_some_and(|start| {
            clause[start + "import".len()..]
                .trim_start()
                .starts_with('*')
        })
    })
}

/// Where `name` stands in `glue` when the glue spells it exactly once, as `.name`
/// followed by what cannot continue an identifier.
fn member_access_once(glue: &str, name: &str) -> Option<usize> {
    let mut found = glue.match_indices(name).map(|(at, _)| at);
    let at = found.next()?;
    let alone = glue[..at].ends_with('.')
        && !glue[at + name.len()..]
            .chars()
            .next()
            .is_some_and(is_identifier);
    (found.next().is_none() && alone).then_some(at)
}

/// `a`…`z`, `A`…`Z`, then `aa`, `ba`…: valid as an object key and as an import name,
/// never `__proto__`.
fn short_name(mut index: usize) -> String {
    const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = String::new();
    loop {
        name.push(LETTERS[index % LETTERS.len()] as char);
        index /= LETTERS.len();
        if index == 0 {
            return name;
        }
        index -= 1;
    }
}

/// `text` with the one occurrence of `pattern` (standing alone, not inside a longer
/// identifier) that reads `what` replaced by `with`; an error unless there is exactly one
/// occurrence of `what` in all.
fn replace_once(text: &str, what: &str, pattern: &str, with: &str) -> Result<String> {
    let alone = |at: usize, len: usize| {
        let before = text[..at].chars().next_back();
        let after = text[at + len..].chars().next();
        !before.is_some_and(is_identifier) && !after.is_some_and(is_identifier)
    };
    let found: Vec<usize> = text
        .match_indices(what)
        .map(|(at, _)| at)
        .filter(|&at| alone(at, what.len()) || what.starts_with('"'))
        .collect();
    match found.as_slice() {
        [at] if text[*at..].starts_with(pattern) => Ok(format!(
            "{}{with}{}",
            &text[..*at],
            &text[at + pattern.len()..]
        )),
        _ => Err(format!(
            "the JS glue names `{what}` {} times, not once as an object key: its shape is not \
             the one this step knows",
            found.len()
        )),
    }
}

fn is_identifier(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = r#"function t(){const n={__proto__:null,f:function(){return 1},mem:new WebAssembly.Memory({initial:1})};return{__proto__:null,"m":n}}"#;

    #[test]
    fn short_names_are_distinct_letters() {
        let names: Vec<String> = (0..2_000).map(short_name).collect();
        assert_eq!(
            (&names[0][..], &names[25][..], &names[26][..]),
            ("a", "z", "A")
        );
        assert_eq!(
            (&names[51][..], &names[52][..], &names[53][..]),
            ("Z", "aa", "ba")
        );
        let distinct: std::collections::BTreeSet<_> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert!(names
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_alphabetic())));
    }

    #[test]
    fn imports_and_modules_are_renamed_in_both_files() {
        let sample = wasm::sample();
        let (module, glue) = shorten(&sample, GLUE).expect("shortened");
        let sections = wasm::sections(&module).expect("a module");
        let imports = wasm::imports(sections[1].contents).expect("imports");
        let names: Vec<_> = imports.iter().map(|i| (i.module, i.name)).collect();
        assert_eq!(names, [("a", "a"), ("a", "b")]);
        assert_eq!(
            glue,
            r#"function t(){const n={__proto__:null,a:function(){return 1},b:new WebAssembly.Memory({initial:1})};return{__proto__:null,a:n}}"#
        );
        // The types and every other section are as they were.
        let before = wasm::sections(&sample).expect("a module");
        let original = wasm::imports(before[1].contents).expect("imports");
        assert_eq!(imports[1].ty, original[1].ty);
        assert_eq!(sections[4].bytes, before[4].bytes);
    }

    #[test]
    fn a_long_export_the_glue_calls_once_is_renamed_in_both_files() {
        let glue = format!("{GLUE}function g(){{x.long_export_name(1)}}");
        let exported = |longer_than: usize| {
            let (module, glue) =
                shorten_exports(&wasm::sample(), &glue, longer_than).expect("shortened");
            let sections = wasm::sections(&module).expect("a module");
            let exports = wasm::exports(sections[3].contents).expect("exports");
            let names: Vec<String> = exports.iter().map(|e| e.name.to_owned()).collect();
            (names, glue)
        };
        let (names, renamed) = exported(8);
        assert_eq!(names, ["run", "_b"]);
        assert!(renamed.ends_with("function g(){x._b(1)}"), "{renamed}");
        // Names no longer than the threshold stay.
        assert_eq!(
            exported(16),
            (vec!["run".into(), "long_export_name".into()], glue)
        );
    }

    #[test]
    fn an_export_named_otherwise_or_twice_is_kept() {
        for glue in [
            "x.long_export_name(1);x.long_export_name(2)",
            "x[\"long_export_name\"](1)",
            "x.long_export_name_2(1)",
            "y=long_export_name",
        ] {
            assert_eq!(member_access_once(glue, "long_export_name"), None, "{glue}");
        }
        assert_eq!(
            member_access_once("x.long_export_name(1)", "long_export_name"),
            Some(2)
        );
    }

    #[test]
    fn a_glue_of_another_shape_stops_the_build() {
        // `f` named twice (a key and a call), `mem` missing, the module not a quoted key.
        for glue in [
            r#"const n={f:function(){},mem:1};f();return{"m":n}"#,
            r#"const n={f:function(){}};return{"m":n}"#,
            r#"const n={f:function(){},mem:1};return{m:n}"#,
        ] {
            assert!(shorten(&wasm::sample(), glue).is_err(), "{glue}");
        }
    }

    #[test]
    fn a_snippet_imported_whole_keeps_its_names() {
        let glue = r#"import*as s from"./snippets/x/a.js";import{g as h}from"./snippets/x/b.js";"#;
        assert!(imported_whole(glue, "./snippets/x/a.js"));
        assert!(!imported_whole(glue, "./snippets/x/b.js"));
        assert!(imported_whole(r#"import * as s from "./s.js";"#, "./s.js"));
    }

    #[test]
    fn a_name_inside_a_longer_one_is_not_taken_for_it() {
        let text = "{ab_f:1,f:2}";
        assert_eq!(
            replace_once(text, "f", "f:", "x:").expect("one"),
            "{ab_f:1,x:2}"
        );
    }
}
