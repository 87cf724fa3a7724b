//! Cross-references: resolves `[[ref:…]]` marks to the numbers of pass 1 and words ranges in
//! house style ("paragraphs 18–22", "chapters II and III").

use super::*;

impl Assembler<'_> {
    pub(super) fn reference(
        &mut self,
        kind: RefKind,
        first: &str,
        last: Option<&str>,
        path: &str,
        at: usize,
    ) -> Inline {
        let want = match kind {
            RefKind::Chapter | RefKind::Chapters => TargetKind::Chapter,
            RefKind::Section => TargetKind::Section,
            RefKind::Para | RefKind::Paras => TargetKind::Paragraph,
            RefKind::Annex => TargetKind::Annex,
        };
        let ranged = matches!(kind, RefKind::Chapters | RefKind::Paras);
        let (first, last) = match (ranged, last) {
            (true, Some(l)) => (first.to_string(), Some(l.to_string())),
            (true, None) => match self.split_range(first, want) {
                Some((a, b)) => (a, Some(b)),
                None => {
                    self.error_in(
                        path,
                        at,
                        format!("`{first}` is not a range of two known ids"),
                        "write `{chapters:first..last}` with ids of this report",
                    );
                    return Inline::text(first);
                }
            },
            (false, _) => (first.to_string(), None),
        };
        let mut labels = Vec::new();
        let mut within = None;
        let mut orders = Vec::new();
        for id in std::iter::once(&first).chain(last.as_ref()) {
            match self.targets.get(id) {
                Some(t) if t.kind == want => {
                    labels.push(t.label.clone());
                    within = t.within.clone();
                    orders.push(t.order);
                }
                Some(t) => {
                    let (found, wanted) = (format!("{:?}", t.kind).to_lowercase(), format!("{want:?}").to_lowercase());
                    self.error_in(
                        path,
                        at,
                        format!("`{id}` is a {found}, not a {wanted}"),
                        format!("use `{{{found}:{id}}}`").replace("paragraph:", "para:"),
                    );
                    return Inline::text(id);
                }
                None => {
                    let hint = match nearest(id, self.targets.keys().map(String::as_str)) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => "give the chapter, section or paragraph an `id:`".into(),
                    };
                    self.error_in(path, at, format!("unknown cross-reference target `{id}`"), hint);
                    return Inline::text(id);
                }
            }
        }
        let noun = match want {
            TargetKind::Chapter => "chapter",
            TargetKind::Section => "section",
            TargetKind::Group => "group",
            TargetKind::Paragraph => "paragraph",
            TargetKind::Annex => "annex",
            TargetKind::Table => "table",
            TargetKind::Decision => "decision",
            TargetKind::Rule => "rule",
        };
        if let ([a, b], [from, to]) = (orders.as_slice(), labels.as_slice())
            && a >= b
        {
            let last = last.unwrap_or_default();
            self.error(
                path,
                format!("the range from `{first}` ({from}) to `{last}` ({to}) does not run forwards"),
                format!("name the first one first, e.g. `{{{noun}s:{last}..{first}}}`, or refer to one with `{{{noun}:{first}}}`")
                    .replace("paragraphs:", "paras:")
                    .replace("paragraph:", "para:"),
            );
            return Inline::text(format!("{noun}s {from}-{to}"));
        }
        let lang = self.lang();
        let text = match labels.as_slice() {
            [one] if one.is_empty() && lang == Lang::En => noun.to_string(),
            [one] if one.is_empty() => lang.reference(noun, "").trim().to_string(),
            [one] if within.is_some() => {
                let separator = match lang {
                    Lang::Zh => "",
                    Lang::Ar => "، ",
                    _ => ", ",
                };
                format!("{}{separator}{}", within.unwrap_or_default(), lang.reference(noun, one))
            }
            [one] => lang.reference(noun, one),
            [a, b] if lang == Lang::En => format!("{noun}s {}", range_wording(a, b)),
            [a, b] => {
                let pair = matches!((label_value(a), label_value(b)), (Some(x), Some(y)) if y == x + 1);
                lang.reference_range(noun, a, b, pair)
            }
            _ => String::new(),
        };
        Inline::Ref { target: first, content: vec![Inline::text(text)] }
    }

    /// Splits `a-b-c` at the hyphen where both sides are ids of the wanted kind.
    fn split_range(&self, body: &str, want: TargetKind) -> Option<(String, String)> {
        body.match_indices('-').map(|(i, _)| (&body[..i], &body[i + 1..])).find_map(|(a, b)| {
            let ok = |id: &str| self.targets.get(id).is_some_and(|t| t.kind == want);
            (ok(a) && ok(b)).then(|| (a.to_string(), b.to_string()))
        })
    }
}

/// "(a)", "(i)", "a.", "i." by depth.
/// The labels of a cross-referenced range as house style prints them: "II and III",
/// "2 and 3" for two consecutive numbers, "II–VI", "4–8" with an en dash for longer ranges.
/// Source: the United Nations Editorial Manual (ranges of numbers take an en dash; two
/// consecutive numbers are joined by "and"), as in the reports in `../shared/un-reports/`
/// (e.g. FCCC/PA/CMA/2022/10/Add.2, "paragraphs 18–22"; TPNW/MSP/2025/11, "paragraphs 3 and 4").
pub(super) fn range_wording(first: &str, last: &str) -> String {
    match (label_value(first), label_value(last)) {
        (Some(a), Some(b)) if b == a + 1 => format!("{first} and {last}"),
        _ => format!("{first}\u{2013}{last}"),
    }
}

/// The number a label stands for: "4" → 4, "IX" → 9 (chapters are numbered in roman numerals).
pub(super) fn label_value(label: &str) -> Option<u32> {
    if let Ok(n) = label.parse() {
        return Some(n);
    }
    let digit = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let values: Vec<u32> = label.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) { total -= *v as i64 } else { total += *v as i64 }
    }
    u32::try_from(total).ok().filter(|n| *n > 0 && crate::generate::roman(*n) == label)
}
