//! The little of the WebAssembly binary format the release steps rewrite: the list of
//! sections, the imports, the function bodies, and a `name` section to write.

use std::fs;
use std::path::{Path, PathBuf};

use crate::run::Result;

pub const CUSTOM: u8 = 0;
pub const IMPORT: u8 = 2;
pub const EXPORT: u8 = 7;
pub const CODE: u8 = 10;

const HEADER: &[u8; 8] = b"\0asm\x01\0\0\0";

/// The widget's module in a Trunk dist (`*_bg.wasm`).
pub fn find(dist: &Path) -> Result<PathBuf> {
    let entries = fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.to_string_lossy().ends_with("_bg.wasm") {
            return Ok(path);
        }
    }
    Err(format!("{} holds no *_bg.wasm", dist.display()))
}

/// One section of a module.
pub struct Section<'a> {
    pub id: u8,
    /// The whole section, id and size included.
    pub bytes: &'a [u8],
    /// What follows the size.
    pub contents: &'a [u8],
}

impl Section<'_> {
    pub fn is_name_section(&self) -> bool {
        let mut reader = Reader::new(self.contents);
        self.id == CUSTOM && reader.name().is_ok_and(|name| name == b"name")
    }
}

/// The sections of a module, in order.
pub fn sections(module: &[u8]) -> Result<Vec<Section<'_>>> {
    if module.get(..8) != Some(HEADER.as_slice()) {
        return Err("not a wasm module (version 1)".into());
    }
    let mut sections = Vec::new();
    let mut reader = Reader::new(module);
    reader.at = 8;
    while reader.at < module.len() {
        let start = reader.at;
        let id = reader.byte()?;
        let size = reader.leb()? as usize;
        let contents = reader.take(size)?;
        sections.push(Section {
            id,
            bytes: &module[start..reader.at],
            contents,
        });
    }
    Ok(sections)
}

/// Reassembles a module from sections (as read, or newly written).
pub fn module<'a>(sections: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut module = HEADER.to_vec();
    for section in sections {
        module.extend_from_slice(section);
    }
    module
}

/// The module of `sections` with the one at `at` replaced by `section`.
pub fn replacing(sections: &[Section], at: usize, section: &[u8]) -> Vec<u8> {
    module(
        sections
            .iter()
            .enumerate()
            .map(|(i, s)| if i == at { section } else { s.bytes }),
    )
}

/// A section with its id and size in front of `contents`.
pub fn section(id: u8, contents: &[u8]) -> Vec<u8> {
    let mut section = vec![id];
    leb(&mut section, contents.len() as u32);
    section.extend_from_slice(contents);
    section
}

/// One import: from which module, under which name, and its descriptor as it is encoded
/// (kind byte and what follows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import<'a> {
    pub module: &'a [u8],
    pub name: &'a [u8],
    pub descriptor: &'a [u8],
}

impl Import<'_> {
    pub fn is_function(&self) -> bool {
        self.descriptor.first() == Some(&0)
    }
}

/// The imports held by an import section's contents.
pub fn imports(contents: &[u8]) -> Result<Vec<Import<'_>>> {
    let mut reader = Reader::new(contents);
    let mut imports = Vec::new();
    for _ in 0..reader.leb()? {
        let module = reader.name()?;
        let name = reader.name()?;
        let start = reader.at;
        match reader.byte()? {
            // A function: its type index.
            0 => {
                reader.leb()?;
            }
            // A table: its element type, then limits.
            1 => {
                reader.byte()?;
                reader.limits()?;
            }
            2 => reader.limits()?,
            // A global: value type and mutability.
            3 => {
                reader.byte()?;
                reader.byte()?;
            }
            // A tag: attribute and type index.
            4 => {
                reader.byte()?;
                reader.leb()?;
            }
            kind => return Err(format!("import of unknown kind {kind}")),
        }
        imports.push(Import {
            module,
            name,
            descriptor: &contents[start..reader.at],
        });
    }
    Ok(imports)
}

/// An import section holding `imports`.
pub fn import_section(imports: &[Import]) -> Vec<u8> {
    let mut contents = Vec::new();
    leb(&mut contents, imports.len() as u32);
    for import in imports {
        name(&mut contents, import.module);
        name(&mut contents, import.name);
        contents.extend_from_slice(import.descriptor);
    }
    section(IMPORT, &contents)
}

/// One export: its name, and its kind byte and index as they are encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export<'a> {
    pub name: &'a [u8],
    pub descriptor: &'a [u8],
}

/// The exports held by an export section's contents.
pub fn exports(contents: &[u8]) -> Result<Vec<Export<'_>>> {
    let mut reader = Reader::new(contents);
    let mut exports = Vec::new();
    for _ in 0..reader.leb()? {
        let name = reader.name()?;
        let start = reader.at;
        reader.byte()?;
        reader.leb()?;
        exports.push(Export {
            name,
            descriptor: &contents[start..reader.at],
        });
    }
    Ok(exports)
}

/// An export section holding `exports`.
pub fn export_section(exports: &[Export]) -> Vec<u8> {
    let mut contents = Vec::new();
    leb(&mut contents, exports.len() as u32);
    for export in exports {
        name(&mut contents, export.name);
        contents.extend_from_slice(export.descriptor);
    }
    section(EXPORT, &contents)
}

/// The function bodies held by a code section's contents.
pub fn bodies(contents: &[u8]) -> Result<Vec<&[u8]>> {
    let mut reader = Reader::new(contents);
    let mut bodies = Vec::new();
    for _ in 0..reader.leb()? {
        let size = reader.leb()? as usize;
        bodies.push(reader.take(size)?);
    }
    Ok(bodies)
}

/// A `name` custom section holding only function names.
pub fn name_section<'n>(entries: impl Iterator<Item = (u32, &'n str)>) -> Vec<u8> {
    let mut map = Vec::new();
    let mut count = 0;
    for (index, function) in entries {
        leb(&mut map, index);
        name(&mut map, function.as_bytes());
        count += 1;
    }
    let mut functions = Vec::new();
    leb(&mut functions, count);
    functions.extend(map);
    let mut contents = Vec::new();
    name(&mut contents, b"name");
    // Subsection 1: function names.
    contents.push(1);
    leb(&mut contents, functions.len() as u32);
    contents.extend(functions);
    section(CUSTOM, &contents)
}

fn name(out: &mut Vec<u8>, name: &[u8]) {
    leb(out, name.len() as u32);
    out.extend_from_slice(name);
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

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

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

/// A module importing one function and a memory, defining two functions, with a name
/// section: what the tests of the steps that rewrite modules start from.
#[cfg(test)]
pub fn sample() -> Vec<u8> {
    let mut module = HEADER.to_vec();
    // type section: one type, () -> ()
    module.extend([1, 4, 1, 0x60, 0, 0]);
    // import section: "m" "f" func type 0; "m" "mem" memory (flags 1, min 1, max 2)
    module.extend([
        2, 17, 2, 1, b'm', 1, b'f', 0, 0, 1, b'm', 3, b'm', b'e', b'm', 2, 1, 1, 2,
    ]);
    // function section: two functions of type 0
    module.extend([3, 3, 2, 0, 0]);
    // export section: function 1 as "run", function 2 as "long_export_name"
    module.extend([7, 26, 2, 3, b'r', b'u', b'n', 0, 1, 16]);
    module.extend(b"long_export_name");
    module.extend([0, 2]);
    // code section: two bodies, `nop end` and `call 0 end`
    module.extend([10, 10, 2, 3, 0, 0x01, 0x0b, 4, 0, 0x10, 0, 0x0b]);
    module.extend(name_section([(1, "old")].into_iter()));
    module
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_reads_and_writes_back_the_same() {
        let bytes = sample();
        let read = sections(&bytes).expect("a module");
        assert_eq!(
            read.iter().map(|s| s.id).collect::<Vec<_>>(),
            [1, IMPORT, 3, EXPORT, CODE, CUSTOM]
        );
        assert!(read[5].is_name_section() && !read[0].is_name_section());
        let found = imports(read[1].contents).expect("imports");
        assert_eq!(found.len(), 2);
        assert!(found[0].is_function() && !found[1].is_function());
        assert_eq!((found[1].module, found[1].name), (&b"m"[..], &b"mem"[..]));
        assert_eq!(import_section(&found), read[1].bytes);
        let exported = exports(read[3].contents).expect("exports");
        assert_eq!(
            exported.iter().map(|e| e.name).collect::<Vec<_>>(),
            [&b"run"[..], &b"long_export_name"[..]]
        );
        assert_eq!(exported[1].descriptor, [0, 2]);
        assert_eq!(export_section(&exported), read[3].bytes);
        assert_eq!(
            bodies(read[4].contents).expect("bodies"),
            [&[0, 0x01, 0x0b][..], &[0, 0x10, 0, 0x0b][..]]
        );
        assert_eq!(module(read.iter().map(|s| s.bytes)), bytes);
    }

    #[test]
    fn what_is_not_a_module_is_refused() {
        assert!(sections(b"<html>").is_err());
        let mut cut = sample();
        cut.truncate(20);
        assert!(sections(&cut).is_err());
    }
}
