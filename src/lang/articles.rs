//! Articles and their contractions in French and Spanish: how a name the session writes (the
//! meeting's short name, the instrument, a network of institutes) is joined to the words before
//! it — "le Groupe de travail", "du Groupe de travail", "au Protocole relatif à la traite",
//! "à la Conférence", "de l'Assemblée"; "el Grupo de Trabajo", "del Grupo de Trabajo", "en la
//! Convención", "de la Conferencia".
//!
//! The gender of a name is not something this tool can know, so the translation gives the name
//! with its article ("la Conférence des Parties", "le Groupe de travail"), and the templates ask
//! for the form they need (`le`, `au`, `du` in French; `el`, `en_el`, `del` in Spanish; whether
//! the name is `feminine`, for agreement). A name without an article — the English original not
//! yet translated — is taken as masculine singular, which is what the templates assumed before.
//! The contractions are those of French and Spanish grammar (à + le = au, à + les = aux, de + le
//! = du, de + les = des; de + el = del).

/// The article a name starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Article {
    Masculine,
    Feminine,
    /// French "l'" before a vowel: no contraction, gender unknown.
    Elided,
    MasculinePlural,
    FemininePlural,
}

/// The article a name starts with (in any case) and the rest of the name.
fn split(lang: super::Lang, name: &str) -> (Option<Article>, &str) {
    let name = name.trim();
    let words: &[(&str, Article)] = match lang {
        super::Lang::Fr => &[
            ("le ", Article::Masculine),
            ("la ", Article::Feminine),
            ("les ", Article::MasculinePlural),
            ("l'", Article::Elided),
            ("l’", Article::Elided),
        ],
        super::Lang::Es => &[
            ("el ", Article::Masculine),
            ("la ", Article::Feminine),
            ("los ", Article::MasculinePlural),
            ("las ", Article::FemininePlural),
        ],
        _ => &[],
    };
    for (word, article) in words {
        if let Some(head) = name.get(..word.len())
            && head.to_lowercase() == *word
        {
            return (Some(*article), name[word.len()..].trim_start());
        }
    }
    (None, name)
}

/// The name with its article, after `preposition` ("" for none; French "à" or "de", Spanish
/// "en" or "de"), contracted as the language contracts them.
pub fn with_article(lang: super::Lang, preposition: &str, name: &str) -> String {
    use Article::*;
    let (article, rest) = split(lang, name);
    let article = article.unwrap_or(Masculine);
    let joined = match (lang, preposition, article) {
        (super::Lang::Fr, "à", Masculine) => "au ",
        (super::Lang::Fr, "à", Feminine) => "à la ",
        (super::Lang::Fr, "à", Elided) => "à l'",
        (super::Lang::Fr, "à", MasculinePlural | FemininePlural) => "aux ",
        (super::Lang::Fr, "de", Masculine) => "du ",
        (super::Lang::Fr, "de", Feminine) => "de la ",
        (super::Lang::Fr, "de", Elided) => "de l'",
        (super::Lang::Fr, "de", MasculinePlural | FemininePlural) => "des ",
        (super::Lang::Fr, _, Masculine) => "le ",
        (super::Lang::Fr, _, Feminine) => "la ",
        (super::Lang::Fr, _, Elided) => "l'",
        (super::Lang::Fr, _, MasculinePlural | FemininePlural) => "les ",
        (super::Lang::Es, "de", Masculine) => "del ",
        (super::Lang::Es, "de", Feminine) => "de la ",
        (super::Lang::Es, "de", MasculinePlural) => "de los ",
        (super::Lang::Es, "de", FemininePlural) => "de las ",
        (super::Lang::Es, "en", Masculine) => "en el ",
        (super::Lang::Es, "en", Feminine) => "en la ",
        (super::Lang::Es, "en", MasculinePlural) => "en los ",
        (super::Lang::Es, "en", FemininePlural) => "en las ",
        (super::Lang::Es, _, Masculine) => "el ",
        (super::Lang::Es, _, Feminine) => "la ",
        (super::Lang::Es, _, MasculinePlural) => "los ",
        (super::Lang::Es, _, FemininePlural) => "las ",
        // Other languages have no articles: the preposition, if any, and the name.
        (_, "", _) => return rest.to_string(),
        (_, p, _) => return format!("{p} {rest}"),
    };
    format!("{joined}{rest}")
}

/// Whether the name's article is feminine ("la Conférence", "las Partes"), for the agreement of
/// a participle ("saisie", "saisi").
pub fn is_feminine(lang: super::Lang, name: &str) -> bool {
    matches!(split(lang, name).0, Some(Article::Feminine | Article::FemininePlural))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang::{Es, Fr, Ru};

    #[test]
    fn french_contractions() {
        assert_eq!(with_article(Fr, "", "le Groupe de travail"), "le Groupe de travail");
        assert_eq!(with_article(Fr, "de", "le Groupe de travail"), "du Groupe de travail");
        assert_eq!(with_article(Fr, "à", "le Protocole"), "au Protocole");
        assert_eq!(with_article(Fr, "à", "la Convention"), "à la Convention");
        assert_eq!(with_article(Fr, "de", "La Conférence"), "de la Conférence");
        assert_eq!(with_article(Fr, "de", "l'Assemblée"), "de l'Assemblée");
        assert_eq!(with_article(Fr, "à", "les Protocoles"), "aux Protocoles");
        // Untranslated: masculine, as the templates always assumed.
        assert_eq!(with_article(Fr, "de", "Working Group"), "du Working Group");
        assert!(is_feminine(Fr, "la Conférence") && !is_feminine(Fr, "le Groupe") && !is_feminine(Fr, "Conference"));
    }

    #[test]
    fn spanish_contractions() {
        assert_eq!(with_article(Es, "de", "el Grupo de Trabajo"), "del Grupo de Trabajo");
        assert_eq!(with_article(Es, "en", "la Convención"), "en la Convención");
        assert_eq!(with_article(Es, "de", "la Conferencia"), "de la Conferencia");
        assert_eq!(with_article(Es, "", "Grupo de Trabajo"), "el Grupo de Trabajo");
        assert!(is_feminine(Es, "las Partes"));
    }

    #[test]
    fn other_languages_have_no_articles() {
        assert_eq!(with_article(Ru, "", "Конференция"), "Конференция");
    }
}
