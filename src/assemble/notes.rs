//! Inline markup and footnotes: parses markup, gives footnotes their markers in order of
//! appearance ("*" on the cover, 1, 2… in the body, letters in annexes and tables) and writes
//! structured citations, deciding "Ibid.".

use super::*;

impl Assembler<'_> {
    /// Parses markup at a data path and resolves it.
    pub(super) fn markup(&mut self, text: &str, path: &str, zone: Zone) -> Vec<Inline> {
        match markup::parse(text) {
            Ok(spans) => self.resolve(&spans, path, zone),
            Err(e) => {
                let excerpt: String = text.chars().skip(e.offset).take(24).collect();
                self.error_in(path, e.offset, format!("{} (at `{excerpt}`)", e.message), e.hint);
                Vec::new()
            }
        }
    }

    pub(super) fn resolve(&mut self, spans: &[Span], path: &str, zone: Zone) -> Vec<Inline> {
        spans
            .iter()
            .map(|span| match span {
                Span::Text(t) => Inline::text(t),
                Span::Emph(inner) => Inline::Emph { content: self.resolve(inner, path, zone) },
                Span::Strong(inner) => Inline::Strong { content: self.resolve(inner, path, zone) },
                Span::Note { id, at } => self.cite(id, path, *at, zone),
                Span::Bracketed { content, at } => self.bracketed(content, path, *at, zone),
                Span::Ref { kind, first, last, at } => self.reference(*kind, first, last.as_deref(), path, *at),
                Span::Entity { kind, id, text } => {
                    let kind = match kind {
                        EntityMark::Org => EntityKind::Organization,
                        EntityMark::Person => EntityKind::Person,
                        EntityMark::Role => EntityKind::Role,
                    };
                    self.entities.entry(id.clone()).or_insert_with(|| Entity {
                        id: id.clone(),
                        kind,
                        name: text.clone(),
                    });
                    Inline::Entity { refers_to: id.clone(), content: vec![Inline::text(text)] }
                }
            })
            .collect()
    }

    fn cite(&mut self, id: &str, path: &str, at: usize, zone: Zone) -> Inline {
        if zone == Zone::Footnote {
            self.error_in(path, at, format!("a footnote cannot cite footnote `{id}`"), "footnotes do not nest");
            return Inline::text("");
        }
        if !self.session.footnotes.contains_key(id) {
            let hint = match nearest(id, self.session.footnotes.keys().map(String::as_str)) {
                Some(n) => format!("did you mean `[^{n}]`? footnotes are defined under `footnotes:`"),
                None => "define it under `footnotes:`".to_string(),
            };
            self.error_in(path, at, format!("unknown footnote `{id}`"), hint);
            return Inline::text("");
        }
        if let Some(first) = self.cited.get(id) {
            let first_at =
                self.sources.locate(first).map(|l| format!(" (first at line {})", l.line)).unwrap_or_default();
            self.error_in(
                path,
                at,
                format!("footnote `{id}` is cited twice{first_at}"),
                "each footnote is cited once; define a second footnote for a second citation",
            );
            return Inline::text("");
        }
        self.cited.insert(id.to_string(), path.to_string());
        let marker = if zone == Zone::Cover {
            "*".repeat(self.citations.iter().filter(|c| c.marker.starts_with('*')).count() + 1)
        } else if let Some(next) = self.lettered.as_mut() {
            *next += 1;
            letters(*next - 1)
        } else {
            let n = self.next_note;
            self.next_note += 1;
            n.to_string()
        };
        self.citations.push(Citation { id: id.to_string(), marker: marker.clone() });
        Inline::NoteRef { id: id.to_string(), marker }
    }

    /// Cites a note the masthead data writes (not one under `footnotes:`): marked `*`, as
    /// every note on the cover.
    pub(super) fn cite_masthead_note(&mut self, id: &str) -> Inline {
        let marker = "*".repeat(self.citations.iter().filter(|c| c.marker.starts_with('*')).count() + 1);
        self.citations.push(Citation { id: id.to_string(), marker: marker.clone() });
        Inline::NoteRef { id: id.to_string(), marker }
    }

    /// The footnotes in order of citation, with citations written and "Ibid." decided.
    pub(super) fn footnotes(&mut self) -> Vec<Footnote> {
        let citations = std::mem::take(&mut self.citations);
        let mut out = Vec::new();
        let mut previous: Option<&FootnoteDef> = None;
        for c in &citations {
            if c.id == REISSUE_NOTE {
                let text = self.session.masthead.reissued.clone().unwrap_or_default();
                let content = self.markup(&text, "masthead.reissued", Zone::Footnote);
                out.push(Footnote { id: c.id.clone(), marker: c.marker.clone(), content });
                continue;
            }
            let Some(def) = self.session.footnotes.get(&c.id) else { continue };
            let path = format!("footnotes.{}", c.id);
            let content = match (&def.text, &def.cite) {
                (Some(text), None) => self.markup(text, &format!("{path}.text"), Zone::Footnote),
                (None, Some(_)) => match citation(def, previous, self.lang()) {
                    Ok(inlines) => inlines,
                    Err((message, hint)) => {
                        self.error(&path, message, hint);
                        Vec::new()
                    }
                },
                _ => {
                    self.error(
                        &path,
                        "a footnote has either `text` or `cite`",
                        "write `text: …`, or `cite: unts` with `vol` and `no`, or `cite: sales` with `no`",
                    );
                    Vec::new()
                }
            };
            previous = Some(def);
            out.push(Footnote { id: c.id.clone(), marker: c.marker.clone(), content });
        }
        let unused: Vec<String> =
            self.session.footnotes.keys().filter(|k| !self.cited.contains_key(*k)).cloned().collect();
        for id in unused {
            self.warn(
                &format!("footnotes.{id}"),
                format!("footnote `{id}` is defined but never cited"),
                format!("cite it as `[^{id}]` or remove it"),
            );
        }
        self.citations = citations;
        out
    }
}

/// Writes a structured citation, as "Ibid." when the previous footnote has the same source.
pub(super) fn citation(
    def: &FootnoteDef,
    previous: Option<&FootnoteDef>,
    lang: Lang,
) -> Result<Vec<Inline>, (String, String)> {
    let words = lang.citation_words();
    let italic = |text: &str, italic: bool| {
        if italic { Inline::Emph { content: vec![Inline::text(text)] } } else { Inline::text(text) }
    };
    let ibid = || italic(words.ibid, words.ibid_italic);
    let ibid_alone = || match ibid_end(lang) {
        "" => vec![ibid()],
        end => vec![ibid(), Inline::text(end)],
    };
    // The immediately preceding footnote, when it cites the same kind of source.
    let same_kind = previous.filter(|p| p.cite == def.cite);
    match def.cite {
        Some(CiteKind::Unts) => {
            let (Some(vol), Some(no)) = (def.vol, def.no.as_deref()) else {
                return Err((
                    "a Treaty Series citation needs `vol` and `no`".into(),
                    "e.g. `{cite: unts, vol: 2237, no: \"39574\"}`".into(),
                ));
            };
            if let Some(p) = same_kind {
                if p.vol == def.vol && p.no == def.no {
                    return Ok(ibid_alone());
                }
                return Ok(vec![ibid(), Inline::text(words.vol_no(vol, no))]);
            }
            Ok(vec![
                Inline::text(words.publisher),
                italic(words.series, words.series_italic),
                Inline::text(words.vol_no(vol, no)),
            ])
        }
        Some(CiteKind::Sales) => {
            let Some(no) = def.no.as_deref() else {
                return Err(("a Sales number citation needs `no`".into(), "e.g. `{cite: sales, no: E.09.V.5}`".into()));
            };
            if same_kind.is_some_and(|p| p.no == def.no) {
                return Ok(ibid_alone());
            }
            Ok(vec![Inline::text(words.sales(no))])
        }
        None => Err((
            "a footnote has either `text` or `cite`".into(),
            "use `unts` (Treaty Series) or `sales` (United Nations publication), or write `text:`".into(),
        )),
    }
}

/// A structured citation, if the footnote text is one: "United Nations, *Treaty Series*, vol. N,
/// No. M." (or "*Ibid.*, vol. N, No. M.", "Ibid., …") → `unts`; "United Nations publication,
/// Sales No. X." → `sales`. `text` is the footnote in markup;
/// the inverse of `citation` (tested together in `assemble`).
pub fn read_citation(text: &str) -> Option<FootnoteDef> {
    let t = text.trim();
    let unts_rest = t
        .strip_prefix("United Nations, *Treaty Series*, ")
        .or_else(|| t.strip_prefix("*Ibid.*, "))
        .or_else(|| t.strip_prefix("Ibid., "));
    if let Some(rest) = unts_rest {
        let rest = rest.strip_prefix("vol. ")?;
        let (vol, rest) = rest.split_once(", No. ")?;
        let no = rest.strip_suffix('.')?;
        let vol: u32 = vol.parse().ok()?;
        if no.is_empty() || !no.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        return Some(FootnoteDef { cite: Some(CiteKind::Unts), vol: Some(vol), no: Some(no.into()), text: None });
    }
    if let Some(rest) = t.strip_prefix("United Nations publication, Sales No. ") {
        let no = rest.strip_suffix('.')?;
        if no.is_empty() || no.contains(' ') {
            return None;
        }
        return Some(FootnoteDef { cite: Some(CiteKind::Sales), no: Some(no.into()), vol: None, text: None });
    }
    None
}

/// What ends a footnote that is only "Ibid.": nothing where the abbreviation's own full stop
/// ends it (English, French, Spanish), the full stop elsewhere ("Там же.", "同上。", "المرجع نفسه.").
fn ibid_end(lang: Lang) -> &'static str {
    match lang {
        Lang::En | Lang::Fr | Lang::Es => "",
        other => other.full_stop(),
    }
}
