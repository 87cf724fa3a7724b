//! The JSON Schema of the session format (`rapporteur schema`, shipped as
//! `schema/session.schema.json`): what editors use to complete and check `session.yaml` while it
//! is typed (the `# yaml-language-server: $schema=…` line at the top of each session file).
//!
//! It is derived from the serde types of `crate::session` with `schemars`, which reads their
//! serde attributes: `deny_unknown_fields` becomes `additionalProperties: false` (so `txt:` for
//! `text:` or a misspelt top-level key is flagged), `default` makes a field optional, `rename`
//! gives the key. The types whose `Deserialize` is written by hand (`ParagraphDef`, `ItemDef`,
//! `Date`, `Distribution`) have a `JsonSchema` written beside it, from the same key lists.
//!
//! One thing the derivation cannot know is how the YAML reader turns plain scalars into Rust
//! values, so it is adjusted here (`yaml_scalars`): serde-saphyr stores a plain `2009` or `true`
//! written where text is expected as that text, whereas an editor or `check-jsonschema` reads a
//! number and a boolean there. Booleans are YAML 1.2's (`true`, `false`) for both: the loader is
//! set to read no others (`safety::yaml_options`). The schema accepts exactly what the loader
//! accepts; `tests/schema.rs` checks that the two agree on every session and on a corpus of slips.

use serde_json::{Map, Value};

/// The schema of the session format, as a JSON value.
pub fn session_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().for_deserialize().into_generator();
    let mut schema = generator.into_root_schema_for::<crate::session::Session>().to_value();
    if let Some(root) = schema.as_object_mut() {
        root.insert("title".into(), "rapporteur session".into());
        root.insert(
            "description".into(),
            "One meeting's record for rapporteur: `session.yaml` and the files it includes (`rapporteur schema` prints this schema)."
                .into(),
        );
    }
    yaml_scalars(&mut schema);
    schema
}

/// The schema as `rapporteur schema` prints it and `schema/session.schema.json` holds it.
pub fn session_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&session_schema()).expect("a JSON value serializes");
    text.push('\n');
    text
}

/// A value the loader reads only as a string (through `deserialize_any`, as a paragraph or a
/// sub-item written as plain text is read): a YAML number or `true` there is refused, not taken
/// as its text. Its `$comment` says so, and keeps `yaml_scalars` from widening it.
pub(crate) fn plain_string() -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("type".into(), "string".into());
    out.insert("$comment".into(), "text only: a YAML number or boolean here is refused".into());
    out
}

/// Adjusts every plain string and boolean schema to what the YAML loader accepts (see the module
/// comment): text also takes YAML 1.2 numbers and booleans (the loader keeps their text). Schemas with their own constraints (`pattern`, `enum`,
/// `format`, `$comment`…) are left as they are.
fn yaml_scalars(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let plain = map.keys().all(|k| matches!(k.as_str(), "type" | "description" | "default" | "title"));
            let types: Option<Vec<String>> = match map.get("type") {
                Some(Value::String(t)) => Some(vec![t.clone()]),
                Some(Value::Array(ts)) => ts.iter().map(|t| t.as_str().map(String::from)).collect(),
                _ => None,
            };
            if let (true, Some(mut types)) = (plain, types)
                && types.iter().any(|t| t == "string")
            {
                types.extend(["number".into(), "boolean".into()]);
                map.insert("type".into(), types.into());
            }
            for v in map.values_mut() {
                yaml_scalars(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(yaml_scalars),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_refused_where_serde_refuses_them() {
        let schema = session_schema();
        assert_eq!(schema["additionalProperties"], Value::Bool(false), "top level");
        let defs = schema["$defs"].as_object().expect("definitions");
        for name in ["Meeting", "Agenda", "AgendaItem", "Attendance", "Chapter", "Section", "TableDef", "DecisionDef"] {
            assert_eq!(defs[name]["additionalProperties"], Value::Bool(false), "{name}");
        }
        // A hand-written schema: every mapping form of a paragraph is closed.
        let forms = defs["Paragraph"]["oneOf"].as_array().expect("paragraph forms");
        assert_eq!(forms.len(), 6, "a string, then text, template, table, decision, officers");
        assert!(forms[1..].iter().all(|f| f["additionalProperties"] == Value::Bool(false)));
    }

    #[test]
    fn text_takes_what_the_loader_takes() {
        let schema = session_schema();
        assert_eq!(schema["properties"]["title"]["type"], serde_json::json!(["string", "number", "boolean"]));
        // A switch is `true` or `false` only, for the loader (YAML 1.2) as for an editor.
        assert_eq!(schema["properties"]["contents"]["type"], serde_json::json!("boolean"));
        assert!(schema["properties"]["contents"].get("pattern").is_none());
    }
}
