//! The six official languages of the United Nations as a build dimension: a report built in
//! Arabic, Chinese, English, French, Russian or Spanish prints every part it generates from data —
//! the masthead's fixed words, dates, lists, ordinals, citations, cross-references, the fixed
//! words of headings and vote lists — in that language. Free text written in the session (the
//! narrative, the title, the organ) stays as written unless a translation is given
//! (`crate::build::translated_session`, the hook for translations by paragraph id).
//!
//! One place per concern: this module holds the words; `dates` the calendar forms; `collate` the
//! order of lists of States; `typography` the spacing and punctuation each language wants. The
//! names of States in each language are in the registry (`crate::registry::name_in`).
//!
//! Where the forms come from: the United Nations Editorial Manual for English; for the other
//! languages, the conventions of the UN's translation services as published documents show them
//! (each form's source is given where it is defined). They were written from knowledge of those
//! documents, not checked here against a printed copy (none can be fetched from this machine):
//! the notes on the issue say which ones deserve a translator's look.

use serde::{Deserialize, Serialize};

pub mod articles;
pub mod collate;
pub mod dates;
pub mod typography;

/// An official language of the United Nations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    Zh,
    En,
    Fr,
    Ru,
    Es,
}

use Lang::*;

impl Lang {
    /// The six, in the UN's order (the English names of the languages, alphabetically).
    pub const ALL: [Lang; 6] = [Ar, Zh, En, Fr, Ru, Es];

    /// The BCP 47 code: `ar`, `zh`, `en`, `fr`, `ru`, `es`.
    pub fn code(self) -> &'static str {
        match self {
            Ar => "ar",
            Zh => "zh",
            En => "en",
            Fr => "fr",
            Ru => "ru",
            Es => "es",
        }
    }

    /// A language by its BCP 47 code; a region or script subtag is allowed (`fr-FR`, `zh-Hans`).
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// A language by its English name as a session's `original:` gives it ("English").
    pub fn from_english_name(name: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.english_name().eq_ignore_ascii_case(name.trim()))
    }

    /// "Arabic", "Chinese", "English", "French", "Russian", "Spanish".
    pub fn english_name(self) -> &'static str {
        match self {
            Ar => "Arabic",
            Zh => "Chinese",
            En => "English",
            Fr => "French",
            Ru => "Russian",
            Es => "Spanish",
        }
    }

    /// Whether the text runs right to left.
    pub fn is_rtl(self) -> bool {
        self == Ar
    }

    // ----- the masthead -----

    /// The publisher on the masthead's top line.
    pub fn publisher(self) -> &'static str {
        match self {
            Ar => "الأمم المتحدة",
            Zh => "联合国",
            En => "United Nations",
            Fr => "Nations Unies",
            Ru => "Организация Объединенных Наций",
            Es => "Naciones Unidas",
        }
    }

    /// Whether the masthead's distribution block (distribution, date, language, original) is
    /// printed in English. The Arabic, Chinese and Russian versions of UN documents print that
    /// block in English ("Distr.: General", "21 April 2009", "Russian", "Original: English");
    /// the French and Spanish versions translate it ("Distr. générale", "21 avril 2009",
    /// "Français", "Original : anglais"; "Distr. general", "Español", "Original: inglés").
    pub fn english_distribution_block(self) -> bool {
        matches!(self, Ar | Zh | Ru | En)
    }

    /// What precedes the distribution: "Distr.: " (English block), "Distr. " (fr, es).
    pub fn distribution_label(self) -> &'static str {
        if self.english_distribution_block() { "Distr.: " } else { "Distr. " }
    }

    /// The distribution as printed after its label; `english` is `General`, `Limited` or
    /// `Restricted`.
    pub fn distribution(self, english: &str) -> String {
        let word = match (self, english) {
            (Fr, "General") => "générale",
            (Fr, "Limited") => "limitée",
            (Fr, "Restricted") => "restreinte",
            (Es, "General") => "general",
            (Es, "Limited") => "limitada",
            (Es, "Restricted") => "reservada",
            _ => english,
        };
        word.to_string()
    }

    /// What precedes the original language: "Original: "; in French with a narrow no-break
    /// space before the colon (see `typography`).
    pub fn original_label(self) -> &'static str {
        match self {
            Fr => "Original\u{202F}: ",
            _ => "Original: ",
        }
    }

    /// The name of language `of` as this version's masthead prints it after "Original:"
    /// ("anglais" in French, "inglés" in Spanish — lower case, as those languages write the
    /// names of languages; the English name in the versions whose block is in English).
    pub fn language_name(self, of: Lang) -> &'static str {
        match self {
            Fr => match of {
                Ar => "arabe",
                Zh => "chinois",
                En => "anglais",
                Fr => "français",
                Ru => "russe",
                Es => "espagnol",
            },
            Es => match of {
                Ar => "árabe",
                Zh => "chino",
                En => "inglés",
                Fr => "francés",
                Ru => "ruso",
                Es => "español",
            },
            _ => of.english_name(),
        }
    }

    /// The line naming this version's language, printed above "Original:" in a version that is
    /// not the original ("Français", "Español", "Russian", "Chinese", "Arabic").
    pub fn version_line(self) -> &'static str {
        match self {
            Fr => "Français",
            Es => "Español",
            En => "English",
            _ => self.english_name(),
        }
    }

    // ----- the masthead read back (the printers above, compared) -----

    /// "Distr. générale" → (French, "General"), "Distr.: General" → (English, "General"): the
    /// language whose masthead prints the line so, and the distribution as the session writes it.
    pub fn read_distribution(text: &str) -> Option<(Lang, &'static str)> {
        let wanted = comparable(text);
        Lang::ALL.into_iter().filter(|l| *l == En || !l.english_distribution_block()).find_map(|lang| {
            ["General", "Limited", "Restricted"].into_iter().find_map(|english| {
                let printed = format!("{}{}", lang.distribution_label(), lang.distribution(english));
                (comparable(&printed).to_lowercase() == wanted.to_lowercase()).then_some((lang, english))
            })
        })
    }

    /// "Original : anglais" → (French, English): the version's language and the original's.
    pub fn read_original(text: &str) -> Option<(Lang, Lang)> {
        let wanted = comparable(text);
        Lang::ALL.into_iter().filter(|l| *l == En || !l.english_distribution_block()).find_map(|lang| {
            Lang::ALL.into_iter().find_map(|of| {
                let printed = format!("{}{}", lang.original_label(), lang.language_name(of));
                (comparable(&printed).to_lowercase() == wanted.to_lowercase()).then_some((lang, of))
            })
        })
    }

    /// "Français", "Español": the line naming a translated version's language.
    pub fn read_version_line(text: &str) -> Option<Lang> {
        Lang::ALL.into_iter().filter(|l| *l != En).find(|l| l.version_line() == text.trim())
    }

    // ----- running text -----

    /// Items joined as a list: "A, B and C" (English, no serial comma: UN Editorial Manual),
    /// "A, B et C", "A, B y C" ("e" before a word that starts with the sound /i/: Real Academia
    /// Española, *Ortografía* 2010, as UN Spanish texts write "Francia e Italia"), "A, B и C",
    /// "A、B和C" (the enumeration comma 、 of Chinese, GB/T 15834-2011), "A، B وC" (the Arabic
    /// comma ، and the conjunction و written against the following word).
    pub fn join(self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => match self {
                En => format!("{} and {last}", init.join(", ")),
                Fr => format!("{} et {last}", init.join(", ")),
                Ru => format!("{} и {last}", init.join(", ")),
                Es => {
                    let and = if spanish_i_sound(last) { "e" } else { "y" };
                    format!("{} {and} {last}", init.join(", "))
                }
                Zh => format!("{}和{last}", init.join("、")),
                Ar => format!("{} و{last}", init.join("، ")),
            },
        }
    }

    /// The "and" between two numbers of a cross-referenced pair ("paragraphs 2 and 3").
    pub fn and_word(self) -> &'static str {
        match self {
            En => " and ",
            Fr => " et ",
            Es => " y ",
            Ru => " и ",
            Zh => "和",
            Ar => " و",
        }
    }

    /// An ordinal in figures for a meeting number ("At its 1st meeting"): English "1st", "2nd";
    /// French feminine "1re", "2e" (*séance*; Lexique de l'Imprimerie nationale); Spanish feminine
    /// "1ª" (*sesión*); Russian "1-м" (*на 1-м заседании*, the prepositional case the agenda
    /// sentence needs); Chinese "第1次"; Arabic the feminine ordinal word up to the tenth
    /// (*جلستها الأولى*), the figure after that.
    pub fn ordinal(self, n: u32) -> String {
        match self {
            En => crate::generate::ordinal(n),
            Fr if n == 1 => "1re".into(),
            Fr => format!("{n}e"),
            Es => format!("{n}ª"),
            Ru => format!("{n}-м"),
            Zh => format!("第{n}次"),
            Ar => match n {
                1..=10 => AR_ORDINALS_FEMININE[n as usize - 1].to_string(),
                _ => n.to_string(),
            },
        }
    }

    /// An officer's role as the election sentence prints it ("elected X as Chair"): English
    /// "Chair"; French "Président"; Russian in the nominative (the Russian sentence lists
    /// "Председатель — X", which no grammatical gender of the meeting's name can break); Arabic
    /// in the accusative of *انتخب … رئيسا*.
    pub fn role(self, role: crate::session::OfficerRole) -> &'static str {
        use crate::session::OfficerRole::*;
        match (self, role) {
            (En, r) => r.printed(),
            (Fr, Chair | President) => "Président",
            (Fr, ViceChair | VicePresident) => "Vice-Président",
            (Fr, Rapporteur) => "Rapporteur",
            (Fr, ViceChairRapporteur) => "Vice-Président et Rapporteur",
            (Es, Chair | President) => "Presidente",
            (Es, ViceChair | VicePresident) => "Vicepresidente",
            (Es, Rapporteur) => "Relator",
            (Es, ViceChairRapporteur) => "Vicepresidente y Relator",
            (Ru, Chair | President) => "Председатель",
            (Ru, ViceChair | VicePresident) => "заместитель Председателя",
            (Ru, Rapporteur) => "Докладчик",
            (Ru, ViceChairRapporteur) => "заместитель Председателя-Докладчик",
            (Zh, Chair | President) => "主席",
            (Zh, ViceChair | VicePresident) => "副主席",
            (Zh, Rapporteur) => "报告员",
            (Zh, ViceChairRapporteur) => "副主席兼报告员",
            (Ar, Chair | President) => "رئيسا",
            (Ar, ViceChair | VicePresident) => "نائبا للرئيس",
            (Ar, Rapporteur) => "مقررا",
            (Ar, ViceChairRapporteur) => "نائبا للرئيس ومقررا",
        }
    }

    /// An office as a list of officers by office heads it, without the colon: "Chair",
    /// "Vice-Chairs" (`plural` when it has several holders); French "Président",
    /// "Vice-Présidents"; the nominative in Russian and Arabic (unlike `role`, which Arabic
    /// puts in the accusative of the election sentence).
    pub fn office(self, role: crate::session::OfficerRole, plural: bool) -> &'static str {
        use crate::session::OfficerRole::*;
        let [one, several] = match (self, role) {
            (En, Chair) => ["Chair", "Chairs"],
            (En, ViceChair) => ["Vice-Chair", "Vice-Chairs"],
            (En, Rapporteur) => ["Rapporteur", "Rapporteurs"],
            (En, ViceChairRapporteur) => ["Vice-Chair-cum-Rapporteur", "Vice-Chairs-cum-Rapporteurs"],
            (En, President) => ["President", "Presidents"],
            (En, VicePresident) => ["Vice-President", "Vice-Presidents"],
            (Fr, Chair | President) => ["Président", "Présidents"],
            (Fr, ViceChair | VicePresident) => ["Vice-Président", "Vice-Présidents"],
            (Fr, Rapporteur) => ["Rapporteur", "Rapporteurs"],
            (Fr, ViceChairRapporteur) => ["Vice-Président et Rapporteur", "Vice-Présidents et Rapporteurs"],
            (Es, Chair | President) => ["Presidente", "Presidentes"],
            (Es, ViceChair | VicePresident) => ["Vicepresidente", "Vicepresidentes"],
            (Es, Rapporteur) => ["Relator", "Relatores"],
            (Es, ViceChairRapporteur) => ["Vicepresidente y Relator", "Vicepresidentes y Relatores"],
            (Ru, Chair | President) => ["Председатель", "Председатели"],
            (Ru, ViceChair | VicePresident) => ["Заместитель Председателя", "Заместители Председателя"],
            (Ru, Rapporteur) => ["Докладчик", "Докладчики"],
            (Ru, ViceChairRapporteur) => ["Заместитель Председателя-Докладчик", "Заместители Председателя-Докладчики"],
            // Chinese nouns have no plural.
            (Zh, Chair | President) => ["主席", "主席"],
            (Zh, ViceChair | VicePresident) => ["副主席", "副主席"],
            (Zh, Rapporteur) => ["报告员", "报告员"],
            (Zh, ViceChairRapporteur) => ["副主席兼报告员", "副主席兼报告员"],
            (Ar, Chair | President) => ["الرئيس", "الرؤساء"],
            (Ar, ViceChair | VicePresident) => ["نائب الرئيس", "نواب الرئيس"],
            (Ar, Rapporteur) => ["المقرر", "المقررون"],
            (Ar, ViceChairRapporteur) => ["نائب الرئيس والمقرر", "نواب الرئيس والمقررون"],
        };
        if plural { several } else { one }
    }

    /// A city where UN meetings are held, in this language ("Vienna" → "Vienne", "Вена",
    /// "维也纳"): the duty stations and regional commissions' seats, as UNTERM names them. A
    /// venue not listed is printed as the session writes it (a translated session gives it).
    pub fn place(self, english: &str) -> Option<&'static str> {
        const PLACES: &[[&str; 6]] = &[
            // en, ar, zh, fr, ru, es
            ["Vienna", "فيينا", "维也纳", "Vienne", "Вена", "Viena"],
            ["Geneva", "جنيف", "日内瓦", "Genève", "Женева", "Ginebra"],
            ["New York", "نيويورك", "纽约", "New York", "Нью-Йорк", "Nueva York"],
            ["Nairobi", "نيروبي", "内罗毕", "Nairobi", "Найроби", "Nairobi"],
            ["Addis Ababa", "أديس أبابا", "亚的斯亚贝巴", "Addis-Abeba", "Аддис-Абеба", "Addis Abeba"],
            ["Bangkok", "بانكوك", "曼谷", "Bangkok", "Бангкок", "Bangkok"],
            ["Beirut", "بيروت", "贝鲁特", "Beyrouth", "Бейрут", "Beirut"],
            ["Santiago", "سانتياغو", "圣地亚哥", "Santiago", "Сантьяго", "Santiago"],
            ["Bonn", "بون", "波恩", "Bonn", "Бонн", "Bonn"],
            ["The Hague", "لاهاي", "海牙", "La Haye", "Гаага", "La Haya"],
            ["Doha", "الدوحة", "多哈", "Doha", "Доха", "Doha"],
        ];
        let column = match self {
            En => 0,
            Ar => 1,
            Zh => 2,
            Fr => 3,
            Ru => 4,
            Es => 5,
        };
        PLACES.iter().find(|row| row[0] == english.trim()).map(|row| row[column])
    }

    // ----- fixed words of headings, tables and lists -----

    /// The word before an annex's number: "Annex", "Annexe", "Anexo", "Приложение", "附件",
    /// "المرفق".
    pub fn annex(self) -> &'static str {
        match self {
            En => "Annex",
            Fr => "Annexe",
            Es => "Anexo",
            Ru => "Приложение",
            Zh => "附件",
            Ar => "المرفق",
        }
    }

    /// The column headings of the generated list of documents (the `documents` annex), as the
    /// language versions of UN reports head that table.
    pub fn documents_header(self) -> [&'static str; 3] {
        match self {
            En => ["Document symbol", "Agenda item", "Title or description"],
            Fr => ["Cote du document", "Point de l’ordre du jour", "Titre ou description"],
            Es => ["Signatura del documento", "Tema del programa", "Título o descripción"],
            Ru => ["Условное обозначение документа", "Пункт повестки дня", "Название или описание"],
            Zh => ["文件编号", "议程项目", "标题或说明"],
            Ar => ["رمز الوثيقة", "البند من جدول الأعمال", "العنوان أو الوصف"],
        }
    }

    /// The word before a table's number.
    pub fn table(self) -> &'static str {
        match self {
            En => "Table",
            Fr => "Tableau",
            Es => "Cuadro",
            Ru => "Таблица",
            Zh => "表",
            Ar => "الجدول",
        }
    }

    /// The heading of the table of contents.
    pub fn contents(self) -> &'static str {
        match self {
            En => "Contents",
            Fr => "Table des matières",
            Es => "Índice",
            Ru => "Содержание",
            Zh => "目录",
            Ar => "المحتويات",
        }
    }

    /// The labels of a recorded vote (In favour / Against / Abstaining) and the word for an
    /// empty list, as the verbatim records of the General Assembly print them in each language.
    pub fn vote_labels(self) -> [&'static str; 4] {
        match self {
            En => ["In favour", "Against", "Abstaining", "None"],
            Fr => ["Votent pour", "Votent contre", "S'abstiennent", "Néant"],
            Es => ["Votos a favor", "Votos en contra", "Abstenciones", "Ninguno"],
            Ru => ["Голосовали за", "Голосовали против", "Воздержались", "Нет"],
            Zh => ["赞成", "反对", "弃权", "无"],
            Ar => ["المؤيدون", "المعارضون", "الممتنعون", "لا أحد"],
        }
    }

    /// The length in bytes of the recorded vote's label a line opens with ("赞成：", "In favour:",
    /// "Votent pour\u{202F}:"), in any version (`vote_labels` and `colon` printed and compared);
    /// Chinese sets it against the names without a space or tab, so it is read off the line's
    /// start.
    pub fn read_vote_label(text: &str) -> Option<usize> {
        Lang::ALL.into_iter().find_map(|lang| {
            lang.vote_labels()[..3].iter().find_map(|label| {
                let printed = format!("{label}{}", lang.colon());
                text.starts_with(&printed).then_some(printed.len())
            })
        })
    }

    /// The colon that ends a label ("In favour:"), in the language's typography.
    pub fn colon(self) -> &'static str {
        match self {
            Fr => "\u{202F}:",
            Zh => "：",
            _ => ":",
        }
    }

    /// The full stop that ends a sentence.
    pub fn full_stop(self) -> &'static str {
        if self == Zh { "。" } else { "." }
    }

    /// The line of a masthead's caption that names the agenda item: "Agenda item 15", "Point 15
    /// de l’ordre du jour", "Tema 15 del programa", "Пункт 15 повестки дня", "议程项目15",
    /// "البند 15 من جدول الأعمال" (the forms the language versions of General Assembly documents
    /// print under the session's name).
    pub fn agenda_item_caption(self, number: &str) -> String {
        match self {
            En => format!("Agenda item {number}"),
            Fr => format!("Point {number} de l’ordre du jour"),
            Es => format!("Tema {number} del programa"),
            Ru => format!("Пункт {number} повестки дня"),
            Zh => format!("议程项目{number}"),
            Ar => format!("البند {number} من جدول الأعمال"),
        }
    }

    /// The words of an Official Records title page: "Official Records" and "Supplement No. 33",
    /// as the covers of the General Assembly's Official Records print them in each language
    /// ("Documents officiels" / "Supplément no 33", "Documentos Oficiales" / "Suplemento
    /// núm. 33", "Официальные отчеты" / "Дополнение № 33", "正式记录" / "补编第33号",
    /// "الوثائق الرسمية" / "الملحق رقم 33").
    pub fn official_records(self, supplement: &str) -> [String; 2] {
        match self {
            En => ["Official Records".into(), format!("Supplement No. {supplement}")],
            Fr => ["Documents officiels".into(), format!("Supplément no\u{A0}{supplement}")],
            Es => ["Documentos Oficiales".into(), format!("Suplemento núm.\u{A0}{supplement}")],
            Ru => ["Официальные отчеты".into(), format!("Дополнение №\u{A0}{supplement}")],
            Zh => ["正式记录".into(), format!("补编第{supplement}号")],
            Ar => ["الوثائق الرسمية".into(), format!("الملحق رقم {supplement}")],
        }
    }

    /// The accessible names of the HTML footnotes section and of a note's link back to the
    /// text ("Notes", "Back to the text").
    pub fn note_labels(self) -> [&'static str; 2] {
        match self {
            En => ["Notes", "Back to the text"],
            Fr => ["Notes", "Retour au texte"],
            Es => ["Notas", "Volver al texto"],
            Ru => ["Примечания", "Вернуться к тексту"],
            Zh => ["注", "返回正文"],
            Ar => ["الحواشي", "العودة إلى النص"],
        }
    }

    /// What precedes the rapporteur's name under a draft report's title.
    pub fn rapporteur_label(self) -> &'static str {
        match self {
            En => "Rapporteur: ",
            Fr => "Rapporteur\u{202F}: ",
            Es => "Relator: ",
            Ru => "Докладчик: ",
            Zh => "报告员：",
            Ar => "المقرر: ",
        }
    }

    /// The word under the title of an addendum (a symbol ending in `/Add.N`).
    pub fn addendum(self) -> &'static str {
        match self {
            En => "Addendum",
            Fr => "Additif",
            Es => "Adición",
            Ru => "Добавление",
            Zh => "增编",
            Ar => "إضافة",
        }
    }

    /// A rule of procedure's number: "Rule 1"; French and Spanish rules of procedure number
    /// "articles" ("Article premier" is left to the translator: the first is "Article 1" here).
    pub fn rule(self, number: &str) -> String {
        match self {
            En => format!("Rule {number}"),
            Fr => format!("Article {number}"),
            Es => format!("Artículo {number}"),
            Ru => format!("Правило {number}"),
            Zh => format!("第{number}条"),
            Ar => format!("المادة {number}"),
        }
    }

    /// A quoted decision's label: "Decision 9/1", "Resolution 9/1", "Draft decision",
    /// "Draft resolution I" in each language ("Décision 9/1", "Projet de résolution I",
    /// "Resolución 9/1", "Проект решения", "第9/1号决议", "مشروع القرار"). `number` may be empty
    /// (a draft printed without a number); a final text without a number has no label.
    pub fn decision_label(self, kind: crate::session::DecisionKind, draft: bool, number: &str) -> Option<String> {
        use crate::session::DecisionKind::{Decision, Resolution};
        if !draft && number.is_empty() {
            return None;
        }
        let (final_word, draft_words) = match (self, kind) {
            (En, Decision) => ("Decision", "Draft decision"),
            (En, Resolution) => ("Resolution", "Draft resolution"),
            (Fr, Decision) => ("Décision", "Projet de décision"),
            (Fr, Resolution) => ("Résolution", "Projet de résolution"),
            (Es, Decision) => ("Decisión", "Proyecto de decisión"),
            (Es, Resolution) => ("Resolución", "Proyecto de resolución"),
            (Ru, Decision) => ("Решение", "Проект решения"),
            (Ru, Resolution) => ("Резолюция", "Проект резолюции"),
            (Zh, Decision) => ("决定", "决定草案"),
            (Zh, Resolution) => ("决议", "决议草案"),
            (Ar, Decision) => ("المقرر", "مشروع المقرر"),
            (Ar, Resolution) => ("القرار", "مشروع القرار"),
        };
        Some(match (self, draft, number.is_empty()) {
            (_, true, true) => draft_words.to_string(),
            // Chinese numbers a final text "第9/1号决议" and a draft "决议草案一".
            (Zh, false, _) => format!("第{number}号{final_word}"),
            (Zh, true, false) => format!("{draft_words}{}", chinese_number(number)),
            (_, true, false) => format!("{draft_words} {number}"),
            (_, false, _) => format!("{final_word} {number}"),
        })
    }

    /// A quoted decision's label read back where a version prints its number inside the words
    /// ("第9/1号决议" → "Resolution 9/1", `decision_label` printed around a placeholder and
    /// compared): the printed label's length in bytes and the English label. Labels whose
    /// number follows the words ("Résolution 9/1") are a word and a number, read as such.
    pub fn read_decision_label(text: &str) -> Option<(usize, String)> {
        use crate::session::DecisionKind::{Decision, Resolution};
        const MARK: &str = "\u{E000}";
        for lang in Lang::ALL {
            for (kind, english) in [(Decision, "Decision"), (Resolution, "Resolution")] {
                let Some(printed) = lang.decision_label(kind, false, MARK) else { continue };
                let Some((before, after)) = printed.split_once(MARK) else { continue };
                if after.is_empty() {
                    continue;
                }
                let Some(rest) = text.strip_prefix(before) else { continue };
                let Some((number, _)) = rest.split_once(after) else { continue };
                if !number.is_empty()
                    && number.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-'))
                    && lang.decision_label(kind, false, number).is_some_and(|p| text.starts_with(&p))
                {
                    return Some((before.len() + number.len() + after.len(), format!("{english} {number}")));
                }
            }
        }
        None
    }

    /// The headings of the generated list of participants, group by group (States parties,
    /// regional economic integration organizations, signatory States, other States, United
    /// Nations entities, intergovernmental organizations, entities with permanent observer
    /// offices, non-governmental organizations), with the instrument's name where the group is
    /// defined by it. The wording follows the attendance sentences of each language's templates
    /// (`templates/<lang>/attendance/`), so that heading and sentence agree.
    pub fn participant_groups(self, instrument: Option<&str>) -> [String; 8] {
        let with = |before: &str, after: &str| instrument.map(|i| format!("{before}{i}{after}")).unwrap_or_default();
        let fixed = |words: [&str; 6]| words.map(String::from);
        // French and Spanish join the instrument to the preposition with its article.
        let with_article = |preposition: &str| {
            instrument.map(|i| format!(" {}", articles::with_article(self, preposition.trim(), i))).unwrap_or_default()
        };
        let [parties, signatories] = match self {
            En => {
                [format!("States parties{}", with(" to the ", "")), format!("Signatory States{}", with(" to the ", ""))]
            }
            Fr => [format!("États parties{}", with_article(" à")), format!("États signataires{}", with_article(" de"))],
            Es => [
                format!("Estados partes{}", with_article(" en")),
                format!("Estados signatarios{}", with_article(" de")),
            ],
            Ru => [
                format!("Государства-участники{}", with(" (", ")")),
                format!("Подписавшие государства{}", with(" (", ")")),
            ],
            Zh => [format!("{}缔约国", with("《", "》")), format!("{}签署国", with("《", "》"))],
            Ar => [format!("الدول الأطراف{}", with(" في ", "")), format!("الدول الموقِّعة{}", with(" على ", ""))],
        };
        let [regional, others, un, igo, observers, ngo] = match self {
            En => fixed([
                "Regional economic integration organizations",
                "Other States represented by observers",
                "United Nations entities and institutes",
                "Intergovernmental organizations",
                "Entities maintaining permanent observer offices",
                "Non-governmental organizations",
            ]),
            Fr => fixed([
                "Organisations régionales d’intégration économique",
                "Autres États représentés par des observateurs",
                "Entités et instituts des Nations Unies",
                "Organisations intergouvernementales",
                "Entités ayant un bureau permanent d’observateur",
                "Organisations non gouvernementales",
            ]),
            Es => fixed([
                "Organizaciones regionales de integración económica",
                "Otros Estados representados por observadores",
                "Entidades e institutos de las Naciones Unidas",
                "Organizaciones intergubernamentales",
                "Entidades que mantienen oficinas permanentes de observación",
                "Organizaciones no gubernamentales",
            ]),
            Ru => fixed([
                "Региональные организации экономической интеграции",
                "Другие государства, представленные наблюдателями",
                "Подразделения и институты Организации Объединенных Наций",
                "Межправительственные организации",
                "Образования, имеющие постоянные представительства наблюдателей",
                "Неправительственные организации",
            ]),
            Zh => fixed([
                "区域经济一体化组织",
                "派观察员出席的其他国家",
                "联合国实体和研究所",
                "政府间组织",
                "设有常驻观察员办事处的实体",
                "非政府组织",
            ]),
            Ar => fixed([
                "منظمات التكامل الاقتصادي الإقليمية",
                "دول أخرى ممثَّلة بمراقبين",
                "كيانات الأمم المتحدة ومعاهدها",
                "المنظمات الحكومية الدولية",
                "الكيانات التي تحتفظ بمكاتب مراقبين دائمة",
                "المنظمات غير الحكومية",
            ]),
        };
        [parties, regional, signatories, others, un, igo, observers, ngo]
    }

    /// The column headings of a table of contents: "Paragraphs" and "Page".
    /// The heading over the chapter numbers in an Official Records volume's contents.
    pub fn contents_chapter_column(self) -> &'static str {
        match self {
            En => "Chapter",
            Fr => "Chapitre",
            Es => "Capítulo",
            Ru => "Глава",
            Zh => "章次",
            Ar => "الفصل",
        }
    }

    pub fn contents_columns(self) -> [&'static str; 2] {
        match self {
            En => ["Paragraphs", "Page"],
            Fr => ["Paragraphes", "Page"],
            Es => ["Párrafos", "Página"],
            Ru => ["Пункты", "Стр."],
            Zh => ["段次", "页次"],
            Ar => ["الفقرات", "الصفحة"],
        }
    }

    /// The column headings of the table of oral amendments in a negotiation annex.
    pub fn amendments_header(self) -> [&'static str; 4] {
        match self {
            En => ["Paragraph", "Text of the draft", "As orally amended", "Proposed by"],
            Fr => ["Paragraphe", "Texte du projet", "Tel que modifié oralement", "Proposé par"],
            Es => ["Párrafo", "Texto del proyecto", "En su forma enmendada oralmente", "Propuesto por"],
            Ru => ["Пункт", "Текст проекта", "С устными поправками", "Предложено"],
            Zh => ["段落", "草案案文", "经口头修正的案文", "提议方"],
            Ar => ["الفقرة", "نص المشروع", "بصيغته المعدلة شفوياً", "مقدَّم من"],
        }
    }

    // ----- numbers of headings -----

    /// A chapter's number as its heading prints it, from its roman label: "I." in English,
    /// French, Spanish and Russian; "一." in Chinese (UN Chinese documents number chapters in
    /// Chinese numerals); "أولاً-" in Arabic (the ordinal adverb and a hyphen, as UN Arabic
    /// documents number chapters; the roman label beyond the tenth).
    pub fn chapter_number(self, label: &str) -> String {
        match (self, roman_value(label)) {
            (Zh, _) => format!("{}.", chinese_number(label)),
            (Ar, Some(n @ 1..=10)) => format!("{}-", AR_ORDINAL_ADVERBS[n as usize - 1]),
            (Ar, _) => format!("{label}-"),
            _ => format!("{label}."),
        }
    }

    /// A section's number as its heading prints it: "A.", "B."…; in Arabic the names of the
    /// letters in their traditional (abjad) order, "ألف-", "باء-", "جيم-", as UN Arabic documents
    /// letter sections.
    pub fn section_number(self, index: usize) -> String {
        match self {
            Ar => format!("{}-", arabic_letter_name(index)),
            _ => format!("{}.", latin_letter(index)),
        }
    }

    /// A heading's printed number read back, in a version that numbers its chapters or letters
    /// its sections its own way: "一." → "I.", "أولاً-" → "I.", "ألف-" → "A." (`chapter_number`
    /// and `section_number` printed for every number and compared; the longest that opens
    /// `text` wins, "十一." over "一."). Returns the printed number's length in bytes and the
    /// English one; `None` for numbers the version prints as English does ("I.", "A.").
    pub fn read_heading_number(text: &str) -> Option<(usize, String)> {
        // Every version's printed chapter and section numbers that differ from the English,
        // printed once (a PDF asks for each of its lines).
        static PRINTED: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
        let printed = PRINTED.get_or_init(|| {
            let mut out = Vec::new();
            for lang in Lang::ALL.into_iter().filter(|l| *l != En) {
                let chapters = (1..=50).map(|n| {
                    let label = crate::generate::roman(n);
                    (lang.chapter_number(&label), format!("{label}."))
                });
                let sections = (0..52).map(|i| (lang.section_number(i), format!("{}.", latin_letter(i))));
                out.extend(chapters.chain(sections).filter(|(printed, english)| printed != english));
            }
            out
        });
        let mut best: Option<(usize, String)> = None;
        for (printed, english) in printed {
            if text.starts_with(printed.as_str()) && best.as_ref().is_none_or(|(len, _)| printed.len() > *len) {
                best = Some((printed.len(), english.clone()));
            }
        }
        best
    }

    /// A sub-item's label as printed: the assembler's `english` one ("(a)", "(i)", "a.", "i."),
    /// except
    /// - in French and Spanish, whose first two levels close the parenthesis only ("a)", "i)"),
    ///   as the United Nations Editorial Manual prescribes for those versions ("Paragraphs and
    ///   subparagraphs": "French and Spanish: a), b), c)" and "i), ii), iii)");
    /// - in Arabic, whose first level is lettered in abjad order, "(أ)", "(ب)", "(ج)", "(د)",
    ///   "(هـ)"…, and whose second numbers in digits between single quotation marks, "'1'",
    ///   "'2'", as UN Arabic documents print the English "(i)", "(ii)" (from the Arabic versions of
    ///   General Assembly resolutions; unverified against a printed copy here).
    ///
    /// Ids never use this: they stay the same in every language.
    pub fn item_label(self, depth: usize, index: usize, english: String) -> String {
        match (self, depth % 4) {
            (Ar, 0) => {
                let letter = AR_ABJAD_LETTERS[index % AR_ABJAD_LETTERS.len()];
                format!("({})", letter.repeat(index / AR_ABJAD_LETTERS.len() + 1))
            }
            (Ar, 1) => format!("'{}'", index + 1),
            (Fr | Es, 0 | 1) => english.trim_start_matches('(').to_string(),
            _ => english,
        }
    }

    /// A numbered paragraph's number as printed: "1." — in Arabic "1 -", the number and a
    /// hyphen as UN Arabic documents number paragraphs (the same form as the chapter numbers,
    /// "أولاً-").
    pub fn paragraph_number(self, n: &str) -> String {
        match self {
            Ar => format!("{n} -"),
            _ => format!("{n}."),
        }
    }

    /// A paragraph number printed the way a version prints it read back ("1 -" in Arabic → 1;
    /// `paragraph_number` printed and compared). `None` for the "1." every other version prints.
    pub fn read_paragraph_number(text: &str) -> Option<u32> {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let n: u32 = digits.parse().ok()?;
        Lang::ALL
            .into_iter()
            .any(|lang| {
                let printed = lang.paragraph_number(&digits);
                printed != format!("{digits}.") && printed == text
            })
            .then_some(n)
    }

    /// A sub-item's label printed the way a version prints it read back ("(أ)", "'2'" in Arabic;
    /// `item_label` printed for the first two levels and compared): its level and index. `None`
    /// for the labels English prints ("(a)", "(i)").
    pub fn read_item_label(text: &str) -> Option<(usize, usize)> {
        // Every version's printed labels that differ from the English, printed once (the first
        // language, level and index to print a label keep it).
        static PRINTED: std::sync::OnceLock<std::collections::HashMap<String, (usize, usize)>> =
            std::sync::OnceLock::new();
        let printed = PRINTED.get_or_init(|| {
            let mut out = std::collections::HashMap::new();
            for lang in Lang::ALL {
                for depth in 0..2 {
                    for index in 0..(2 * AR_ABJAD_LETTERS.len()) {
                        let english = match depth {
                            0 => format!("({})", latin_letter(index).to_lowercase()),
                            _ => format!("({})", crate::generate::roman(index as u32 + 1).to_lowercase()),
                        };
                        let printed = lang.item_label(depth, index, english.clone());
                        if printed != english && printed.trim_start_matches('(') != english.trim_start_matches('(') {
                            out.entry(printed).or_insert((depth, index));
                        }
                    }
                }
            }
            out
        });
        printed.get(text).copied()
    }

    // ----- cross-references -----

    /// The wording of a cross-reference to one division or paragraph ("chapter I",
    /// "chapitre I", "第一章"). `kind` is the noun's English singular (`chapter`, `section`,
    /// `paragraph`, `annex`, …), `label` its number as the assembler gives it.
    pub fn reference(self, kind: &str, label: &str) -> String {
        match self {
            En => format!("{kind} {label}"),
            Zh => match kind {
                "chapter" => format!("第{}章", chinese_number(label)),
                "annex" => format!("附件{}", chinese_number(label)),
                "section" => format!("{label}节"),
                "paragraph" => format!("第{label}段"),
                _ => format!("{}{label}", self.noun(kind, false)),
            },
            Ar => match (kind, roman_value(label)) {
                ("chapter", Some(n @ 1..=10)) => format!("الفصل {}", AR_ORDINALS_MASCULINE[n as usize - 1]),
                ("section", _) if latin_index(label).is_some() => {
                    format!("الفرع {}", arabic_letter_name(latin_index(label).unwrap_or_default()))
                }
                ("annex", Some(n @ 1..=10)) => format!("المرفق {}", AR_ORDINALS_MASCULINE[n as usize - 1]),
                _ => format!("{} {label}", self.noun(kind, false)),
            },
            _ => format!("{} {label}", self.noun(kind, false)),
        }
    }

    /// The wording of a cross-reference to a range ("chapters II–VI", "paragraphes 18 à 22",
    /// "第二至第六章"). `pair` is true for two consecutive numbers ("2 and 3").
    pub fn reference_range(self, kind: &str, first: &str, last: &str, pair: bool) -> String {
        match self {
            En => {
                let joined = if pair { format!("{first} and {last}") } else { format!("{first}\u{2013}{last}") };
                format!("{kind}s {joined}")
            }
            Zh => {
                let link = if pair { "和" } else { "至" };
                match kind {
                    "chapter" => format!("第{}{link}第{}章", chinese_number(first), chinese_number(last)),
                    "paragraph" => format!("第{first}{link}{last}段"),
                    "annex" => format!("附件{}{link}{}", chinese_number(first), chinese_number(last)),
                    _ => format!("{}{first}{link}{last}", self.noun(kind, true)),
                }
            }
            _ => {
                // French "18 à 22", Spanish "18 a 22" (the languages' editorial rules write ranges
                // in words in running text); Russian and Arabic keep the en dash.
                let joined = match (self, pair) {
                    (_, true) => format!("{first}{}{last}", self.and_word()),
                    (Fr, false) => format!("{first} à {last}"),
                    (Es, false) => format!("{first} a {last}"),
                    _ => format!("{first}\u{2013}{last}"),
                };
                format!("{} {joined}", self.noun(kind, true))
            }
        }
    }

    /// The noun of a cross-reference in the nominative (Russian case endings after a preposition
    /// are the translator's: a generated reference prints the nominative).
    fn noun(self, kind: &str, plural: bool) -> &'static str {
        let [singular, many] = match (self, kind) {
            (Fr, "chapter") => ["chapitre", "chapitres"],
            (Fr, "section") => ["section", "sections"],
            (Fr, "paragraph") => ["paragraphe", "paragraphes"],
            (Fr, "annex") => ["annexe", "annexes"],
            (Fr, "table") => ["tableau", "tableaux"],
            (Fr, "decision") => ["décision", "décisions"],
            (Fr, _) => ["partie", "parties"],
            (Es, "chapter") => ["capítulo", "capítulos"],
            (Es, "section") => ["sección", "secciones"],
            (Es, "paragraph") => ["párrafo", "párrafos"],
            (Es, "annex") => ["anexo", "anexos"],
            (Es, "table") => ["cuadro", "cuadros"],
            (Es, "decision") => ["decisión", "decisiones"],
            (Es, _) => ["parte", "partes"],
            (Ru, "chapter") => ["глава", "главы"],
            (Ru, "section") => ["раздел", "разделы"],
            (Ru, "paragraph") => ["пункт", "пункты"],
            (Ru, "annex") => ["приложение", "приложения"],
            (Ru, "table") => ["таблица", "таблицы"],
            (Ru, "decision") => ["решение", "решения"],
            (Ru, _) => ["часть", "части"],
            (Ar, "chapter") => ["الفصل", "الفصول"],
            (Ar, "section") => ["الفرع", "الفروع"],
            (Ar, "paragraph") => ["الفقرة", "الفقرات"],
            (Ar, "annex") => ["المرفق", "المرفقات"],
            (Ar, "table") => ["الجدول", "الجداول"],
            (Ar, "decision") => ["المقرر", "المقررات"],
            (Ar, _) => ["الجزء", "الأجزاء"],
            (Zh, "table") => ["表", "表"],
            (Zh, "decision") => ["决定", "决定"],
            (Zh, _) => ["部分", "部分"],
            (En, _) => ["", ""],
        };
        if plural { many } else { singular }
    }

    // ----- citations -----

    /// The words of a structured citation in this language.
    pub fn citation_words(self) -> &'static CitationWords {
        match self {
            En => &CitationWords {
                publisher: "United Nations, ",
                series: "Treaty Series",
                series_italic: true,
                vol_no: ", vol. {vol}, No. {no}.",
                ibid: "Ibid.",
                ibid_italic: true,
                sales: "United Nations publication, Sales No. {no}.",
                sales_letter: 'E',
            },
            // "Nations Unies, *Recueil des Traités*, vol. 2237, no 39574." (no: the abbreviation
            // of *numéro*, printed here without its superscript o, as the plain text of UN French
            // documents shows it); "Publication des Nations Unies, numéro de vente : F.09.V.5."
            Fr => &CitationWords {
                publisher: "Nations Unies, ",
                series: "Recueil des Traités",
                series_italic: true,
                vol_no: ", vol. {vol}, no {no}.",
                ibid: "Ibid.",
                ibid_italic: true,
                sales: "Publication des Nations Unies, numéro de vente\u{202F}: {no}.",
                sales_letter: 'F',
            },
            // The Spanish service cites the series by its English title (there is no Spanish
            // edition): "Naciones Unidas, *Treaty Series*, vol. 2237, núm. 39574."
            Es => &CitationWords {
                publisher: "Naciones Unidas, ",
                series: "Treaty Series",
                series_italic: true,
                vol_no: ", vol. {vol}, núm. {no}.",
                ibid: "Ibid.",
                ibid_italic: true,
                sales: "Publicación de las Naciones Unidas, núm. de venta: {no}.",
                sales_letter: 'S',
            },
            // The Russian service cites the series in English, as published: "United Nations,
            // *Treaty Series*, vol. 2237, No. 39574."; "Там же" for ibid.
            Ru => &CitationWords {
                publisher: "United Nations, ",
                series: "Treaty Series",
                series_italic: true,
                vol_no: ", vol. {vol}, No. {no}.",
                ibid: "Там же",
                ibid_italic: false,
                sales: "Издание Организации Объединенных Наций, в продаже под № {no}.",
                sales_letter: 'R',
            },
            // Chinese: book-title marks instead of italics, full-width punctuation.
            Zh => &CitationWords {
                publisher: "联合国，",
                series: "《条约汇编》",
                series_italic: false,
                vol_no: "，第{vol}卷，第{no}号。",
                ibid: "同上",
                ibid_italic: false,
                sales: "联合国出版物，出售品编号：{no}。",
                sales_letter: 'C',
            },
            // Arabic: no italics; the Arabic comma.
            Ar => &CitationWords {
                publisher: "الأمم المتحدة، ",
                series: "مجموعة المعاهدات",
                series_italic: false,
                vol_no: "، المجلد {vol}، الرقم {no}.",
                ibid: "المرجع نفسه",
                ibid_italic: false,
                sales: "منشورات الأمم المتحدة، رقم المبيع {no}.",
                sales_letter: 'A',
            },
        }
    }
}

/// The words of the structured citations (`cite: unts`, `cite: sales`) in one language.
#[derive(Debug)]
pub struct CitationWords {
    /// Before the series' title: "United Nations, ".
    pub publisher: &'static str,
    /// The title of the Treaty Series.
    pub series: &'static str,
    pub series_italic: bool,
    /// After the title, `{vol}` and `{no}` filled in: ", vol. 2237, No. 39574.".
    pub vol_no: &'static str,
    /// "Ibid." and whether it is italic.
    pub ibid: &'static str,
    pub ibid_italic: bool,
    /// The whole citation of a UN publication, `{no}` filled in.
    pub sales: &'static str,
    /// The letter of this language's edition in a Sales number: E.09.V.5 is the English edition,
    /// F.09.V.5 the French one (the language letters of UN Sales numbers: A, C, E, F, R, S).
    pub sales_letter: char,
}

impl CitationWords {
    /// ", vol. 2237, No. 39574." for this language.
    pub fn vol_no(&self, vol: impl std::fmt::Display, no: &str) -> String {
        self.vol_no.replace("{vol}", &vol.to_string()).replace("{no}", no)
    }

    /// The Sales number of this language's edition: an English edition's "E.09.V.5" becomes
    /// "F.09.V.5" in French; any other number is cited as given.
    pub fn sales_number(&self, no: &str) -> String {
        match no.strip_prefix("E.") {
            Some(rest) => format!("{}.{rest}", self.sales_letter),
            None => no.to_string(),
        }
    }

    /// "United Nations publication, Sales No. E.09.V.5."
    pub fn sales(&self, no: &str) -> String {
        self.sales.replace("{no}", &self.sales_number(no))
    }
}

/// The Arabic feminine ordinals, first to tenth (*الجلسة الأولى*).
const AR_ORDINALS_FEMININE: [&str; 10] =
    ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة", "العاشرة"];

/// The Arabic masculine ordinals, first to tenth (*الفصل الأول*).
const AR_ORDINALS_MASCULINE: [&str; 10] =
    ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"];

/// Arabic ordinal adverbs, first to tenth, which number chapters (*أولاً*).
const AR_ORDINAL_ADVERBS: [&str; 10] =
    ["أولاً", "ثانياً", "ثالثاً", "رابعاً", "خامساً", "سادساً", "سابعاً", "ثامناً", "تاسعاً", "عاشراً"];

/// The names of the Arabic letters in abjad order, which letter sections in UN Arabic documents.
const AR_LETTER_NAMES: [&str; 28] = [
    "ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام", "ميم", "نون", "سين", "عين",
    "فاء", "صاد", "قاف", "راء", "شين", "تاء", "ثاء", "خاء", "ذال", "ضاد", "ظاء", "غين",
];

/// The Arabic letters in abjad order, as sub-items are lettered (هـ with its tail, as printed
/// alone).
const AR_ABJAD_LETTERS: [&str; 28] = [
    "أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث",
    "خ", "ذ", "ض", "ظ", "غ",
];

/// The Arabic name of the section letter at `index` (0 → "ألف"); doubled past the alphabet.
fn arabic_letter_name(index: usize) -> String {
    let name = AR_LETTER_NAMES[index % AR_LETTER_NAMES.len()];
    if index < AR_LETTER_NAMES.len() { name.to_string() } else { format!("{name} {name}") }
}

/// "A" for 0, "Z" for 25, "AA" for 26 (as the assembler letters sections).
fn latin_letter(index: usize) -> String {
    let letter = (b'A' + (index % 26) as u8) as char;
    letter.to_string().repeat(index / 26 + 1)
}

/// The index of a section's letter label ("A" → 0, "AA" → 26).
fn latin_index(label: &str) -> Option<usize> {
    let first = label.chars().next()?;
    if !first.is_ascii_uppercase() || label.chars().any(|c| c != first) {
        return None;
    }
    Some((first as u8 - b'A') as usize + 26 * (label.len() - 1))
}

/// Whether a Spanish word starts with the sound /i/ (i-, hi-, but not hie-, hia-), before which
/// "y" becomes "e". Generated lists are markup: a marked name `{org:id|Italia}` is read after `|`.
fn spanish_i_sound(item: &str) -> bool {
    let visible = match item.strip_prefix('{').and_then(|rest| rest.split_once('|')) {
        Some((_, name)) => name,
        None => item,
    };
    let lower = visible.to_lowercase();
    let rest = lower.strip_prefix('h').unwrap_or(&lower);
    (rest.starts_with('i') || rest.starts_with('í')) && !(lower.starts_with("hie") || lower.starts_with("hia"))
}

/// The value of a roman numeral label ("IV" → 4) or of a figure ("12").
fn roman_value(label: &str) -> Option<u32> {
    label.parse().ok().or_else(|| crate::generate::from_roman(label))
}

/// A chapter or annex number in Chinese numerals, as UN Chinese documents number chapters
/// ("第一章", "附件二"): a roman or arabic label up to 99; anything else as given.
pub fn chinese_number(label: &str) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match roman_value(label) {
        Some(n @ 1..=9) => DIGITS[n as usize].to_string(),
        Some(10) => "十".into(),
        Some(n @ 11..=19) => format!("十{}", DIGITS[(n % 10) as usize]),
        Some(n @ 20..=99) => {
            let ones = if n % 10 == 0 { "" } else { DIGITS[(n % 10) as usize] };
            format!("{}十{ones}", DIGITS[(n / 10) as usize])
        }
        _ => label.to_string(),
    }
}

/// The language a build is for, with the original it is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    /// The language of this version.
    pub lang: Lang,
    /// The language of the original (the session's `language:`).
    pub original: Lang,
    /// Whether this version is the original as the session has always built it: every generated
    /// word exactly as before languages existed (the session's own templates, lists in the order
    /// recorded, names as written).
    pub is_original: bool,
}

impl Version {
    /// The version a session builds by default: its own language (English when the session's
    /// `language:` is not one of the six).
    pub fn original_of(session: &crate::session::Session) -> Version {
        let original = Lang::parse(&session.language).unwrap_or(En);
        Version { lang: original, original, is_original: true }
    }

    /// The version of `session` in `lang` (the original itself when `lang` is its language).
    pub fn of(session: &crate::session::Session, lang: Lang) -> Version {
        let original = Version::original_of(session);
        if lang == original.lang { original } else { Version { lang, original: original.original, is_original: false } }
    }
}

/// Printed text as the parsers compare it with what the printers print (`lang::dates`,
/// `Lang::read_*`): no-break spaces are spaces, runs of spaces one, a space before a colon is not
/// counted ("Original : anglais" as a PDF's text may give it), and Chinese is glued (a PDF's
/// text may space "2018 年 10 月" out).
pub(crate) fn comparable(s: &str) -> String {
    let words = s.split_whitespace().flat_map(|w| w.split(['\u{a0}', '\u{202f}'])).filter(|w| !w.is_empty());
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '，';
    let mut out = String::new();
    for w in words {
        let glued = out.chars().last().is_some_and(cjk) || w.starts_with(cjk) || w.starts_with(':');
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The masthead's lines, printed in each language, read back to the same data.
    #[test]
    fn heading_numbers_are_read_back_in_every_language() {
        for lang in Lang::ALL {
            for n in 1..=50 {
                let label = crate::generate::roman(n);
                let printed = format!("{} Title", lang.chapter_number(&label));
                let read =
                    Lang::read_heading_number(&printed).map(|(len, english)| (printed[len..].to_string(), english));
                let expected =
                    (printed != format!("{label}. Title")).then(|| (" Title".to_string(), format!("{label}.")));
                assert_eq!(read, expected, "{lang:?} chapter {n}");
            }
            for i in 0..26 {
                let printed = lang.section_number(i);
                let english = format!("{}.", (b'A' + i as u8) as char);
                let read = Lang::read_heading_number(&printed).map(|(_, e)| e);
                assert_eq!(read, (printed != english).then_some(english), "{lang:?} section {i}");
            }
        }
        assert_eq!(Lang::read_heading_number("十一. 标题"), Some(("十一.".len(), "XI.".to_string())));
        assert_eq!(Lang::read_heading_number("一般性辩论"), None);
    }

    #[test]
    fn vote_labels_are_read_back_in_every_language() {
        for lang in Lang::ALL {
            for label in &lang.vote_labels()[..3] {
                let printed = format!("{label}{}", lang.colon());
                assert_eq!(Lang::read_vote_label(&format!("{printed}名单")), Some(printed.len()), "{lang:?}");
            }
        }
        assert_eq!(Lang::read_vote_label("赞成票"), None);
    }

    #[test]
    fn paragraph_numbers_and_item_labels_are_read_back_in_every_language() {
        for lang in Lang::ALL {
            for n in [1u32, 9, 10, 123] {
                let printed = lang.paragraph_number(&n.to_string());
                let expected = (printed != format!("{n}.")).then_some(n);
                assert_eq!(Lang::read_paragraph_number(&printed), expected, "{lang:?} {printed}");
            }
            for depth in 0..2 {
                for index in 0..30 {
                    let english = match depth {
                        0 => format!("({})", latin_letter(index).to_lowercase()),
                        _ => format!("({})", crate::generate::roman(index as u32 + 1).to_lowercase()),
                    };
                    let printed = lang.item_label(depth, index, english.clone());
                    let own = printed != english && printed.trim_start_matches('(') != english.trim_start_matches('(');
                    let read = Lang::read_item_label(&printed);
                    if own {
                        assert_eq!(read, Some((depth, index)), "{lang:?} {printed}");
                    } else {
                        assert_eq!(read, None, "{lang:?} {printed}");
                    }
                }
            }
        }
        assert_eq!(Lang::read_paragraph_number("1."), None);
    }

    #[test]
    fn decision_labels_with_the_number_inside_are_read_back() {
        use crate::session::DecisionKind::{Decision, Resolution};
        for lang in Lang::ALL {
            for (kind, english) in [(Decision, "Decision"), (Resolution, "Resolution")] {
                for number in ["9/1", "4", "6/CMA.4"] {
                    let printed = lang.decision_label(kind, false, number).unwrap();
                    let inside = lang == Lang::Zh;
                    let read = Lang::read_decision_label(&format!("{printed} title"));
                    let expected = inside.then(|| (printed.len(), format!("{english} {number}")));
                    assert_eq!(read, expected, "{lang:?} {printed}");
                }
            }
        }
    }

    #[test]
    fn masthead_lines_read_back_as_printed() {
        for lang in Lang::ALL {
            let block = if lang.english_distribution_block() { En } else { lang };
            for english in ["General", "Limited", "Restricted"] {
                let line = format!("{}{}", lang.distribution_label(), lang.distribution(english));
                assert_eq!(Lang::read_distribution(&line), Some((block, english)), "{line}");
            }
            for of in Lang::ALL {
                let line = format!("{}{}", lang.original_label(), lang.language_name(of));
                assert_eq!(Lang::read_original(&line), Some((block, of)), "{line}");
            }
        }
        assert_eq!(Lang::read_original("Original : anglais"), Some((Fr, En)));
        assert_eq!(Lang::read_distribution("Distr. générale"), Some((Fr, "General")));
        assert_eq!(Lang::read_version_line("Español"), Some(Es));
        assert_eq!(Lang::read_distribution("Distr.: Everyone"), None);
    }

    fn list(lang: Lang, items: &[&str]) -> String {
        lang.join(&items.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn codes_and_names() {
        assert_eq!(Lang::parse("fr-FR"), Some(Fr));
        assert_eq!(Lang::parse("zh-Hans"), Some(Zh));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::from_english_name("English"), Some(En));
        assert_eq!(Fr.language_name(En), "anglais");
        assert_eq!(Es.language_name(En), "inglés");
        assert_eq!(Ru.language_name(En), "English");
    }

    #[test]
    fn lists_in_six_languages() {
        assert_eq!(list(En, &["A", "B", "C"]), "A, B and C");
        assert_eq!(list(Fr, &["A", "B", "C"]), "A, B et C");
        assert_eq!(list(Es, &["A", "B", "C"]), "A, B y C");
        assert_eq!(list(Es, &["Francia", "Italia"]), "Francia e Italia");
        assert_eq!(list(Es, &["Francia", "{org:india|India}"]), "Francia e {org:india|India}");
        assert_eq!(list(Es, &["Francia", "Hierro"]), "Francia y Hierro");
        assert_eq!(list(Ru, &["A", "B", "C"]), "A, B и C");
        assert_eq!(list(Zh, &["中国", "日本", "泰国"]), "中国、日本和泰国");
        assert_eq!(list(Ar, &["الصين", "اليابان", "تايلند"]), "الصين، اليابان وتايلند");
    }

    #[test]
    fn ordinals_and_references() {
        assert_eq!(Fr.ordinal(1), "1re");
        assert_eq!(Fr.ordinal(2), "2e");
        assert_eq!(Es.ordinal(3), "3ª");
        assert_eq!(Ar.ordinal(1), "الأولى");
        assert_eq!(Fr.reference("chapter", "I"), "chapitre I");
        assert_eq!(Fr.reference_range("chapter", "II", "VI", false), "chapitres II à VI");
        assert_eq!(Es.reference_range("paragraph", "2", "3", true), "párrafos 2 y 3");
        assert_eq!(Zh.reference("chapter", "I"), "第一章");
        assert_eq!(Zh.reference_range("chapter", "II", "VI", false), "第二至第六章");
        assert_eq!(Zh.reference("paragraph", "12"), "第12段");
        assert_eq!(Ar.reference("chapter", "I"), "الفصل الأول");
        assert_eq!(chinese_number("XIV"), "十四");
        assert_eq!(Zh.chapter_number("III"), "三.");
        assert_eq!(Ar.chapter_number("II"), "ثانياً-");
        assert_eq!(Ar.section_number(2), "جيم-");
        assert_eq!(Ar.reference("section", "B"), "الفرع باء");
        assert_eq!(En.section_number(27), "BB.");
        assert_eq!(Fr.chapter_number("IV"), "IV.");
        assert_eq!(Ar.item_label(0, 4, "(e)".into()), "(هـ)");
        assert_eq!(Ar.item_label(1, 0, "(i)".into()), "'1'");
        assert_eq!(Ar.item_label(2, 0, "a.".into()), "a.");
        assert_eq!(Fr.item_label(0, 0, "(a)".into()), "a)");
        assert_eq!(Es.item_label(1, 2, "(iii)".into()), "iii)");
        assert_eq!(Ru.item_label(0, 0, "(a)".into()), "(a)");
        assert_eq!(Ar.paragraph_number("12"), "12 -");
        assert_eq!(Fr.paragraph_number("12"), "12.");
        assert_eq!(
            Zh.decision_label(crate::session::DecisionKind::Resolution, true, "I").as_deref(),
            Some("决议草案一")
        );
        assert_eq!(
            Fr.decision_label(crate::session::DecisionKind::Decision, true, "").as_deref(),
            Some("Projet de décision")
        );
        assert_eq!(En.decision_label(crate::session::DecisionKind::Decision, false, ""), None);
        assert_eq!(chinese_number("XX"), "二十");
    }

    #[test]
    fn sales_numbers_follow_the_edition() {
        assert_eq!(
            Fr.citation_words().sales("E.09.V.5"),
            "Publication des Nations Unies, numéro de vente\u{202F}: F.09.V.5."
        );
        assert_eq!(En.citation_words().sales("E.09.V.5"), "United Nations publication, Sales No. E.09.V.5.");
        assert_eq!(Es.citation_words().sales_number("GV.E.98.0.1"), "GV.E.98.0.1");
    }
}
