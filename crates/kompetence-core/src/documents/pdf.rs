//! A small A4 page writer on top of `printpdf`: headings, wrapped paragraphs and table rows,
//! with DejaVu Serif embedded so Danish letters (æ, ø, å) print and extract correctly.
use printpdf::{IndirectFontRef, Line, Mm, PdfDocument, PdfDocumentReference, PdfLayerReference, Point};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif-Bold.ttf");

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 20.0;
/// Millimetres per typographic point.
const PT: f32 = 0.3528;
/// DejaVu Serif's mean advance is a little over half an em; wrapping errs on the safe side.
const MEAN_ADVANCE_EM: f32 = 0.56;

pub struct PdfWriter {
    doc: PdfDocumentReference,
    regular: IndirectFontRef,
    bold: IndirectFontRef,
    layer: PdfLayerReference,
    /// Distance of the next baseline from the page's bottom edge, in mm.
    y: f32,
}

impl PdfWriter {
    pub fn new(title: &str) -> anyhow::Result<Self> {
        let (doc, page, layer) = PdfDocument::new(title, Mm(PAGE_W), Mm(PAGE_H), "1");
        let regular = doc.add_external_font(REGULAR)?;
        let bold = doc.add_external_font(BOLD)?;
        let layer = doc.get_page(page).get_layer(layer);
        Ok(Self { doc, regular, bold, layer, y: PAGE_H - MARGIN })
    }

    fn ensure_room(&mut self, height: f32) {
        if self.y - height < MARGIN {
            let (page, layer) = self.doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "1");
            self.layer = self.doc.get_page(page).get_layer(layer);
            self.y = PAGE_H - MARGIN;
        }
    }

    fn font(&self, bold: bool) -> &IndirectFontRef {
        if bold { &self.bold } else { &self.regular }
    }

    /// One line of text at `x` mm from the left margin, without moving down.
    fn put(&self, text: &str, size: f32, x: f32, bold: bool) {
        self.layer.use_text(text, size, Mm(MARGIN + x), Mm(self.y), self.font(bold));
    }

    pub fn heading(&mut self, text: &str, size: f32) {
        for line in wrap(text, size, PAGE_W - 2.0 * MARGIN) {
            self.ensure_room(size * PT * 1.4);
            self.y -= size * PT;
            self.put(&line, size, 0.0, true);
            self.y -= size * PT * 0.4;
        }
    }

    /// A paragraph, wrapped to the text width.
    pub fn para(&mut self, text: &str, size: f32) {
        self.para_at(text, size, 0.0, false);
    }

    pub fn para_at(&mut self, text: &str, size: f32, x: f32, bold: bool) {
        for line in wrap(text, size, PAGE_W - 2.0 * MARGIN - x) {
            self.ensure_room(size * PT * 1.35);
            self.y -= size * PT;
            self.put(&line, size, x, bold);
            self.y -= size * PT * 0.35;
        }
    }

    /// "Label: value" with the label in bold, the value wrapped beside it.
    pub fn field(&mut self, label: &str, value: &str, size: f32) {
        let label_w = 64.0;
        let lines = wrap(value, size, PAGE_W - 2.0 * MARGIN - label_w);
        for (i, line) in lines.iter().enumerate() {
            self.ensure_room(size * PT * 1.35);
            self.y -= size * PT;
            if i == 0 {
                self.put(label, size, 0.0, true);
            }
            self.put(line, size, label_w, false);
            self.y -= size * PT * 0.35;
        }
    }

    /// A table row: each cell starts at its column's offset (mm); cells are not wrapped, so
    /// callers give the widest column the text most likely to be long.
    pub fn row(&mut self, cells: &[(f32, &str)], size: f32, bold: bool) {
        self.ensure_room(size * PT * 1.5);
        self.y -= size * PT;
        for (x, text) in cells {
            self.put(text, size, *x, bold);
        }
        self.y -= size * PT * 0.5;
    }

    pub fn rule(&mut self) {
        self.ensure_room(4.0);
        self.y -= 2.0;
        let line = Line {
            points: vec![
                (Point::new(Mm(MARGIN), Mm(self.y)), false),
                (Point::new(Mm(PAGE_W - MARGIN), Mm(self.y)), false),
            ],
            is_closed: false,
        };
        self.layer.add_line(line);
        self.y -= 2.0;
    }

    pub fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }

    pub fn finish(self) -> anyhow::Result<Vec<u8>> {
        Ok(self.doc.save_to_bytes()?)
    }
}

/// Greedy word wrap by an estimate of the mean glyph width.
fn wrap(text: &str, size: f32, width_mm: f32) -> Vec<String> {
    let per_line = ((width_mm / (size * PT * MEAN_ADVANCE_EM)) as usize).max(10);
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > per_line {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_word_and_respects_the_width() {
        let text = "Økonomistyring i kommunen og budgetlægning på tværs af forvaltninger ".repeat(8);
        let lines = wrap(&text, 11.0, 100.0);
        assert!(lines.len() > 3);
        let per_line = (100.0 / (11.0 * PT * MEAN_ADVANCE_EM)) as usize;
        assert!(lines.iter().all(|l| l.chars().count() <= per_line));
        assert_eq!(lines.join(" ").split_whitespace().count(), text.split_whitespace().count());
    }
}
