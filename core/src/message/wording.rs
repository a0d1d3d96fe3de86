//! Words a message to a debtor never uses: those of a court, the police or
//! a threat. Collection must not pose as an authority nor intimidate
//! (CONDUSEF's provisions for collection agencies; Ley 29571 art. 62). An
//! admin's template is refused for them, and so is a message whose filled-in
//! values carry them.

/// The start of each word refused, folded (lowercase, no accents): a word
/// beginning so is refused in any form ("demanda", "demandaremos").
const PRESSURE: [&str; 19] = [
    "juzgad",
    "juez",
    "jueces",
    "tribunal",
    "demand",
    "embarg",
    "carcel",
    "prision",
    "presidio",
    "policia",
    "ministerio publico",
    "fiscal",
    "aprehen",
    "arrest",
    "denunci",
    "advert",
    "consecuencias legales",
    "boletin",
    "ultimo aviso",
];

/// The first refused word in `text`, as `text` writes it.
pub(super) fn pressure(text: &str) -> Option<String> {
    let original: Vec<char> = text.chars().collect();
    let folded = Folded::of(&original);
    let (start, stem) =
        PRESSURE.iter().filter_map(|stem| folded.word_start(stem).map(|at| (at, *stem))).min_by_key(|(at, _)| *at)?;
    let first = folded.origin[start];
    let last = folded.origin[start + stem.chars().count() - 1];
    // The whole word as written, though only its start was matched.
    let end = (last + 1..original.len()).find(|&i| !original[i].is_alphanumeric()).unwrap_or(original.len());
    Some(original[first..end].iter().collect())
}

/// Text as the check reads it: lowercase, without accents, without the
/// invisible characters that could split a word, with every run of spaces
/// one space; and where each of its characters came from.
struct Folded {
    chars: Vec<char>,
    origin: Vec<usize>,
}

impl Folded {
    fn of(original: &[char]) -> Self {
        let mut folded = Self { chars: Vec::new(), origin: Vec::new() };
        for (i, &c) in original.iter().enumerate() {
            if invisible(c) {
                continue;
            }
            let c = if c.is_whitespace() { ' ' } else { fold(c) };
            if c == ' ' && folded.chars.last() == Some(&' ') {
                continue;
            }
            folded.chars.push(c);
            folded.origin.push(i);
        }
        folded
    }

    /// Where a word starting with `stem` begins.
    fn word_start(&self, stem: &str) -> Option<usize> {
        let stem: Vec<char> = stem.chars().collect();
        (0..self.chars.len())
            .find(|&at| self.chars[at..].starts_with(&stem) && (at == 0 || !self.chars[at - 1].is_alphanumeric()))
    }
}

/// Combining accents (a decomposed "á" is "a" and one of them) and the
/// zero-width characters and soft hyphen that show nothing.
fn invisible(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// A character in lowercase without its accent.
fn fold(c: char) -> char {
    match c.to_lowercase().next().unwrap_or(c) {
        'á' | 'à' | 'ä' | 'â' => 'a',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' => 'o',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        lower => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::pressure;

    #[test]
    fn a_word_of_a_court_or_a_threat_is_found_however_it_is_written() {
        let found = |text: &str| pressure(text);
        assert_eq!(found("Le ofrecemos opciones de pago."), None);
        assert_eq!(found("Procederemos con la DEMANDA ante el Juzgado."), Some("DEMANDA".into()));
        assert_eq!(found("Evite la cárcel"), Some("cárcel".into()));
        assert_eq!(found("denunciaremos el caso"), Some("denunciaremos".into()));
        assert_eq!(found("los jueces decidirán"), Some("jueces".into()));
        assert_eq!(found("tribunales"), Some("tribunales".into()));
        assert_eq!(found("em\u{200B}bargo"), Some("em\u{200B}bargo".into()), "a zero-width space");
        assert_eq!(found("ca\u{301}rcel"), Some("ca\u{301}rcel".into()), "a combining accent");
        assert_eq!(found("el ministerio  público"), Some("ministerio  público".into()), "two spaces");
        assert_eq!(found("el ministerio\u{a0}público"), Some("ministerio\u{a0}público".into()), "a no-break space");
        assert_eq!(found("Le advertimos"), Some("advertimos".into()));
        // Only at a word's start: "recomendamos" holds no "demand".
        assert_eq!(found("le recomendamos pagar en tienda"), None);
    }
}
