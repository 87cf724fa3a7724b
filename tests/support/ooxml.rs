//! Validating a DOCX package as a strict consumer would: every part against the ISO/IEC 29500
//! transitional schemas (`../shared/schemas/ooxml/`, see its README) with `xmllint`, after the
//! Markup Compatibility processing of ECMA-376 Part 3 — attributes and elements of the namespaces
//! a part declares ignorable are removed (their values checked here against Word's extension
//! schemas' simple types), `mc:` attributes dropped. A missing validator fails the test.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// The schema folder shared by the project.
pub fn schema_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/ooxml");
    assert!(dir.join("ISO-IEC29500-4_2016/wml.xsd").is_file(), "the OOXML schemas are needed in {}", dir.display());
    dir
}

/// Every part of a DOCX archive, by name.
pub fn parts(docx: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip archive");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", f.name()));
        out.insert(f.name().to_string(), s);
    }
    out
}

/// The schema (relative to `schema_dir`) a part must satisfy.
fn schema_for(part: &str) -> &'static str {
    match part {
        "[Content_Types].xml" => "ecma/fouth-edition/opc-contentTypes.xsd",
        "docProps/core.xml" => "ecma/fouth-edition/opc-coreProperties.xsd",
        "docProps/app.xml" => "ISO-IEC29500-4_2016/shared-documentPropertiesExtended.xsd",
        "docProps/custom.xml" => "ISO-IEC29500-4_2016/shared-documentPropertiesCustom.xsd",
        "word/commentsExtended.xml" => "microsoft/wml-2012.xsd",
        p if p.ends_with(".rels") => "ecma/fouth-edition/opc-relationships.xsd",
        p if p.starts_with("word/") && p.ends_with(".xml") => "ISO-IEC29500-4_2016/wml.xsd",
        p => panic!("no schema is known for the part `{p}`: a DOCX part nobody can check"),
    }
}

/// Markup Compatibility processing of one part: the part without what its `mc:Ignorable`
/// namespaces add, the removed attribute values checked (see `check_extension`).
pub fn mce_process(part: &str, xml: &str) -> String {
    let mut reader = Reader::from_str(xml);
    let mut writer = Writer::new(Vec::new());
    let mut ignorable: Vec<String> = Vec::new();
    let mut root = true;
    let prefix = |name: &[u8]| -> Option<String> {
        let name = std::str::from_utf8(name).unwrap();
        name.split_once(':').map(|(p, _)| p.to_string())
    };
    loop {
        let event = reader.read_event().unwrap_or_else(|e| panic!("{part} is not well-formed: {e}"));
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if root {
                    root = false;
                    for a in e.attributes() {
                        let a = a.unwrap();
                        if a.key.as_ref() == b"mc:Ignorable" {
                            ignorable = a.unescape_value().unwrap().split_whitespace().map(str::to_string).collect();
                        }
                    }
                    for p in &ignorable {
                        let declared =
                            e.attributes().flatten().any(|a| a.key.as_ref() == format!("xmlns:{p}").as_bytes());
                        assert!(declared, "{part}: the ignorable prefix `{p}` is not declared on the root");
                    }
                }
                let name = e.name();
                let element_prefix = prefix(name.as_ref());
                assert!(
                    element_prefix.as_deref() != Some("mc"),
                    "{part}: `{}` (Markup Compatibility content) is not expected in our DOCX",
                    String::from_utf8_lossy(name.as_ref())
                );
                if element_prefix.as_ref().is_some_and(|p| ignorable.contains(p)) {
                    panic!(
                        "{part}: extension element `{}` — no check of Word's extension elements is written",
                        String::from_utf8_lossy(name.as_ref())
                    );
                }
                let mut kept = BytesStart::new(String::from_utf8(name.as_ref().to_vec()).unwrap());
                for a in e.attributes() {
                    let a = a.unwrap();
                    let key = std::str::from_utf8(a.key.as_ref()).unwrap().to_string();
                    let p = prefix(key.as_bytes());
                    if p.as_deref() == Some("mc") {
                        continue;
                    }
                    if p.as_ref().is_some_and(|p| ignorable.contains(p)) {
                        check_extension(part, &key, &a.unescape_value().unwrap());
                        continue;
                    }
                    kept.push_attribute((key.as_bytes(), a.value.as_ref()));
                }
                let out = if empty { Event::Empty(kept) } else { Event::Start(kept) };
                writer.write_event(out).unwrap();
            }
            other => writer.write_event(other).unwrap(),
        }
    }
    String::from_utf8(writer.into_inner()).unwrap()
}

/// The values of the extension attributes a DOCX of ours may carry, checked against their types
/// in Word's schemas (`microsoft/wml-2010.xsd`: `w14:paraId`, `w14:textId` are
/// `ST_LongHexNumber` — four bytes of hex — below 0x80000000).
fn check_extension(part: &str, key: &str, value: &str) {
    match key {
        "w14:paraId" | "w14:textId" => {
            let n = u32::from_str_radix(value, 16).ok().filter(|_| value.len() == 8);
            assert!(n.is_some_and(|n| n < 0x8000_0000), "{part}: {key}=\"{value}\" is not a valid ST_LongHexNumber id");
        }
        other => panic!("{part}: extension attribute `{other}` — no check of it is written"),
    }
}

/// Validates every part of `docx` and panics with every schema error found (`what` names the
/// document in the message).
pub fn validate(what: &str, docx: &[u8]) {
    let schemas = schema_dir();
    let dir = tempfile::tempdir().unwrap();
    let mut by_schema: BTreeMap<&str, Vec<(String, PathBuf)>> = BTreeMap::new();
    for (i, (name, xml)) in parts(docx).iter().enumerate() {
        let processed = mce_process(name, xml);
        let file = dir.path().join(format!("{i:02}-{}", name.replace(['/', '[', ']'], "_")));
        std::fs::write(&file, processed).unwrap();
        by_schema.entry(schema_for(name)).or_default().push((name.clone(), file));
    }
    let mut errors = String::new();
    for (schema, files) in by_schema {
        let out = xmllint(&schemas, &schemas.join(schema), files.iter().map(|(_, f)| f.as_path()));
        if !out.status.success() {
            let mut report = String::from_utf8_lossy(&out.stderr).into_owned();
            for (name, file) in &files {
                report = report.replace(&file.display().to_string(), name);
            }
            errors.push_str(&format!("against {schema}:\n{report}\n"));
        }
    }
    assert!(errors.is_empty(), "{what}: the DOCX breaks the OOXML schemas:\n{errors}");
}

fn xmllint<'a>(schemas: &Path, schema: &Path, files: impl Iterator<Item = &'a Path>) -> std::process::Output {
    Command::new("xmllint")
        .env("XML_CATALOG_FILES", schemas.join("catalog.xml"))
        .args(["--nonet", "--noout", "--schema"])
        .arg(schema)
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("xmllint (Debian package libxml2-utils) is needed to validate the DOCX: {e}"))
}
