//! A written agreement as a PDF, made on the device with no network: A4
//! pages in Helvetica, one of the fonts every PDF reader carries (so none is
//! embedded), its text in Windows-1252, which holds every letter of Spanish.
//! Lines wrap by Helvetica's own glyph widths.

use campo_core::agreement::Agreement;
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str, TextStr};

const PAGE: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 56.0;
const TITLE_SIZE: f32 = 16.0;
const HEADING_SIZE: f32 = 12.0;
const TEXT_SIZE: f32 = 10.5;

/// How wide `c` is in Helvetica, in thousandths of the font size (its AFM
/// metrics); bold runs about 5 % wider, which [`wrap`] allows for.
fn width(c: char) -> u32 {
    match c {
        ' ' | '.' | ',' | ':' | ';' | '!' | '/' | 'f' | 't' | 'I' | 'í' | 'Í' | '·' | '¡' => 278,
        'i' | 'j' | 'l' => 222,
        'r' | '(' | ')' | '-' => 333,
        'c' | 'k' | 's' | 'v' | 'x' | 'y' | 'z' | 'J' => 500,
        'm' | 'M' => 833,
        'w' | 'C' | 'D' | 'H' | 'N' | 'R' | 'U' | 'Ñ' | 'Ú' => 722,
        'F' | 'T' | 'Z' | '¿' => 611,
        'G' | 'O' | 'Q' | 'Ó' => 778,
        'A' | 'B' | 'E' | 'K' | 'P' | 'S' | 'V' | 'X' | 'Y' | 'Á' | 'É' | '&' => 667,
        'L' => 556,
        'W' => 944,
        '%' => 889,
        '—' => 1000,
        _ => 556,
    }
}

/// `text` in lines no wider than `room` points at `size`, broken between words.
fn wrap(text: &str, size: f32, room: f32) -> Vec<String> {
    let fits = |line: &str| line.chars().map(width).sum::<u32>() as f32 * size * 1.05 / 1000.0 <= room;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if fits(&candidate) || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        }
    }
    lines.push(line);
    lines
}

/// `text` in Windows-1252: Latin-1 letters as they are, the few typographic
/// marks where that code page keeps them, anything else as "?".
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' | '\u{a0}'..='\u{ff}' => c as u8,
            '—' => 0x97,
            '–' => 0x96,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '…' => 0x85,
            '€' => 0x80,
            '−' => b'-',
            _ => b'?',
        })
        .collect()
}

/// One line to set: its font (bold or not), size, and the space above it.
struct Line {
    bold: bool,
    size: f32,
    above: f32,
    text: String,
}

/// `agreement` as the bytes of a PDF file.
pub fn agreement_pdf(agreement: &Agreement) -> Vec<u8> {
    let room = PAGE.0 - 2.0 * MARGIN;
    let mut lines = vec![Line { bold: true, size: TITLE_SIZE, above: 0.0, text: agreement.title.clone() }];
    for section in &agreement.sections {
        for (i, text) in wrap(&section.heading, HEADING_SIZE, room).into_iter().enumerate() {
            lines.push(Line { bold: true, size: HEADING_SIZE, above: if i == 0 { 14.0 } else { 0.0 }, text });
        }
        for sentence in &section.lines {
            for (i, text) in wrap(sentence, TEXT_SIZE, room).into_iter().enumerate() {
                lines.push(Line { bold: false, size: TEXT_SIZE, above: if i == 0 { 3.0 } else { 0.0 }, text });
            }
        }
    }

    // Pages: each a content stream of the lines that fit.
    let mut pages: Vec<Content> = Vec::new();
    let mut content = Content::new();
    let mut y = PAGE.1 - MARGIN;
    for line in &lines {
        let step = line.above + line.size * 1.35;
        if y - step < MARGIN {
            pages.push(std::mem::replace(&mut content, Content::new()));
            y = PAGE.1 - MARGIN;
        }
        y -= step;
        content
            .begin_text()
            .set_font(Name(if line.bold { b"F2" } else { b"F1" }), line.size)
            .next_line(MARGIN, y)
            .show(Str(&win_ansi(&line.text)))
            .end_text();
    }
    pages.push(content);

    let (catalog, tree, regular, bold, info) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4), Ref::new(5));
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    let page_ids: Vec<Ref> = (0..pages.len()).map(|i| Ref::new(6 + 2 * i as i32)).collect();
    pdf.pages(tree).kids(page_ids.iter().copied()).count(pages.len() as i32);
    for (i, content) in pages.into_iter().enumerate() {
        let (page, stream) = (page_ids[i], Ref::new(7 + 2 * i as i32));
        let mut writer = pdf.page(page);
        writer.parent(tree).media_box(Rect::new(0.0, 0.0, PAGE.0, PAGE.1)).contents(stream);
        writer.resources().fonts().pair(Name(b"F1"), regular).pair(Name(b"F2"), bold);
        drop(writer);
        pdf.stream(stream, &content.finish());
    }
    for (id, font) in [(regular, b"Helvetica".as_slice()), (bold, b"Helvetica-Bold".as_slice())] {
        pdf.type1_font(id).base_font(Name(font)).encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    pdf.document_info(info).title(TextStr(&agreement.title)).creator(TextStr("Campo"));
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use campo_core::agreement::Section;

    use super::*;

    #[test]
    fn lines_wrap_between_words_within_the_page() {
        let sentence = "Paga directamente a Banco del Centro: BBVA, convenio CIE 1234567, con la referencia TC-000123, \
                        en ventanilla, por SPEI o en cualquier tienda que reciba pagos del banco.";
        let lines = wrap(sentence, TEXT_SIZE, PAGE.0 - 2.0 * MARGIN);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), sentence, "nothing lost, nothing added");
        assert!(lines.iter().all(|l| l.chars().map(width).sum::<u32>() as f32 * TEXT_SIZE / 1000.0 < 483.0));
        assert_eq!(win_ansi("Más pagos — ¿sí? Ñandú"), b"M\xe1s pagos \x97 \xbfs\xed? \xd1and\xfa");
    }

    #[test]
    fn an_agreement_becomes_a_pdf_with_its_text_and_more_pages_for_what_does_not_fit() {
        let sections = (1..=40)
            .map(|n| Section { heading: format!("Parte {n}"), lines: vec![format!("Pago {n} de 40: $333.33.")] })
            .collect();
        let pdf = agreement_pdf(&Agreement { title: "Convenio de pago".into(), sections });
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("(Pago 40 de 40: $333.33.)"), "the text is in the content streams");
        // Forty parts of about 47 points each, on pages with 730 points to write on.
        assert!(text.contains("/Count 3"), "three pages: {text}");
    }
}
