//! Small server-rendered SVG charts: readable without JavaScript, with a title and a
//! description for assistive technology (the page also shows the numbers as a table).

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A vertical bar chart of `bars` (label, value). `id` must be unique on the page.
pub fn bar_chart(id: &str, title: &str, description: &str, bars: &[(String, u32)]) -> String {
    let (w, h, left, bottom, top) = (420u32, 220u32, 36u32, 28u32, 12u32);
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let slot = (w - left) / (bars.len().max(1) as u32);
    let plot = h - bottom - top;
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape(title),
        escape(description)
    );
    out.push_str(&format!(
        r##"<line x1="{left}" y1="{}" x2="{w}" y2="{}" stroke="#1a1a1a"/>"##,
        h - bottom,
        h - bottom
    ));
    for (i, (label, value)) in bars.iter().enumerate() {
        let bar_h = plot * value / max;
        let x = left + i as u32 * slot + slot / 6;
        let y = h - bottom - bar_h;
        let bw = slot * 2 / 3;
        out.push_str(&format!(r##"<rect x="{x}" y="{y}" width="{bw}" height="{bar_h}" fill="#0b4fb3"/>"##));
        out.push_str(&format!(
            r##"<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#1a1a1a">{value}</text>"##,
            x + bw / 2,
            y.saturating_sub(3).max(top)
        ));
        out.push_str(&format!(
            r##"<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#1a1a1a">{}</text>"##,
            x + bw / 2,
            h - bottom + 16,
            escape(label)
        ));
    }
    out.push_str("</svg>");
    out
}

/// Bipolar scales: one row per (low pole, high pole, position 0–100), a marker at the position.
pub fn bipolar_chart(id: &str, title: &str, description: &str, rows: &[(String, String, i64)]) -> String {
    let (w, row_h, label_w, top) = (480u32, 40u32, 120u32, 8u32);
    let h = top * 2 + row_h * rows.len().max(1) as u32;
    let track = w - 2 * label_w;
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape(title),
        escape(description)
    );
    for (i, (low, high, pos)) in rows.iter().enumerate() {
        let y = top + i as u32 * row_h + row_h / 2;
        let x = label_w + track * (*pos).clamp(0, 100) as u32 / 100;
        out.push_str(&format!(
            r##"<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#1a1a1a">{}</text><line x1="{label_w}" y1="{y}" x2="{}" y2="{y}" stroke="#595959" stroke-width="2"/><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#595959"/><circle cx="{x}" cy="{y}" r="7" fill="#0b4fb3"/><text x="{}" y="{}" font-size="12" fill="#1a1a1a">{}</text>"##,
            label_w - 8,
            y + 4,
            escape(low),
            label_w + track,
            label_w + track / 2,
            y - 6,
            label_w + track / 2,
            y + 6,
            label_w + track + 8,
            y + 4,
            escape(high)
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_text_is_escaped() {
        let svg = bar_chart("c", "Karakterer <PRA>", "12: 1, 10: 2", &[("12".into(), 1), ("10".into(), 2)]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img" aria-labelledby="c-t c-d""#));
        assert!(svg.contains("<title id=\"c-t\">Karakterer &lt;PRA&gt;</title>"));
        // The tallest bar fills the plot (180 px); the other is half of it.
        assert!(svg.contains(r#"height="180""#) && svg.contains(r#"height="90""#));
        assert!(bar_chart("e", "t", "d", &[]).contains("</svg>"));
    }

    #[test]
    fn a_bipolar_chart_places_each_marker_along_its_track() {
        let svg =
            bipolar_chart("p", "Profil", "Fordybelse–Samspil: 75", &[("Fordybelse".into(), "Samspil".into(), 75)]);
        // Track from x=120 to x=360: 75 % is x=300.
        assert!(svg.contains(r#"<circle cx="300""#) && svg.contains("Fordybelse") && svg.contains("<desc"));
    }
}
