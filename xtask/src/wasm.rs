//! The release steps' view of a WebAssembly module: wasmparser reads its sections,
//! imports, exports and function bodies; wasm-encoder writes the sections a step
//! rewrites. Every other section is copied byte for byte, header included, so a step
//! changes nothing it does not mean to.

use std::fs;
use std::path::{Path, PathBuf};

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{ExportSection, ImportSection, NameMap, NameSection};
use wasmparser::{
    BinaryReader, CodeSectionReader, Encoding, ExportSectionReader, Imports, Parser, Payload,
};
pub use wasmparser::{Export, Import, TypeRef};

use crate::run::Result;

pub const IMPORT: u8 = 2;
pub const EXPORT: u8 = 7;
pub const CODE: u8 = 10;

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
    /// A custom section's name.
    custom_name: Option<&'a str>,
}

impl Section<'_> {
    pub fn is_name_section(&self) -> bool {
        self.custom_name == Some("name")
    }
}

fn malformed(error: wasmparser::BinaryReaderError) -> String {
    format!("malformed wasm module: {error}")
}

/// The sections of a module, in order.
pub fn sections(module: &[u8]) -> Result<Vec<Section<'_>>> {
    let mut sections = Vec::new();
    // Sections lie end to end: each one's id and size follow the end of the one before.
    let mut end = 0;
    for payload in Parser::new(0).parse_all(module) {
        let payload = payload.map_err(malformed)?;
        if let Payload::Version { encoding, .. } = payload {
            if encoding != Encoding::Module {
                return Err("not a wasm module (a component)".into());
            }
        }
        let custom_name = match &payload {
            Payload::CustomSection(custom) => Some(custom.name()),
            _ => None,
        };
        let Some((id, range)) = payload.as_section() else {
            if let Payload::Version { range, .. } = payload {
                end = range.end;
            }
            continue;
        };
        sections.push(Section {
            id,
            bytes: &module[end..range.end],
            contents: &module[range.clone()],
            custom_name,
        });
        end = range.end;
    }
    Ok(sections)
}

/// A module of sections: `raw` ones as read, the others written anew.
pub fn module<'a>(sections: impl IntoIterator<Item = Part<'a>>) -> Vec<u8> {
    let mut module = wasm_encoder::Module::new().finish();
    for section in sections {
        match section {
            Part::Raw(bytes) => module.extend_from_slice(bytes),
            Part::New(section) => section.append_to(&mut module),
        }
    }
    module
}

/// A section of a module to write: as read, or newly written.
pub enum Part<'a> {
    Raw(&'a [u8]),
    New(&'a dyn wasm_encoder::Section),
}

/// The module of `sections` with the one at `at` replaced by `section`.
pub fn replacing(sections: &[Section], at: usize, section: &dyn wasm_encoder::Section) -> Vec<u8> {
    module(sections.iter().enumerate().map(|(i, s)| {
        if i == at {
            Part::New(section)
        } else {
            Part::Raw(s.bytes)
        }
    }))
}

/// The imports held by an import section's contents, each one as it is encoded alone
/// (the compact encodings that group imports by module are refused).
pub fn imports(contents: &[u8]) -> Result<Vec<Import<'_>>> {
    let reader =
        wasmparser::ImportSectionReader::new(BinaryReader::new(contents, 0)).map_err(malformed)?;
    let mut imports = Vec::new();
    for group in reader {
        match group.map_err(malformed)? {
            Imports::Single(_, import) => imports.push(import),
            _ => return Err("compact import encoding: not supported".into()),
        }
    }
    Ok(imports)
}

/// An import section holding `imports`.
pub fn import_section(imports: &[Import]) -> Result<ImportSection> {
    let mut section = ImportSection::new();
    for import in imports {
        let ty = RoundtripReencoder
            .entity_type(import.ty)
            .map_err(|e| format!("import {}: {e}", import.name))?;
        section.import(import.module, import.name, ty);
    }
    Ok(section)
}

/// The exports held by an export section's contents.
pub fn exports(contents: &[u8]) -> Result<Vec<Export<'_>>> {
    let reader = ExportSectionReader::new(BinaryReader::new(contents, 0)).map_err(malformed)?;
    reader
        .into_iter()
        .collect::<wasmparser::Result<_>>()
        .map_err(malformed)
}

/// An export section holding `exports`.
pub fn export_section(exports: &[Export]) -> Result<ExportSection> {
    let mut section = ExportSection::new();
    for export in exports {
        let kind = RoundtripReencoder
            .export_kind(export.kind)
            .map_err(|e| format!("export {}: {e}", export.name))?;
        section.export(export.name, kind, export.index);
    }
    Ok(section)
}

/// The function bodies held by a code section's contents (locals and code, without
/// their size).
pub fn bodies(contents: &[u8]) -> Result<Vec<&[u8]>> {
    let reader = CodeSectionReader::new(BinaryReader::new(contents, 0)).map_err(malformed)?;
    reader
        .into_iter()
        .map(|body| body.map(|body| body.as_bytes()))
        .collect::<wasmparser::Result<_>>()
        .map_err(malformed)
}

/// A `name` custom section holding only function names.
pub fn name_section<'n>(entries: impl Iterator<Item = (u32, &'n str)>) -> NameSection {
    let mut functions = NameMap::new();
    for (index, name) in entries {
        functions.append(index, name);
    }
    let mut section = NameSection::new();
    section.functions(&functions);
    section
}

/// A written section's bytes, id and size included.
#[cfg(test)]
pub fn encoded(section: &dyn wasm_encoder::Section) -> Vec<u8> {
    let mut bytes = Vec::new();
    section.append_to(&mut bytes);
    bytes
}

/// A module importing one function and a memory, defining two functions, with a name
/// section: what the tests of the steps that rewrite modules start from.
#[cfg(test)]
pub fn sample() -> Vec<u8> {
    let mut module = wasm_encoder::Module::new().finish();
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
    module.extend(encoded(&name_section([(1, "old")].into_iter())));
    module
}

#[cfg(test)]
mod tests {
    use super::*;

    const CUSTOM: u8 = 0;

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
        assert!(matches!(found[0].ty, TypeRef::Func(0)));
        assert!(matches!(found[1].ty, TypeRef::Memory(_)));
        assert_eq!((found[1].module, found[1].name), ("m", "mem"));
        let written = import_section(&found).expect("an import section");
        assert_eq!(encoded(&written), read[1].bytes);
        let exported = exports(read[3].contents).expect("exports");
        assert_eq!(
            exported.iter().map(|e| e.name).collect::<Vec<_>>(),
            ["run", "long_export_name"]
        );
        assert_eq!(
            (exported[1].kind, exported[1].index),
            (wasmparser::ExternalKind::Func, 2)
        );
        let written = export_section(&exported).expect("an export section");
        assert_eq!(encoded(&written), read[3].bytes);
        assert_eq!(
            bodies(read[4].contents).expect("bodies"),
            [&[0, 0x01, 0x0b][..], &[0, 0x10, 0, 0x0b][..]]
        );
        assert_eq!(module(read.iter().map(|s| Part::Raw(s.bytes))), bytes);
    }

    #[test]
    fn what_is_not_a_module_is_refused() {
        assert!(sections(b"<html>").is_err());
        let mut cut = sample();
        cut.truncate(20);
        assert!(sections(&cut).is_err());
    }
}
