//! Pass 2: builds the blocks — masthead, divisions, the table of contents, paragraphs, items,
//! tables and decisions — with the numbers and ids pass 1 planned.

use super::*;
use crate::lang::dates;

impl Assembler<'_> {
    pub(super) fn masthead(&mut self) -> Masthead {
        let s = self.session;
        let mut caption = Vec::new();
        if !s.meeting.name.is_empty() {
            caption.push(vec![Inline::text(&s.meeting.name)]);
        }
        if let Some(session_name) = &s.meeting.session {
            caption.push(vec![Inline::text(session_name)]);
        }
        let lang = self.lang();
        let dates =
            if lang == Lang::En { caption_range(&s.meeting.dates) } else { dates::caption(lang, &s.meeting.dates) };
        let comma = match lang {
            Lang::Zh => "，",
            Lang::Ar => "، ",
            _ => ", ",
        };
        let venue = lang.place(&s.meeting.venue).unwrap_or(&s.meeting.venue);
        let place = match (venue.is_empty(), dates.is_empty()) {
            (false, false) => format!("{venue}{comma}{dates}"),
            (false, true) => venue.to_string(),
            (true, _) => dates,
        };
        if !place.is_empty() {
            caption.push(vec![Inline::text(place)]);
        }
        // The reissue note is cited on the top line, so it takes the first `*`.
        let symbol_note = match &s.masthead.reissued {
            Some(_) => vec![self.cite_masthead_note(REISSUE_NOTE)],
            None => Vec::new(),
        };
        if let Some(item) = &s.meeting.caption_item {
            let line = self.markup(item, "meeting.caption_item", Zone::Cover);
            caption.push(line);
        }
        if let Some(item) = &s.meeting.agenda_item {
            caption.push(vec![Inline::text(lang.agenda_item_caption(&item.number))]);
            if let Some(title) = &item.title {
                let line = self.markup(title, "meeting.agenda_item.title", Zone::Cover);
                caption.push(line);
            }
        }
        let mut title = self.markup(&s.title, "title", Zone::Body);
        let rapporteur = s.masthead.rapporteur.as_ref().map(|r| self.markup(r, "masthead.rapporteur", Zone::Body));
        let addendum = self.addendum();
        let official_records = s.masthead.official_records.as_ref().map(|or| {
            let [label, supplement] = lang.official_records(&or.supplement);
            OfficialRecords { organ: s.organ.clone(), label, session: or.session.clone(), supplement }
        });
        self.check_symbol();
        // The original prints what the session says ("Original: English"); a translation names
        // the original's language in its own words ("Original : anglais").
        // A session written in its version's language (a French version imported as issued:
        // `language: fr`, `original: English`) is a translation too: "Français" over
        // "Original : anglais". (English versions print no line naming their language.)
        let translated = !self.version.is_original
            || (lang != Lang::En && Lang::from_english_name(&s.original).is_some_and(|of| of != lang));
        let original = match Lang::from_english_name(&s.original) {
            Some(of) if translated => lang.language_name(of).to_string(),
            _ => s.original.clone(),
        };
        let style = s.masthead.style;
        let mut organ = s.organ.clone();
        // A publisher named in the data (a treaty meeting's name) is printed as given; otherwise
        // the United Nations, in the version's language.
        let mut publisher = s.masthead.publisher.clone().unwrap_or_else(|| lang.publisher().into());
        if style == MastheadStyle::Capitals {
            // The pre-2000 style prints the names and the title in capitals.
            organ = organ.to_uppercase();
            publisher = publisher.to_uppercase();
            capitalize(&mut title);
        }
        Masthead {
            publisher,
            symbol: s.symbol.clone(),
            organ,
            distribution: lang.distribution(s.printed_distribution().name()),
            distribution_label: lang.distribution_label().into(),
            date: s.date.map(|d| dates::masthead(lang, d)).unwrap_or_default(),
            version: translated.then(|| lang.version_line().to_string()),
            original,
            original_label: lang.original_label().into(),
            caption,
            title,
            job_number: s.job_number.clone(),
            barcode: s.job_number.as_deref().and_then(barcode),
            style,
            official_records,
            symbol_note,
            addendum,
            rapporteur,
            rapporteur_label: lang.rapporteur_label().into(),
        }
    }

    /// An addendum's lines: "Addendum" when the symbol ends in `/Add.N` or a part is named,
    /// and the part.
    fn addendum(&mut self) -> Option<Addendum> {
        let s = self.session;
        let is_addendum = SymbolParts::parse(&s.symbol).map(|p| p.addendum.is_some()).unwrap_or(false);
        let part = s.masthead.part.as_ref().map(|p| self.markup(p, "masthead.part", Zone::Body));
        if !is_addendum && part.is_none() {
            return None;
        }
        Some(Addendum { label: self.lang().addendum().into(), part: part.unwrap_or_default() })
    }

    /// The symbol read into its parts (`L.N`, `Rev.N`, `Add.N`, `Corr.N`), and agreeing with the
    /// stage: a draft is issued as a limited (`L.`) document.
    fn check_symbol(&mut self) {
        let s = self.session;
        match SymbolParts::parse(&s.symbol) {
            Err(e) => self.error("symbol", e.message, e.hint),
            Ok(parts) => match (s.stage, parts.limited) {
                (Stage::Draft, None) if !s.symbol.is_empty() => self.warn(
                    "symbol",
                    format!("this draft's symbol `{}` has no `L.` component", s.symbol),
                    format!("a draft report is issued as a limited document, e.g. `{}/L.1`", parts.base),
                ),
                (Stage::Final, Some(_)) => self.warn(
                    "symbol",
                    format!("the symbol `{}` is a limited (`L.`) document, but the session's stage is final", s.symbol),
                    "add `stage: draft` for a draft, or give the symbol of the issued report",
                ),
                _ => {}
            },
        }
    }

    pub(super) fn body(&mut self) -> Vec<Block> {
        let session = self.session;
        let mut blocks = Vec::new();
        for (ci, chapter) in session.chapters.iter().enumerate() {
            let cpath = format!("chapters[{ci}]");
            let planned = self.planned(&cpath);
            let heading = self.markup(&chapter.title, &format!("{cpath}.title"), Zone::Body);
            let mut children = self.paragraphs(&cpath, &chapter.paragraphs);
            children.extend(self.sections(&cpath, &chapter.sections));
            // An unheaded chapter (no title) is its content alone, under the masthead.
            if planned.num.is_none() && heading.is_empty() {
                blocks.extend(children);
                continue;
            }
            blocks.push(Block::Division(Division {
                kind: DivisionKind::Chapter,
                id: planned.id,
                num: planned.num,
                heading,
                children,
            }));
        }
        for (ai, annex) in session.annexes.iter().enumerate() {
            let division = self.annex(&format!("annexes[{ai}]"), annex);
            blocks.push(Block::Division(division));
        }
        if session.contents {
            blocks.insert(0, Block::Contents(self.contents(&blocks)));
        }
        blocks
    }

    /// An annex: the report's, or a decision's own.
    fn annex(&mut self, apath: &str, annex: &crate::session::Annex) -> Division {
        let planned = self.planned(apath);
        // Footnotes in an annex are lettered, starting again at "a".
        let outer = self.lettered.replace(0);
        let heading = self.markup(&annex.title, &format!("{apath}.title"), Zone::Body);
        let mut children = match annex.generate.as_deref() {
            None => Vec::new(),
            Some(kind) => self.generated_annex(kind, &planned.id, apath),
        };
        children.extend(self.paragraphs(apath, &annex.paragraphs));
        children.extend(self.rules(apath, &annex.rules));
        children.extend(self.sections(apath, &annex.sections));
        self.lettered = outer;
        Division { kind: DivisionKind::Annex, id: planned.id, num: planned.num, heading, children }
    }

    /// Sections (with their group headings) under a chapter or an annex.
    fn sections(&mut self, parent_path: &str, sections: &[Section]) -> Vec<Block> {
        if sections.len() == 1 {
            self.warn(
                &format!("{parent_path}.sections"),
                "this chapter has a section A but no section B",
                "house style: if there is an A there must be a B; drop the section heading or add another",
            );
        }
        let mut out = Vec::new();
        for (si, section) in sections.iter().enumerate() {
            let spath = format!("{parent_path}.sections[{si}]");
            let splanned = self.planned(&spath);
            let heading = self.markup(&section.title, &format!("{spath}.title"), Zone::Body);
            let mut schildren = self.paragraphs(&spath, &section.paragraphs);
            schildren.extend(self.rules(&spath, &section.rules));
            for (gi, group) in section.groups.iter().enumerate() {
                let gpath = format!("{spath}.groups[{gi}]");
                let gplanned = self.planned(&gpath);
                let heading = self.markup(&group.title, &format!("{gpath}.title"), Zone::Body);
                let gchildren = self.paragraphs(&gpath, &group.paragraphs);
                schildren.push(Block::Division(Division {
                    kind: DivisionKind::Group,
                    id: gplanned.id,
                    num: gplanned.num,
                    heading,
                    children: gchildren,
                }));
            }
            out.push(Block::Division(Division {
                kind: DivisionKind::Section,
                id: splanned.id,
                num: splanned.num,
                heading,
                children: schildren,
            }));
        }
        out
    }

    /// Rules of procedure: "Rule 1" over its title, and its paragraphs.
    fn rules(&mut self, parent_path: &str, rules: &[crate::session::Rule]) -> Vec<Block> {
        let mut out = Vec::new();
        for (ri, rule) in rules.iter().enumerate() {
            let rpath = format!("{parent_path}.rules[{ri}]");
            let planned = self.planned(&rpath);
            let heading = self.markup(&rule.title, &format!("{rpath}.title"), Zone::Body);
            let children = self.paragraphs(&rpath, &rule.paragraphs);
            out.push(Block::Division(Division {
                kind: DivisionKind::Rule,
                id: planned.id,
                num: planned.num,
                heading,
                children,
            }));
        }
        out
    }

    /// The table of contents: chapters, sections and annexes with their paragraph ranges.
    fn contents(&mut self, blocks: &[Block]) -> Contents {
        let mut entries = Vec::new();
        // Divisions whose id pass 1 did not plan: the passes disagree (reported below).
        let mut unplanned = Vec::new();
        let paths: HashMap<&str, &str> = self.plan.iter().map(|(path, p)| (p.id.as_str(), path.as_str())).collect();
        for block in blocks {
            let Block::Division(d) = block else { continue };
            let mut push = |d: &Division, level: u8| {
                let Some(path) = paths.get(d.id.as_str()).copied() else {
                    unplanned.push(d.id.clone());
                    return;
                };
                let prefix = format!("{path}.");
                let nums: Vec<u32> =
                    self.report_paragraphs.iter().filter(|(p, _)| p.starts_with(&prefix)).map(|(_, n)| *n).collect();
                let paragraphs = match (nums.iter().min(), nums.iter().max()) {
                    (Some(a), Some(b)) if a == b => Some(a.to_string()),
                    (Some(a), Some(b)) => Some(format!("{a}-{b}")),
                    _ => None,
                };
                entries.push(ContentsEntry {
                    level,
                    num: d.num.clone(),
                    title: crate::document::plain_text(&d.heading),
                    paragraphs,
                    target: d.id.clone(),
                });
            };
            // A decision standing in the body (an addendum of decisions) is listed by its label
            // and title, as such addenda list them.
            if !matches!(d.kind, DivisionKind::Chapter | DivisionKind::Annex | DivisionKind::Decision) {
                continue;
            }
            push(d, 0);
            if d.kind == DivisionKind::Chapter {
                for child in &d.children {
                    if let Block::Division(s) = child
                        && s.kind == DivisionKind::Section
                    {
                        push(s, 1);
                    }
                }
            }
        }
        for id in unplanned {
            self.error(
                "",
                format!("internal: the table of contents lists division `{id}`, which pass 1 did not plan"),
                "this is a bug in rapporteur, not in your data; please report it",
            );
        }
        // The Official Records list chapters by their numbers under a "Chapter" heading, with
        // their pages and no paragraph numbers (A/80/33 as issued).
        let mut columns = self.lang().contents_columns().map(String::from);
        let mut label_column = None;
        if self.session.masthead.official_records.is_some() {
            for e in &mut entries {
                if let Some(label) = self.chapter_labels.get(&e.target) {
                    e.num = Some(label.clone());
                }
                e.paragraphs = None;
            }
            columns[0].clear();
            label_column = Some(self.lang().contents_chapter_column().to_string());
        }
        Contents { id: "contents".into(), heading: self.lang().contents().into(), columns, label_column, entries }
    }

    fn paragraphs(&mut self, parent_path: &str, defs: &[ParagraphDef]) -> Vec<Block> {
        let mut out = Vec::new();
        for (pi, def) in defs.iter().enumerate() {
            let path = format!("{parent_path}.paragraphs[{pi}]");
            if self.dropped(def) {
                continue;
            }
            let planned = self.planned(&path);
            if let Some(table) = def.table() {
                out.push(Block::Table(self.table(table, planned, &path)));
                continue;
            }
            if let Some(decision) = def.decision() {
                out.push(Block::Division(self.decision(decision, planned, &path)));
                continue;
            }
            if def.officers().is_some() {
                out.push(Block::Officers(self.officers(planned, &path)));
                continue;
            }
            out.push(Block::Paragraph(self.paragraph(def, planned, &path)));
        }
        out
    }

    fn paragraph(&mut self, def: &ParagraphDef, planned: Planned, path: &str) -> Paragraph {
        // Tables and decisions are blocks of their own (see `paragraphs`).
        let (content, mut items) = match (def.text(), def.template()) {
            (Some(text), _) => {
                let content = self.markup(text, &format!("{path}.text"), Zone::Body);
                (self.negotiated(def, path, content), Vec::new())
            }
            (None, Some(name)) => self.generated(name, def, path),
            (None, None) => (Vec::new(), Vec::new()),
        };
        items.extend(self.items(def.items(), &planned.id, path, 0));
        Paragraph { id: planned.id, num: planned.num, content, items }
    }

    /// A table; footnotes cited in it are lettered.
    fn table(&mut self, def: &TableDef, planned: Planned, path: &str) -> Table {
        // A table in the body letters its notes afresh; in an annex it continues the annex's
        // letters, so that no two notes on a page share a letter.
        let outer = self.lettered;
        if outer.is_none() {
            self.lettered = Some(0);
        }
        let caption = self.markup(&def.caption, &format!("{path}.table.caption"), Zone::Body);
        let header = def
            .header
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, h)| {
                        let at = format!("{path}.table.header{}", def.header.cell_path(r, c));
                        let at = if h.is_single() { at } else { format!("{at}.text") };
                        HeaderCell::spanning(self.markup(&h.text, &at, Zone::Body), h.columns, h.rows)
                    })
                    .collect()
            })
            .collect();
        let rows = def
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, cell)| self.markup(cell, &format!("{path}.table.rows[{r}][{c}]"), Zone::Body))
                    .collect()
            })
            .collect();
        self.lettered = outer;
        Table { id: planned.id, num: planned.num, caption, header, rows }
    }

    /// The officers listed by office (`officers: by_office`): the offices in the order a
    /// bureau is listed, each labelled in the plural when several hold it, each holder "Name
    /// (State)" written by the same filters as the sentences that name officers (the State by
    /// its name in this version on the meeting date).
    fn officers(&mut self, planned: Planned, path: &str) -> Officers {
        const ORDER: [OfficerRole; 6] = [
            OfficerRole::President,
            OfficerRole::Chair,
            OfficerRole::VicePresident,
            OfficerRole::ViceChair,
            OfficerRole::ViceChairRapporteur,
            OfficerRole::Rapporteur,
        ];
        // A person "Name (State)", or a State holding the office by itself.
        const HOLDER: &str = "{% if name %}{{ name | person }}{% if state %} ({{ state | state }}){% endif %}{% else %}{{ state | state }}{% endif %}";
        let session = self.session;
        if session.officers.is_empty() {
            self.error(
                &format!("{path}.officers"),
                "`officers: by_office` lists the officers, and the session names none",
                "give them under `officers:`, e.g. `officers: [{role: chair, name: Nathaniel Khng, state: Singapore}]`",
            );
        }
        let lang = self.lang();
        let mut offices = Vec::new();
        for role in ORDER {
            let holders: Vec<&crate::session::Officer> = session.officers.iter().filter(|o| o.role == role).collect();
            if holders.is_empty() {
                continue;
            }
            let label = format!("{}{}", lang.office(role, holders.len() > 1), lang.colon());
            let mut printed = Vec::new();
            for o in holders {
                let context = minijinja::context! { name => &o.name, state => &o.state };
                match self.generator.render_source(HOLDER, &context) {
                    Ok(text) => printed.push(self.markup(&text, &format!("{path}.officers"), Zone::Body)),
                    Err(message) => self.error(&format!("{path}.officers"), message, "check the officers' names"),
                }
            }
            offices.push(Office { role: role.key().to_string(), label, holders: printed });
        }
        Officers { id: planned.id, offices }
    }

    /// A decision or resolution quoted in full: preamble unnumbered, operative paragraphs 1., 2.
    fn decision(&mut self, def: &DecisionDef, planned: Planned, path: &str) -> Division {
        let heading = self.markup(&def.title, &format!("{path}.decision.title"), Zone::Body);
        let mut children = Vec::new();
        for (list, defs) in [("preamble", &def.preamble), ("operative", &def.operative)] {
            for (i, p) in defs.iter().enumerate() {
                let ppath = format!("{path}.decision.{list}[{i}]");
                let pplanned = self.planned(&ppath);
                children.push(Block::Paragraph(self.paragraph(p, pplanned, &ppath)));
            }
        }
        for (ai, annex) in def.annexes.iter().enumerate() {
            let division = self.annex(&format!("{path}.decision.annexes[{ai}]"), annex);
            children.push(Block::Division(division));
        }
        Division { kind: DivisionKind::Decision, id: planned.id, num: planned.num, heading, children }
    }

    fn items(&mut self, defs: &[ItemDef], parent_id: &str, parent_path: &str, depth: usize) -> Vec<Item> {
        // A sub-item deleted in negotiation is left out of a final report, and the labels close up.
        let dropped = |def: &ItemDef| !self.is_draft() && def.status == Some(crate::session::Status::Deleted);
        defs.iter()
            .enumerate()
            .filter(|(_, def)| !dropped(def))
            .collect::<Vec<_>>()
            .into_iter()
            .enumerate()
            .map(|(shown, (i, def))| {
                let path = format!("{parent_path}.items[{i}]");
                // A label given in the data (a past report's own list) is printed as given.
                let label =
                    def.label.clone().unwrap_or_else(|| self.lang().item_label(depth, shown, item_label(depth, shown)));
                // A derived id follows the item's place in the data, not its label, so that it
                // stays the same when a deleted item before it closes the labels up.
                let id = def
                    .id
                    .clone()
                    .unwrap_or_else(|| format!("{parent_id}-{}", item_label(depth, i).trim_matches(['(', ')', '.'])));
                let content = self.markup(&def.text, &format!("{path}.text"), Zone::Body);
                let content = self.negotiated_item(def, &path, content);
                let items = self.items(&def.items, &id, &path, depth + 1);
                self.item_paths.entry(id.clone()).or_insert(path);
                Item { id, label, content, items }
            })
            .collect()
    }

    /// An agenda as items: "1. Organizational matters:", "(a) Opening of the meeting;"…
    pub(super) fn agenda_list(&mut self, agenda: &[AgendaItem], path: &str) -> Vec<Item> {
        agenda
            .iter()
            .enumerate()
            .map(|(i, top)| {
                let subs: Vec<Item> = top
                    .items
                    .iter()
                    .enumerate()
                    .map(|(j, sub)| {
                        let end = if j + 1 == top.items.len() { "." } else { ";" };
                        let label = self.lang().item_label(0, j, item_label(0, j));
                        self.agenda_item(sub, label, end, path)
                    })
                    .collect();
                let end = if subs.is_empty() { "." } else { ":" };
                let mut item = self.agenda_item(top, format!("{}.", i + 1), end, path);
                item.items = subs;
                item
            })
            .collect()
    }

    fn agenda_item(&mut self, item: &AgendaItem, label: String, end: &str, path: &str) -> Item {
        let title = crate::session::agenda_title(&item.title);
        let mut content = self.markup(title, &format!("{path}.template"), Zone::Body);
        content.push(Inline::text(end));
        let prefix = if path.contains(".generate") { "next-agenda" } else { "agenda" };
        Item { id: format!("{prefix}-{}", item.id), label, content, items: Vec::new() }
    }
}

/// The text of every `Inline::Text` in capitals (the pre-2000 masthead's title).
fn capitalize(inlines: &mut [Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => *text = text.to_uppercase(),
            other => capitalize(other.children_mut()),
        }
    }
}

/// "V.09-82790 (E)" → "*0982790*".
pub(super) fn barcode(job: &str) -> Option<String> {
    let core = job.split_whitespace().next()?;
    let digits: String =
        core.split_once('.').map(|(_, rest)| rest).unwrap_or(core).chars().filter(char::is_ascii_digit).collect();
    (!digits.is_empty()).then(|| format!("*{digits}*"))
}
