//! Lays out the shipped module's functions so that similar ones sit side by side. gzip
//! and brotli find repeats only within a window behind the current byte (32 KB for
//! gzip), and the linker leaves monomorphized copies of one generic, or the serde code of
//! two look-alike types, far apart.
//!
//! The order is a greedy walk: from the largest function, always on to the remaining one
//! whose 4-byte sequences overlap most with the current one's (Jaccard index). Each
//! function is named by its place in the walk, and wasm-opt moves the functions into name
//! order, optimizes once more and drops the names again. Only the order of the code
//! changes, never what it does.

use std::fs;
use std::path::{Path, PathBuf};

use crate::run::{command, root, run, tools_bin, Result};
use crate::sri;

/// Rewrites the dist's wasm module in place; the page's integrity hash follows.
pub fn dist(dist: &Path) -> Result {
    let wasm = find_module(dist)?;
    let before = fs::read(&wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    module(&wasm)?;
    let after = fs::read(&wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    sri::rehash(&dist.join("index.html"), &before, &after)
}

/// Lays out the module at `wasm`, in place.
pub fn module(wasm: &Path) -> Result {
    let bytes = fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let named = name_by_walk(&bytes)?;
    let work = root().join("target/layout");
    fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let input = work.join("named.wasm");
    fs::write(&input, named).map_err(|e| format!("{}: {e}", input.display()))?;
    let wasm_opt = tools_bin().join("wasm-opt");
    run(command(
        &wasm_opt.to_string_lossy(),
        &[
            "-Oz",
            "--reorder-functions-by-name",
            "--strip-debug",
            &input.to_string_lossy(),
            "-o",
            &wasm.to_string_lossy(),
        ],
    ))
}

fn find_module(dist: &Path) -> Result<PathBuf> {
    let entries = fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.to_string_lossy().ends_with("_bg.wasm") {
            return Ok(path);
        }
    }
    Err(format!("{} holds no *_bg.wasm", dist.display()))
}

/// The module with a name section that names every defined function by its place in
/// the walk (imports keep their place: they come first in any order).
fn name_by_walk(module: &[u8]) -> Result<Vec<u8>> {
    let parsed = Module::read(module)?;
    let order = walk(&parsed.bodies);
    let mut names = vec![String::new(); order.len()];
    for (place, &body) in order.iter().enumerate() {
        names[body] = format!("{place:06}");
    }
    let first = parsed.imported_functions;
    let entries = names
        .iter()
        .enumerate()
        .map(|(body, name)| (first + body as u32, name.as_str()));
    let mut out = module[..8].to_vec();
    for section in &parsed.sections {
        if !section.is_name_section {
            out.extend_from_slice(&module[section.start..section.end]);
        }
    }
    out.extend(name_section(entries));
    Ok(out)
}

/// The order to lay the bodies out in.
fn walk(bodies: &[&[u8]]) -> Vec<usize> {
    let grams: Vec<Vec<u32>> = bodies.iter().map(|body| grams(body)).collect();
    let mut placed = vec![false; bodies.len()];
    let mut order = Vec::with_capacity(bodies.len());
    let Some(mut current) = (0..bodies.len()).max_by_key(|&i| (bodies[i].len(), usize::MAX - i))
    else {
        return order;
    };
    loop {
        placed[current] = true;
        order.push(current);
        let mut best: Option<(f64, usize)> = None;
        for candidate in (0..bodies.len()).filter(|&i| !placed[i]) {
            let score = jaccard(&grams[current], &grams[candidate]);
            if best.is_none_or(|(top, _)| score > top) {
                best = Some((score, candidate));
            }
        }
        match best {
            Some((_, next)) => current = next,
            None => return order,
        }
    }
}

/// The distinct 4-byte sequences of a body, sorted.
fn grams(body: &[u8]) -> Vec<u32> {
    let mut grams: Vec<u32> = body
        .windows(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    // One more in the denominator: two empty sets are not alike.
    shared as f64 / (a.len() + b.len() - shared + 1) as f64
}

/// What the layout needs of a module: its sections, how many functions it imports
/// (defined functions are numbered after them) and the function bodies.
struct Module<'a> {
    sections: Vec<Section>,
    imported_functions: u32,
    bodies: Vec<&'a [u8]>,
}

struct Section {
    /// The whole section, id and size included.
    start: usize,
    end: usize,
    is_name_section: bool,
}

const CUSTOM: u8 = 0;
const IMPORT: u8 = 2;
const CODE: u8 = 10;

impl<'a> Module<'a> {
    fn read(bytes: &'a [u8]) -> Result<Self> {
        if bytes.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
            return Err("not a wasm module (version 1)".into());
        }
        let mut module = Module {
            sections: Vec::new(),
            imported_functions: 0,
            bodies: Vec::new(),
        };
        let mut reader = Reader { bytes, at: 8 };
        while reader.at < bytes.len() {
            let start = reader.at;
            let id = reader.byte()?;
            let size = reader.leb()? as usize;
            let contents = reader.take(size)?;
            let mut inner = Reader {
                bytes: contents,
                at: 0,
            };
            let is_name_section = id == CUSTOM && inner.name()? == b"name";
            match id {
                IMPORT => module.imported_functions = imported_functions(&mut inner)?,
                CODE => {
                    for _ in 0..inner.leb()? {
                        let size = inner.leb()? as usize;
                        module.bodies.push(inner.take(size)?);
                    }
                }
                _ => {}
            }
            module.sections.push(Section {
                start,
                end: reader.at,
                is_name_section,
            });
        }
        Ok(module)
    }
}

fn imported_functions(imports: &mut Reader) -> Result<u32> {
    let mut functions = 0;
    for _ in 0..imports.leb()? {
        imports.name()?;
        imports.name()?;
        match imports.byte()? {
            // A function: its type index.
            0 => {
                imports.leb()?;
                functions += 1;
            }
            // A table: its element type, then limits.
            1 => {
                imports.byte()?;
                imports.limits()?;
            }
            2 => imports.limits()?,
            // A global: value type and mutability.
            3 => {
                imports.byte()?;
                imports.byte()?;
            }
            // A tag: attribute and type index.
            4 => {
                imports.byte()?;
                imports.leb()?;
            }
            kind => return Err(format!("import of unknown kind {kind}")),
        }
    }
    Ok(functions)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8> {
        let byte = *self.bytes.get(self.at).ok_or("wasm module cut short")?;
        self.at += 1;
        Ok(byte)
    }

    fn leb(&mut self) -> Result<u32> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= u32::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err("LEB128 number too long".into())
    }

    fn take(&mut self, size: usize) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(size)
            .filter(|&end| end <= self.bytes.len());
        let end = end.ok_or("wasm module cut short")?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn name(&mut self) -> Result<&'a [u8]> {
        let size = self.leb()? as usize;
        self.take(size)
    }

    /// Limits: a flags byte, the minimum, and the maximum when flag bit 0 says so.
    fn limits(&mut self) -> Result {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 == 1 {
            self.leb()?;
        }
        Ok(())
    }
}

/// A `name` custom section holding only function names.
fn name_section<'n>(entries: impl Iterator<Item = (u32, &'n str)>) -> Vec<u8> {
    let mut map = Vec::new();
    let mut count = 0;
    for (index, name) in entries {
        leb(&mut map, index);
        leb(&mut map, name.len() as u32);
        map.extend_from_slice(name.as_bytes());
        count += 1;
    }
    let mut functions = Vec::new();
    leb(&mut functions, count);
    functions.extend(map);
    let mut contents = Vec::new();
    leb(&mut contents, 4);
    contents.extend_from_slice(b"name");
    // Subsection 1: function names.
    contents.push(1);
    leb(&mut contents, functions.len() as u32);
    contents.extend(functions);
    let mut section = vec![CUSTOM];
    leb(&mut section, contents.len() as u32);
    section.extend(contents);
    section
}

fn leb(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_puts_look_alikes_side_by_side() {
        let a = b"\x20\x00\x41\x08\x6a\x28\x02\x00\x0b\x20\x01\x10\x05";
        let b = b"\x41\x10\x6a\x36\x02\x00\x0b\x23\x00\x41\x20\x6b\x24\x00";
        let a2 = b"\x20\x00\x41\x08\x6a\x28\x02\x00\x0b\x20\x01\x10\x06";
        let b2 = b"\x41\x10\x6a\x36\x02\x00\x0b\x23\x00\x41\x20\x6b\x24\x01";
        let bodies: Vec<&[u8]> = vec![a, b, a2, b2];
        // From the largest (b), on to its look-alike, then the others.
        assert_eq!(walk(&bodies), vec![1, 3, 0, 2]);
        assert_eq!(walk(&[]), Vec::<usize>::new());
    }

    /// A module importing one function and a memory, defining two functions, with an
    /// old name section to replace.
    fn module() -> Vec<u8> {
        let mut module = b"\0asm\x01\0\0\0".to_vec();
        // type section: one type, () -> ()
        module.extend([1, 4, 1, 0x60, 0, 0]);
        // import section: "m" "f" func type 0; "m" "mem" memory (flags 1, min 1, max 2)
        module.extend([
            2, 17, 2, 1, b'm', 1, b'f', 0, 0, 1, b'm', 3, b'm', b'e', b'm', 2, 1, 1, 2,
        ]);
        // function section: two functions of type 0
        module.extend([3, 3, 2, 0, 0]);
        // code section: two bodies, `nop end` and `call 0 end`
        module.extend([10, 10, 2, 3, 0, 0x01, 0x0b, 4, 0, 0x10, 0, 0x0b]);
        module.extend(name_section([(1, "old")].into_iter()));
        module
    }

    #[test]
    fn a_module_is_read_and_named_anew() {
        let bytes = module();
        let parsed = Module::read(&bytes).expect("a module");
        assert_eq!(parsed.imported_functions, 1);
        assert_eq!(
            parsed.bodies,
            vec![&[0, 0x01, 0x0b][..], &[0, 0x10, 0, 0x0b][..]]
        );
        assert_eq!(
            parsed.sections.iter().filter(|s| s.is_name_section).count(),
            1
        );

        let named = name_by_walk(&bytes).expect("named");
        let reread = Module::read(&named).expect("still a module");
        assert_eq!(reread.bodies, parsed.bodies);
        let name_section = reread.sections.last().expect("sections");
        assert!(name_section.is_name_section);
        // The larger body goes first: function 2 is "000000", function 1 "000001".
        let expected = super::name_section([(1, "000001"), (2, "000000")].into_iter());
        assert_eq!(
            &named[name_section.start..name_section.end],
            expected.as_slice()
        );
        assert_eq!(
            reread.sections.iter().filter(|s| s.is_name_section).count(),
            1,
            "the old names are gone"
        );
    }

    #[test]
    fn what_is_not_a_module_is_refused() {
        assert!(Module::read(b"<html>").is_err());
        let mut cut = module();
        cut.truncate(20);
        assert!(Module::read(&cut).is_err());
    }
}
