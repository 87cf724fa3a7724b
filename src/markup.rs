//! The inline markup of free text in session files — a small, closed language:
//!
//! | write              | means                                              |
//! |--------------------|----------------------------------------------------|
//! | `*text*`           | italics                                            |
//! | `**text**`         | bold                                               |
//! | `[^id]`            | a reference to footnote `id` (defined under `footnotes:`) |
//! | `{chapter:id}`     | "chapter I" (also `section`, `para`, `annex`)      |
//! | `{chapters:a-b}`   | "chapters II–VI", "chapters II and III" (also `paras`; `a..b` when ids contain hyphens) |
//! | `{org:id\|Name}`    | a named organization or State (also `person`, `role`): prints `Name`, and Akoma Ntoso marks it up |
//! | `[[text]]`         | text still in square brackets (under negotiation): a draft prints "[text]", a final report refuses it |
//! | `\*`, `\[`, `\{` … | the character itself                               |
//!
//! A `*` only opens italics before a non-space and closes after one, so "5 * 3" is plain text;
//! `{` only starts a reference when a lower-case word and a colon follow, so `{{ x }}` is plain
//! text too. A single `[` is plain text ("a [b] c"); only a doubled `[[` opens bracketed text, so
//! YAML's own `[`…`]` and quoted brackets never turn into negotiation marks by accident. Anything that starts like markup but does not finish is an error with its position.
//! Nothing here is ever interpreted by a writer: the result is a tree of `Span`s.

/// A piece of parsed markup, before cross-references and footnotes are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Emph(Vec<Span>),
    Strong(Vec<Span>),
    /// `[^id]`; `at` is the character offset of its `[` in the text (for diagnostics).
    Note {
        id: String,
        at: usize,
    },
    /// `{kind:target}` or `{kind:first-last}`; `at` is the offset of its `{`.
    Ref {
        kind: RefKind,
        first: String,
        last: Option<String>,
        at: usize,
    },
    /// `[[text]]`: text in square brackets while it is negotiated; `at` is the offset of its
    /// first `[` (a final report names that place).
    Bracketed {
        content: Vec<Span>,
        at: usize,
    },
    /// `{org:id|Name}`
    Entity {
        kind: EntityMark,
        id: String,
        text: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Chapter,
    Chapters,
    Section,
    Para,
    Paras,
    Annex,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityMark {
    Org,
    Person,
    Role,
}

/// What went wrong, and where (a character offset into the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError {
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

/// Characters that `\` escapes, and that `escape` protects.
const SPECIAL: &[char] = &['\\', '*', '[', ']', '{', '}', '^', '|'];

/// Makes plain text safe to embed in markup (used for data inserted by templates).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn parse(text: &str) -> Result<Vec<Span>, MarkupError> {
    let chars: Vec<char> = text.chars().collect();
    let mut p = MarkupParser { chars: &chars, pos: 0, depth: 0 };
    let spans = p.spans(None)?;
    Ok(spans)
}

/// How deep italics and bold may nest (`*a **b *c* b** a*` is three deep). The parser recurses
/// once per level, so an unbounded depth would let a hostile text overflow the stack.
pub const MAX_NESTING: usize = 8;

struct MarkupParser<'a> {
    chars: &'a [char],
    pos: usize,
    depth: usize,
}

impl MarkupParser<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    /// Parses until the closing delimiter `close` ("*", "**" or "]]") or the end of the text.
    fn spans(&mut self, close: Option<&str>) -> Result<Vec<Span>, MarkupError> {
        let mut out: Vec<Span> = Vec::new();
        let mut text = String::new();
        let start = self.pos;
        while let Some(c) = self.peek(0) {
            match c {
                '\\' if self.peek(1).is_some_and(|n| SPECIAL.contains(&n)) => {
                    text.push(self.peek(1).unwrap_or('\\'));
                    self.pos += 2;
                }
                '*' => {
                    let strong = self.peek(1) == Some('*');
                    let delim = if strong { "**" } else { "*" };
                    let width = delim.len();
                    let prev = self.pos.checked_sub(1).and_then(|i| self.chars.get(i)).copied();
                    let next = self.peek(width);
                    if close == Some(delim) && prev.is_some_and(|p| !p.is_whitespace()) {
                        self.pos += width;
                        flush(&mut text, &mut out);
                        return Ok(out);
                    }
                    if next.is_some_and(|n| !n.is_whitespace()) {
                        flush(&mut text, &mut out);
                        let open_at = self.pos;
                        if self.depth >= MAX_NESTING {
                            return Err(MarkupError {
                                offset: open_at,
                                message: format!("italics and bold nested more than {MAX_NESTING} deep"),
                                hint: "write `\\*` for a literal asterisk".into(),
                            });
                        }
                        self.pos += width;
                        self.depth += 1;
                        let inner = self.spans(Some(delim));
                        self.depth -= 1;
                        let inner = inner.map_err(|mut e| {
                            if e.message.starts_with("unclosed") {
                                e.offset = open_at;
                            }
                            e
                        })?;
                        out.push(if strong { Span::Strong(inner) } else { Span::Emph(inner) });
                    } else {
                        text.push_str(delim);
                        self.pos += width;
                    }
                }
                ']' if close == Some("]]") && self.peek(1) == Some(']') => {
                    self.pos += 2;
                    flush(&mut text, &mut out);
                    return Ok(out);
                }
                '[' if self.peek(1) == Some('[') => {
                    flush(&mut text, &mut out);
                    let open_at = self.pos;
                    self.pos += 2;
                    let inner = self.spans(Some("]]")).map_err(|mut e| {
                        if e.message.starts_with("unclosed `[[`") {
                            e.offset = open_at;
                        }
                        e
                    })?;
                    out.push(Span::Bracketed { content: inner, at: open_at });
                }
                '[' if self.peek(1) == Some('^') => {
                    flush(&mut text, &mut out);
                    out.push(self.note()?);
                }
                '{' if self.starts_reference() => {
                    flush(&mut text, &mut out);
                    out.push(self.reference()?);
                }
                _ => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        if close == Some("]]") {
            return Err(MarkupError {
                offset: start,
                message: "unclosed `[[`: bracketed text is not ended".into(),
                hint: "end it with `]]`, or write `\\[` for a literal bracket".into(),
            });
        }
        if let Some(delim) = close {
            return Err(MarkupError {
                offset: start,
                message: format!("unclosed `{delim}`: {} is not ended", if delim == "*" { "italic" } else { "bold" }),
                hint: format!("end it with `{delim}` after a non-space, or write `\\*` for a literal asterisk"),
            });
        }
        flush(&mut text, &mut out);
        Ok(out)
    }

    /// `[^id]`
    fn note(&mut self) -> Result<Span, MarkupError> {
        let start = self.pos;
        self.pos += 2;
        let id = self.take_while(is_id_char);
        if self.peek(0) != Some(']') || id.is_empty() {
            return Err(MarkupError {
                offset: start,
                message: "a footnote reference must be `[^id]` with an id of letters, digits, `-`, `_` or `.`".into(),
                hint: "write `\\[` for a literal bracket".into(),
            });
        }
        self.pos += 1;
        Ok(Span::Note { id, at: start })
    }

    /// `{` followed by a lower-case word and `:`.
    fn starts_reference(&self) -> bool {
        let mut i = self.pos + 1;
        while self.chars.get(i).is_some_and(|c| c.is_ascii_lowercase()) {
            i += 1;
        }
        i > self.pos + 1 && self.chars.get(i) == Some(&':')
    }

    fn reference(&mut self) -> Result<Span, MarkupError> {
        let start = self.pos;
        self.pos += 1;
        let kind = self.take_while(|c| c.is_ascii_lowercase());
        self.pos += 1; // ':'
        let fail = |message: String, hint: &str| MarkupError { offset: start, message, hint: hint.to_string() };
        let entity = match kind.as_str() {
            "org" => Some(EntityMark::Org),
            "person" => Some(EntityMark::Person),
            "role" => Some(EntityMark::Role),
            _ => None,
        };
        if let Some(kind) = entity {
            let id = self.take_while(is_id_char);
            if self.peek(0) != Some('|') || id.is_empty() {
                return Err(fail(
                    format!("`{{{kind:?}:…}}` needs an id and a name: `{{org:id|Name}}`").to_lowercase(),
                    "write `\\{` for a literal brace",
                ));
            }
            self.pos += 1;
            let mut name = String::new();
            loop {
                match self.peek(0) {
                    None => return Err(fail("unclosed `{`".into(), "end the reference with `}`")),
                    Some('}') => break,
                    Some('\\') if self.peek(1).is_some_and(|n| SPECIAL.contains(&n)) => {
                        name.push(self.peek(1).unwrap_or('\\'));
                        self.pos += 2;
                    }
                    Some(c) => {
                        name.push(c);
                        self.pos += 1;
                    }
                }
            }
            self.pos += 1;
            if name.trim().is_empty() {
                return Err(fail(
                    format!("`{{{}:{id}|}}` has no name to print", format!("{kind:?}").to_lowercase()),
                    "write the name after `|`, e.g. `{org:poland|Poland}`",
                ));
            }
            return Ok(Span::Entity { kind, id, text: name });
        }
        let kind = match kind.as_str() {
            "chapter" => RefKind::Chapter,
            "chapters" => RefKind::Chapters,
            "section" => RefKind::Section,
            "para" => RefKind::Para,
            "paras" => RefKind::Paras,
            "annex" => RefKind::Annex,
            other => {
                return Err(fail(
                    format!("unknown reference kind `{other}`"),
                    "use chapter, chapters, section, para, paras, annex, org, person or role; write `\\{` for a literal brace",
                ));
            }
        };
        let body = self.take_while(|c| c != '}' && c != '{');
        if self.peek(0) != Some('}') {
            return Err(fail("unclosed `{`".into(), "end the reference with `}`"));
        }
        self.pos += 1;
        let ranged = matches!(kind, RefKind::Chapters | RefKind::Paras);
        // Ids may contain hyphens, so `first-last` is split by the assembler, which knows the
        // ids; `first..last` is unambiguous and split here.
        let (first, last) = match body.split_once("..") {
            Some((a, b)) if ranged => (a.to_string(), Some(b.to_string())),
            _ => (body.clone(), None),
        };
        let valid = |s: &str| !s.is_empty() && s.chars().all(is_id_char);
        if !valid(&first) || !last.as_deref().is_none_or(valid) {
            return Err(fail(format!("`{body}` is not an id"), "ids are letters, digits, `-`, `_` and `.`"));
        }
        Ok(Span::Ref { kind, first, last, at: start })
    }

    fn take_while(&mut self, f: impl Fn(char) -> bool) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek(0).filter(|c| f(*c)) {
            s.push(c);
            self.pos += 1;
        }
        s
    }
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

fn flush(text: &mut String, out: &mut Vec<Span>) {
    if !text.is_empty() {
        out.push(Span::Text(std::mem::take(text)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Span {
        Span::Text(s.into())
    }

    /// Whatever the text, its escaped form parses back to that text alone.
    #[test]
    fn escape_round_trips() {
        for s in [
            "5 * 3",
            "*not italic*",
            "**x**",
            "a [b] c",
            "[[x]]",
            "[^note]",
            "{chapter:x}",
            "{{ x }}",
            "a | b",
            "back\\slash \\",
            "^",
            "}{][",
            "plain",
        ] {
            let parsed = parse(&escape(s)).unwrap_or_else(|e| panic!("`{s}`: {}", e.message));
            assert_eq!(parsed, vec![t(s)], "`{s}`");
        }
    }

    #[test]
    fn emphasis_and_notes() {
        assert_eq!(
            parse("the *Global Report*[^gr] and **bold**").unwrap(),
            vec![
                t("the "),
                Span::Emph(vec![t("Global Report")]),
                Span::Note { id: "gr".into(), at: 19 },
                t(" and "),
                Span::Strong(vec![t("bold")])
            ]
        );
    }

    #[test]
    fn literal_lookalikes_stay_text() {
        for s in ["5 * 3", "{{ x }}", "#read(\"/etc/passwd\")", "$x$ ] \\ // <b>", "a [b] c", "C:\\path"] {
            assert_eq!(parse(s).unwrap(), vec![t(s)], "{s}");
        }
    }

    #[test]
    fn escapes_round_trip() {
        let raw = "a*b [^c] {chapter:x} \\ |";
        assert_eq!(parse(&escape(raw)).unwrap(), vec![t(raw)]);
    }

    #[test]
    fn references() {
        assert_eq!(
            parse("{chapters:introduction..other}").unwrap(),
            vec![Span::Ref {
                kind: RefKind::Chapters,
                first: "introduction".into(),
                last: Some("other".into()),
                at: 0
            }]
        );
        assert_eq!(
            parse("{paras:a-b}").unwrap(),
            vec![Span::Ref { kind: RefKind::Paras, first: "a-b".into(), last: None, at: 0 }]
        );
        assert_eq!(
            parse("{org:poland|Poland}").unwrap(),
            vec![Span::Entity { kind: EntityMark::Org, id: "poland".into(), text: "Poland".into() }]
        );
    }

    #[test]
    fn bracketed_text() {
        assert_eq!(
            parse("we [[*strongly*]] urge").unwrap(),
            vec![t("we "), Span::Bracketed { content: vec![Span::Emph(vec![t("strongly")])], at: 3 }, t(" urge")]
        );
        // Nested brackets close innermost first; a footnote inside stays a footnote.
        assert_eq!(
            parse("[[a [[b]][^n]]]").unwrap(),
            vec![Span::Bracketed {
                content: vec![
                    t("a "),
                    Span::Bracketed { content: vec![t("b")], at: 4 },
                    Span::Note { id: "n".into(), at: 9 }
                ],
                at: 0
            }]
        );
        let e = parse("ab [[open").unwrap_err();
        assert_eq!(e.offset, 3);
        assert!(e.message.contains("unclosed `[[`"), "{}", e.message);
        assert_eq!(parse("a ]] b").unwrap(), vec![t("a ]] b")]);
    }

    #[test]
    fn errors_have_positions() {
        let e = parse("abc *unclosed").unwrap_err();
        assert_eq!(e.offset, 4);
        assert!(e.message.contains("unclosed"));
        let e = parse("see {chaptre:x}").unwrap_err();
        assert_eq!(e.offset, 4);
        assert!(e.message.contains("chaptre"));
        let e = parse("x [^bad id]").unwrap_err();
        assert_eq!(e.offset, 2);
        assert!(parse("{chapter:a b}").is_err());
    }

    #[test]
    fn an_entity_needs_a_name() {
        let e = parse("see {org:x|} here").unwrap_err();
        assert_eq!(e.offset, 4);
        assert!(e.message.contains("no name"), "{}", e.message);
        assert!(parse("{org:x|  }").is_err());
    }

    #[test]
    fn nesting_is_bounded() {
        // Each ` *a` opens italics inside the previous ones: without a bound this overflowed the
        // stack at a few ten thousand levels.
        let deep = " *a".repeat(100_000);
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("nested"), "{}", e.message);
        let e = parse(&" *a".repeat(MAX_NESTING)).unwrap_err();
        assert!(e.message.contains("unclosed"), "as deep as allowed: {}", e.message);
        let ok = format!("{}{}", " *a".repeat(MAX_NESTING), "a*".repeat(MAX_NESTING));
        assert!(parse(&ok).is_ok(), "{ok}");
    }
}
