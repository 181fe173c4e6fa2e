//! Team names as a room keeps and compares them: "Victim" and "Vic\u{200B}tim" look the same
//! on the facilitator's screen, so they must be the same name. A name is cleaned of
//! invisible characters (controls, zero-width and bidirectional marks, soft hyphens), its runs
//! of spaces made one, and its accented Latin letters composed (NFC for the letters a team
//! name is typed with: a letter and a combining accent become the one precomposed letter).
//! This is a small normalisation of our own: full Unicode normalisation tables would be a
//! large dependency for a name of at most 40 characters.

/// Combining accents and the precomposed letters they make with a base letter, as
/// `(accent, bases, composed)`: `bases[i]` with `accent` is `composed[i]`.
const COMPOSED: &[(char, &str, &str)] = &[
    ('\u{300}', "AEIOUaeiou", "ÀÈÌÒÙàèìòù"),
    ('\u{301}', "AEIOUYaeiouyCcNnSsZz", "ÁÉÍÓÚÝáéíóúýĆćŃńŚśŹź"),
    ('\u{302}', "AEIOUaeiou", "ÂÊÎÔÛâêîôû"),
    ('\u{303}', "ANOano", "ÃÑÕãñõ"),
    ('\u{308}', "AEIOUYaeiouy", "ÄËÏÖÜŸäëïöüÿ"),
    ('\u{30A}', "AUau", "ÅŮåů"),
    ('\u{327}', "CcSs", "ÇçŞş"),
    ('\u{30C}', "CcSsZzEeRrNn", "ČčŠšŽžĚěŘřŇň"),
];

/// Whether a character shows nothing (or only moves text about): it is dropped from names.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{AD}'                    // soft hyphen
            | '\u{34F}'                 // combining grapheme joiner
            | '\u{61C}'                 // Arabic letter mark
            | '\u{115F}' | '\u{1160}'   // Hangul fillers
            | '\u{180E}'                // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}'   // zero-width space, joiners, direction marks
            | '\u{202A}'..='\u{202E}'   // bidirectional embeddings and overrides
            | '\u{2060}'..='\u{206F}'   // word joiner, invisible operators, isolates
            | '\u{3164}'                // Hangul filler
            | '\u{FE00}'..='\u{FE0F}'   // variation selectors
            | '\u{FEFF}'                // byte order mark
            | '\u{FFA0}'                // halfwidth Hangul filler
        )
}

/// A team's name as the room keeps it: invisible characters out, spaces of any kind made
/// one space, trimmed, accented letters composed.
pub fn clean(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if invisible(c) {
            continue;
        }
        if let Some(composed) = out
            .chars()
            .last()
            .filter(|_| !space)
            .and_then(|base| compose(base, c))
        {
            out.pop();
            out.push(composed);
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The precomposed letter `base` and the combining `accent` make, if it is one of ours.
fn compose(base: char, accent: char) -> Option<char> {
    let (_, bases, composed) = COMPOSED.iter().find(|(a, _, _)| *a == accent)?;
    let at = bases.chars().position(|b| b == base)?;
    composed.chars().nth(at)
}

/// Whether two names are the same team's: cleaned, without regard to case.
pub fn same(a: &str, b: &str) -> bool {
    clean(a).to_lowercase() == clean(b).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_look_the_same_are_the_same() {
        assert!(same("Victim", "Vic\u{200B}tim"));
        assert!(same("Victim", " victim\u{FEFF} "));
        assert!(same("Ren\u{E9}", "Rene\u{301}"));
        assert!(same("Night  Owls", "Night\u{A0}Owls"));
        assert!(same("abc", "a\u{202E}bc"));
        assert!(!same("Rene", "René"));
        assert!(!same("Night Owls", "NightOwls"));
    }

    #[test]
    fn a_clean_name_keeps_what_shows() {
        assert_eq!(clean("  Night \t Owls\u{200D} "), "Night Owls");
        assert_eq!(clean("Cafe\u{301} Cre\u{300}me"), "Café Crème");
        assert_eq!(clean("日本 チーム"), "日本 チーム");
        assert_eq!(clean("\u{200B}\u{2060}"), "");
        assert_eq!(clean("e\u{301}\u{301}"), "é\u{301}", "one accent composes");
    }
}
