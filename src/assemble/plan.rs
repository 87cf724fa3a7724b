//! Pass 1: walks the structure once and decides every number (chapters, annexes, sections,
//! groups, paragraphs, tables, decisions) and every stable id, keyed by data path in the plan.
//! Pass 2 only reads the plan; a path the plan lacks is an internal error, never re-derived.

use super::*;

impl Assembler<'_> {
    pub(super) fn number(&mut self) {
        let mut numbers = Numbers::default();
        let session = self.session;
        // Chapters with a heading, counted: an unheaded one takes no number.
        let mut headed = 0;
        for (ci, chapter) in session.chapters.iter().enumerate() {
            let cpath = format!("chapters[{ci}]");
            // A chapter without a title (what an importer puts the text before the first heading
            // in, or an addendum's decisions standing under the masthead) prints no heading and
            // takes no number; its id is named by its place.
            let unheaded = chapter.title.trim().is_empty();
            let cid = chapter.id.clone().unwrap_or_else(|| match slug(&chapter.title) {
                t if t.is_empty() => fresh(&numbers.ids, format!("chapter-{}", ci + 1)),
                t => fresh(&numbers.ids, t),
            });
            let num = if unheaded {
                self.claim(&mut numbers.ids, &cid, &cpath, TargetKind::Chapter, "");
                None
            } else {
                headed += 1;
                let label = roman(session.chapter_numbers.get(ci).copied().unwrap_or(headed));
                self.claim(&mut numbers.ids, &cid, &cpath, TargetKind::Chapter, &label);
                // The Official Records print "Chapter I" over the chapter's title, not "I.".
                Some(if session.masthead.official_records.is_some() {
                    self.chapter_labels.insert(cid.clone(), self.version.lang.chapter_number(&label));
                    let word = self.version.lang.reference("chapter", &label);
                    let mut chars = word.chars();
                    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or(word)
                } else {
                    self.version.lang.chapter_number(&label)
                })
            };
            self.plan.insert(cpath.clone(), Planned { id: cid.clone(), num });
            self.number_paragraphs(&mut numbers, Counter::Report, &cid, &cpath, &chapter.paragraphs);
            self.number_sections(
                &mut numbers,
                Counter::Report,
                &cid,
                &cpath,
                &chapter.sections,
                AnnexNumbering::Letters,
            );
        }
        let single = session.annexes.len() == 1;
        for (ai, annex) in session.annexes.iter().enumerate() {
            self.number_annex(&mut numbers, &format!("annexes[{ai}]"), annex, ai, single, "");
        }
        self.report_paragraphs = numbers.report_paragraphs;
    }

    /// An annex: the report's (`prefix` empty) or a decision's own (`prefix` = the decision's
    /// id and a dash, so that each decision's "Annex I" has an id of its own).
    fn number_annex(
        &mut self,
        numbers: &mut Numbers,
        apath: &str,
        annex: &crate::session::Annex,
        ai: usize,
        single: bool,
        prefix: &str,
    ) {
        let label = if single && !annex.numbered { String::new() } else { roman(ai as u32 + 1) };
        // An annex without a title (a list, a table) is named by its number.
        let aid = annex.id.clone().unwrap_or_else(|| match slug(&annex.title) {
            t if t.is_empty() => fresh(&numbers.ids, format!("{prefix}annex-{}", ai + 1)),
            t => fresh(&numbers.ids, format!("{prefix}annex-{t}")),
        });
        self.claim(&mut numbers.ids, &aid, apath, TargetKind::Annex, &label);
        let word = self.version.lang.annex();
        let num = if label.is_empty() { word.to_string() } else { format!("{word} {label}") };
        self.plan.insert(apath.to_string(), Planned { id: aid.clone(), num: Some(num) });
        // Annex paragraphs are numbered on their own.
        numbers.annex = 0;
        numbers.rules = 0;
        self.number_paragraphs(numbers, Counter::Annex, &aid, apath, &annex.paragraphs);
        self.number_rules(numbers, &aid, apath, &annex.rules);
        self.number_sections(numbers, Counter::Annex, &aid, apath, &annex.sections, annex.numbering);
    }

    fn number_sections(
        &mut self,
        numbers: &mut Numbers,
        counter: Counter,
        parent: &str,
        parent_path: &str,
        sections: &[Section],
        numbering: AnnexNumbering,
    ) {
        // Sections "A." with groups "1." (a chapter's, an annex's by default), or sections "I."
        // with groups "A." (an annex numbered as the text it quotes prints its parts).
        let roman_parts = numbering == AnnexNumbering::Roman;
        for (si, section) in sections.iter().enumerate() {
            let spath = format!("{parent_path}.sections[{si}]");
            let sid =
                section.id.clone().unwrap_or_else(|| fresh(&numbers.ids, format!("{parent}-{}", slug(&section.title))));
            let label = if roman_parts { roman(si as u32 + 1) } else { letter(si) };
            self.claim(&mut numbers.ids, &sid, &spath, TargetKind::Section, &label);
            let within = self
                .targets
                .get(parent)
                .filter(|t| t.kind == TargetKind::Chapter)
                .map(|t| self.version.lang.reference("chapter", &t.label));
            if let Some(t) = self.targets.get_mut(&sid) {
                t.within = within;
            }
            let num = if roman_parts {
                self.version.lang.chapter_number(&label)
            } else {
                self.version.lang.section_number(si)
            };
            self.plan.insert(spath.clone(), Planned { id: sid.clone(), num: Some(num) });
            self.number_paragraphs(numbers, counter, &sid, &spath, &section.paragraphs);
            self.number_rules(numbers, &sid, &spath, &section.rules);
            for (gi, group) in section.groups.iter().enumerate() {
                let gpath = format!("{spath}.groups[{gi}]");
                let gid =
                    group.id.clone().unwrap_or_else(|| fresh(&numbers.ids, format!("{sid}-{}", slug(&group.title))));
                let (label, num) = if roman_parts {
                    (letter(gi), self.version.lang.section_number(gi))
                } else {
                    ((gi + 1).to_string(), format!("{}.", gi + 1))
                };
                self.claim(&mut numbers.ids, &gid, &gpath, TargetKind::Group, &label);
                self.plan.insert(gpath.clone(), Planned { id: gid.clone(), num: Some(num) });
                self.number_paragraphs(numbers, counter, &gid, &gpath, &group.paragraphs);
            }
        }
    }

    /// Rules of procedure: "Rule 1", "Rule 2"… straight through the annex; the paragraphs of
    /// each rule numbered 1., 2. inside it.
    fn number_rules(&mut self, numbers: &mut Numbers, parent: &str, parent_path: &str, rules: &[crate::session::Rule]) {
        for (ri, rule) in rules.iter().enumerate() {
            let rpath = format!("{parent_path}.rules[{ri}]");
            numbers.rules += 1;
            let label = numbers.rules.to_string();
            let rid = rule.id.clone().unwrap_or_else(|| format!("{parent}-rule-{label}"));
            self.claim(&mut numbers.ids, &rid, &rpath, TargetKind::Rule, &label);
            self.plan.insert(rpath.clone(), Planned { id: rid.clone(), num: Some(self.version.lang.rule(&label)) });
            numbers.rule = 0;
            self.number_paragraphs(numbers, Counter::Rule, &rid, &rpath, &rule.paragraphs);
        }
    }

    fn number_paragraphs(
        &mut self,
        numbers: &mut Numbers,
        counter: Counter,
        parent: &str,
        parent_path: &str,
        paragraphs: &[ParagraphDef],
    ) {
        let mut derived: HashMap<String, u32> = HashMap::new();
        for (pi, p) in paragraphs.iter().enumerate() {
            let path = format!("{parent_path}.paragraphs[{pi}]");
            if let Some(table) = p.table() {
                if !table.numbered {
                    // Printed without a number: its id from its place, not from a count.
                    let id = table.id.clone().unwrap_or_else(|| fresh(&numbers.ids, format!("{parent}-table")));
                    self.claim(&mut numbers.ids, &id, &path, TargetKind::Table, "");
                    self.plan.insert(path, Planned { id, num: None });
                    continue;
                }
                numbers.tables += 1;
                let id = table.id.clone().unwrap_or_else(|| format!("table-{}", numbers.tables));
                self.claim(&mut numbers.ids, &id, &path, TargetKind::Table, &numbers.tables.to_string());
                let num = format!("{} {}", self.version.lang.table(), numbers.tables);
                self.plan.insert(path, Planned { id, num: Some(num) });
                continue;
            }
            if p.officers().is_some() {
                // A list of officers is never numbered; its id is for Akoma Ntoso and reviews.
                let id = p.id.clone().unwrap_or_else(|| fresh(&numbers.ids, "officers".to_string()));
                self.claim(&mut numbers.ids, &id, &path, TargetKind::Paragraph, "");
                self.plan.insert(path, Planned { id, num: None });
                continue;
            }
            if let Some(decision) = p.decision() {
                let id = decision_id(decision);
                self.claim(&mut numbers.ids, &id, &path, TargetKind::Decision, &decision.number);
                self.plan
                    .insert(path.clone(), Planned { id: id.clone(), num: decision_label(decision, self.version.lang) });
                let dpath = format!("{path}.decision");
                let preamble: Vec<ParagraphDef> =
                    decision.preamble.iter().map(|p| ParagraphDef { numbered: false, ..p.clone() }).collect();
                numbers.decision = 0;
                self.number_list(numbers, Counter::Decision, &id, &format!("{dpath}.preamble"), &preamble);
                self.number_list(numbers, Counter::Decision, &id, &format!("{dpath}.operative"), &decision.operative);
                // The decision's own annexes, numbered inside it; the counters of the annex the
                // decision may stand in go on after them.
                let (annex, rules) = (numbers.annex, numbers.rules);
                let single = decision.annexes.len() == 1;
                for (ai, annex) in decision.annexes.iter().enumerate() {
                    self.number_annex(numbers, &format!("{dpath}.annexes[{ai}]"), annex, ai, single, &format!("{id}-"));
                }
                (numbers.annex, numbers.rules) = (annex, rules);
                continue;
            }
            let id = match &p.id {
                Some(id) => id.clone(),
                None => {
                    let base = derive_paragraph_id(parent, p);
                    let n = derived.entry(base.clone()).or_insert(0);
                    *n += 1;
                    fresh(&numbers.ids, if *n == 1 { base } else { format!("{base}-{n}") })
                }
            };
            if self.dropped(p) {
                continue;
            }
            let num = p.numbered.then(|| self.paragraph_label(numbers, counter, p));
            if let (Some(n), Counter::Report) = (num.as_deref().and_then(|n| n.parse().ok()), counter) {
                numbers.report_paragraphs.push((path.clone(), n));
            }
            let label = num.clone().unwrap_or_default();
            self.claim(&mut numbers.ids, &id, &path, TargetKind::Paragraph, &label);
            self.plan
                .insert(path, Planned { id, num: num.map(|n| self.version.lang.paragraph_number(&n.to_string())) });
        }
    }

    /// Numbers a list of paragraphs whose paths are `{list_path}[i]` (inside a decision).
    fn number_list(
        &mut self,
        numbers: &mut Numbers,
        counter: Counter,
        parent: &str,
        list_path: &str,
        list: &[ParagraphDef],
    ) {
        for (i, p) in list.iter().enumerate() {
            let path = format!("{list_path}[{i}]");
            let id = p.id.clone().unwrap_or_else(|| {
                fresh(&numbers.ids, format!("{parent}-{}", derive_paragraph_id("", p).trim_start_matches('-')))
            });
            let num = p.numbered.then(|| numbers.next(counter));
            self.claim(&mut numbers.ids, &id, &path, TargetKind::Paragraph, "");
            self.plan
                .insert(path, Planned { id, num: num.map(|n| self.version.lang.paragraph_number(&n.to_string())) });
        }
    }

    /// Registers an id, reporting a duplicate.
    fn claim(&mut self, ids: &mut HashMap<String, String>, id: &str, path: &str, kind: TargetKind, label: &str) {
        if let Some(first) = ids.get(id) {
            let first_at =
                self.sources.locate(first).map(|l| format!(" (first at {}:{})", l.line, l.column)).unwrap_or_default();
            self.error(
                &format!("{path}.id"),
                format!("duplicate id `{id}`{first_at}"),
                "ids must be unique across the report",
            );
            return;
        }
        if !id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) || id.is_empty() {
            self.error(
                &format!("{path}.id"),
                format!("`{id}` is not a valid id"),
                "use letters, digits, `-`, `_` and `.`",
            );
        }
        ids.insert(id.to_string(), path.to_string());
        let order = self.targets.len();
        self.targets.insert(id.to_string(), Target { kind, label: label.to_string(), within: None, order });
    }

    /// What pass 1 planned for the unit at `path`. Pass 2 never re-derives an id or a number:
    /// if the two passes disagree (pass 2 builds a unit pass 1 did not plan), that is a bug in
    /// the assembler, reported as an internal error so that no document with a made-up number
    /// is written. The placeholder returned lets pass 2 carry on and report everything else.
    pub(super) fn planned(&mut self, path: &str) -> Planned {
        if let Some(planned) = self.plan.get(path) {
            return planned.clone();
        }
        self.error(
            path,
            format!("internal: pass 1 planned no number or id for {path}"),
            "this is a bug in rapporteur, not in your data; please report it",
        );
        Planned { id: slug(path), num: None }
    }
}

/// A derived id not yet taken: `base`, else `base-2`, `base-3`… Two sections of the same title
/// (each annex's "Abbreviations and acronyms"), two operative paragraphs opening with the same
/// words: only an id a person wrote can be a duplicate, never one the assembler made up.
fn fresh(ids: &HashMap<String, String>, base: String) -> String {
    if !ids.contains_key(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !ids.contains_key(id)).expect("a free id")
}

/// The id of a quoted decision: given, or `decision-9-1` from its kind and number (a draft's
/// `draft-decision-…`; one without a number from its title).
pub(crate) fn decision_id(d: &DecisionDef) -> String {
    if let Some(id) = &d.id {
        return id.clone();
    }
    let draft = if d.draft { "draft " } else { "" };
    let name = if d.number.is_empty() { &d.title } else { &d.number };
    match &d.label {
        Some(label) => slug(&format!("{draft}{label} {name}")),
        None => slug(&format!("{draft}{} {name}", d.kind)),
    }
}

/// A decision's label as printed, in the version's language: "Decision 9/1", "Draft resolution
/// I", "Draft decision"; none for a text quoted under its title alone.
fn decision_label(d: &DecisionDef, lang: Lang) -> Option<String> {
    match &d.label {
        Some(label) if d.number.is_empty() => Some(label.clone()),
        Some(label) => Some(format!("{label} {}", d.number)),
        None => lang.decision_label(d.kind, d.draft, &d.number),
    }
}

/// An id for a paragraph that has none, from its parent and the first words of its text (or
/// its template), so that it survives renumbering.
fn derive_paragraph_id(parent: &str, p: &ParagraphDef) -> String {
    let basis = match (p.text(), p.template()) {
        (Some(text), _) => text.split_whitespace().take(6).collect::<Vec<_>>().join(" "),
        (None, Some(t)) => format!("{t} {}", p.item().unwrap_or_default()),
        _ => "paragraph".into(),
    };
    format!("{parent}-{}", slug(&basis))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pass 1 over a real session, then pass 2 after `forget` has removed plan entries: the
    /// internal errors pass 2 reports.
    fn disagreement(session: &str, forget: impl Fn(&str) -> bool) -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions").join(session);
        let loaded = crate::session::load::load(&dir).map_err(|d| format!("{:?}", d.0)).unwrap();
        let mut a =
            Assembler::new(&loaded.session, &loaded.sources, &loaded.templates, Version::original_of(&loaded.session));
        a.number();
        a.plan.retain(|path, _| !forget(path));
        a.body();
        a.diags.errors().map(|d| d.message.clone()).filter(|m| m.starts_with("internal:")).collect()
    }

    #[test]
    fn passes_in_agreement_report_nothing() {
        assert_eq!(disagreement("ctoc-cop-wg4-2016", |_| false), Vec::<String>::new());
    }

    #[test]
    fn a_paragraph_pass_1_did_not_plan_is_an_internal_error() {
        let errors = disagreement("ctoc-cop-wg4-2009", |path| path == "chapters[0].paragraphs[0]");
        assert_eq!(errors, ["internal: pass 1 planned no number or id for chapters[0].paragraphs[0]"]);
    }

    #[test]
    fn a_division_pass_1_did_not_plan_is_an_internal_error_also_in_the_contents() {
        // This session has a table of contents.
        let errors = disagreement("ctoc-cop-wg4-2016", |path| path == "chapters[1]");
        assert_eq!(
            errors,
            [
                "internal: pass 1 planned no number or id for chapters[1]",
                "internal: the table of contents lists division `chapters-1`, which pass 1 did not plan",
            ]
        );
    }
}
