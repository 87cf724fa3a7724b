//! The comparison as text: the summary of changes (printed by `rapporteur diff` and written as
//! `changes.txt`) and the concordance of paragraph numbers, old → new (`concordance.tsv`), which
//! the UN Editorial Manual asks for so that cross-references can be re-checked.

use std::fmt::Write as _;

use super::diff::{ChangeKind, Comparison};

/// "4 changes: 1 added, 1 deleted, 1 changed, 1 moved", then one line per change:
/// `moved     paragraph   5. → 40.   victim-protection-measures`.
pub fn summary(cmp: &Comparison, against: &str) -> String {
    let count = |k: ChangeKind| cmp.changes.iter().filter(|c| c.kind == k).count();
    let n = cmp.changes.len();
    let mut out = format!(
        "{n} change{} against {against}: {} added, {} deleted, {} changed, {} moved\n",
        if n == 1 { "" } else { "s" },
        count(ChangeKind::Added),
        count(ChangeKind::Deleted),
        count(ChangeKind::Changed),
        count(ChangeKind::Moved),
    );
    for c in &cmp.changes {
        let num = |n: &Option<String>| n.clone().unwrap_or_else(|| "—".into());
        let _ = writeln!(
            out,
            "  {:<8} {:<10} {:>6} → {:<6} {}",
            c.kind.name(),
            c.what,
            num(&c.old_num),
            num(&c.new_num),
            c.id
        );
    }
    let renumbered = cmp.concordance.iter().filter(|r| r.old.is_some() && r.new.is_some() && r.old != r.new).count();
    let _ = writeln!(
        out,
        "{renumbered} paragraph{} renumbered (not changes; see the concordance)",
        if renumbered == 1 { "" } else { "s" }
    );
    out
}

/// The concordance as tab-separated values: `old`, `new`, `id`; "—" where a paragraph is not in
/// that version.
pub fn concordance(cmp: &Comparison) -> String {
    let mut out = String::from("old\tnew\tid\n");
    for r in &cmp.concordance {
        let num = |n: &Option<String>| n.as_deref().map(|s| s.trim_end_matches('.').to_string()).unwrap_or("—".into());
        let _ = writeln!(out, "{}\t{}\t{}", num(&r.old), num(&r.new), r.id);
    }
    out
}

/// The lines of the concordance where a number differs, compactly ("3→4  —→13  20→—"), for
/// the terminal.
pub fn renumbering(cmp: &Comparison) -> String {
    let num = |n: &Option<String>| n.as_deref().map(|s| s.trim_end_matches('.').to_string()).unwrap_or("—".into());
    let pairs: Vec<String> =
        cmp.concordance.iter().filter(|r| r.old != r.new).map(|r| format!("{}→{}", num(&r.old), num(&r.new))).collect();
    if pairs.is_empty() {
        return String::new();
    }
    let mut out = String::from("Concordance, old → new (numbers that differ):\n");
    for line in pairs.chunks(10) {
        let _ = writeln!(out, "  {}", line.join("  "));
    }
    out
}
