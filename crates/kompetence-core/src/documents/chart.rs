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
}
