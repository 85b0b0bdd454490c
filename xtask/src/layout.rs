//! Lays out the shipped module's functions so that similar ones sit side by side. gzip
//! and brotli find repeats only within a window behind the current byte (32 KB for
//! gzip), and the linker leaves monomorphized copies of one generic, or the serde code of
//! two look-alike types, far apart.
//!
//! The order is a greedy walk: from the largest function, always on to the remaining one
//! whose 4-byte sequences overlap most with the current one's (Jaccard index). Each
//! function is named by its place in the walk, and wasm-opt moves the functions into name
//! order, optimizes once more and drops the names again, with the two custom sections no
//! browser reads (`producers`, `target_features`). Only the order of the code changes,
//! never what it does.

use std::fs;
use std::path::Path;

use crate::run::{command, root, run, tools_bin, Result};
use crate::sri;
use crate::wasm;

/// Rewrites the dist's wasm module in place; the page's integrity hash follows.
pub fn dist(dist: &Path) -> Result {
    let wasm = wasm::find(dist)?;
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
            "--strip-producers",
            "--strip-target-features",
            &input.to_string_lossy(),
            "-o",
            &wasm.to_string_lossy(),
        ],
    ))
}

/// The module with a name section that names every defined function by its place in
/// the walk (imports keep their place: they come first in any order).
fn name_by_walk(module: &[u8]) -> Result<Vec<u8>> {
    let sections = wasm::sections(module)?;
    let mut imported_functions = 0;
    let mut bodies = Vec::new();
    for section in &sections {
        match section.id {
            wasm::IMPORT => {
                let imports = wasm::imports(section.contents)?;
                imported_functions = imports
                    .iter()
                    .filter(|i| matches!(i.ty, wasm::TypeRef::Func(_)))
                    .count() as u32;
            }
            wasm::CODE => bodies = wasm::bodies(section.contents)?,
            _ => {}
        }
    }
    let order = walk(&bodies);
    let mut names = vec![String::new(); order.len()];
    for (place, &body) in order.iter().enumerate() {
        names[body] = format!("{place:06}");
    }
    let entries = names
        .iter()
        .enumerate()
        .map(|(body, name)| (imported_functions + body as u32, name.as_str()));
    let name_section = wasm::name_section(entries);
    let kept = sections.iter().filter(|s| !s.is_name_section());
    Ok(wasm::module(
        kept.map(|s| wasm::Part::Raw(s.bytes))
            .chain([wasm::Part::New(&name_section)]),
    ))
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

    #[test]
    fn every_function_is_named_by_its_place_and_the_old_names_go() {
        let bytes = wasm::sample();
        let named = name_by_walk(&bytes).expect("named");
        let sections = wasm::sections(&named).expect("still a module");
        let names: Vec<_> = sections.iter().filter(|s| s.is_name_section()).collect();
        assert_eq!(names.len(), 1, "the old names are gone");
        // The larger body goes first: function 2 is "000000", function 1 "000001".
        let expected = wasm::name_section([(1, "000001"), (2, "000000")].into_iter());
        assert_eq!(names[0].bytes, wasm::encoded(&expected));
        let original = wasm::sections(&bytes).expect("a module");
        let unnamed = |list: &[wasm::Section]| -> Vec<Vec<u8>> {
            list.iter()
                .filter(|s| !s.is_name_section())
                .map(|s| s.bytes.to_vec())
                .collect()
        };
        assert_eq!(
            unnamed(&sections),
            unnamed(&original),
            "nothing else changes"
        );
    }
}
