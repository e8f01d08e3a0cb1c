//! What may be uploaded (materials, hand-ins): a size limit and the allowed file types, both
//! configurable (`--upload-max-mb`, `--upload-types`).
use super::ValidationError;

/// The types taken when none are configured: documents, sheets, slides, text and images.
pub const DEFAULT_TYPES: &str = "pdf,docx,xlsx,pptx,odt,ods,odp,txt,csv,png,jpg,jpeg";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadPolicy {
    pub max_bytes: usize,
    /// Allowed file-name extensions, lower case, without the dot.
    pub types: Vec<String>,
}

impl Default for UploadPolicy {
    fn default() -> Self {
        Self::new(20, DEFAULT_TYPES)
    }
}

impl UploadPolicy {
    pub fn new(max_mb: usize, types: &str) -> Self {
        Self {
            max_bytes: max_mb.max(1) * 1024 * 1024,
            types: types
                .split(',')
                .map(|t| t.trim().trim_start_matches('.').to_lowercase())
                .filter(|t| !t.is_empty())
                .collect(),
        }
    }

    /// Checks a file by name and size; returns the content type it will be served with.
    pub fn check(&self, field: &'static str, file_name: &str, size: usize) -> Result<&'static str, ValidationError> {
        if size == 0 {
            return Err(ValidationError::new(field, "err-file-empty"));
        }
        if size > self.max_bytes {
            return Err(ValidationError::new(field, "err-file-too-large"));
        }
        let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
        if !self.types.contains(&ext) {
            return Err(ValidationError::new(field, "err-file-type"));
        }
        Ok(content_type(&ext))
    }
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        // Anything else an operator allows is served as a download, never rendered.
        _ => "application/octet-stream",
    }
}

/// A file name safe for a Content-Disposition header: no path, quotes or control characters.
pub fn safe_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base.chars().filter(|c| !c.is_control() && *c != '"').take(150).collect();
    if cleaned.trim().is_empty() { "fil".into() } else { cleaned }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_or_of_a_refused_type_is_refused() {
        let p = UploadPolicy::new(1, "pdf, DOCX");
        assert_eq!(p.check("file", "Case.PDF", 10), Ok("application/pdf"));
        assert!(p.check("file", "noter.docx", 10).is_ok());
        assert_eq!(p.check("file", "virus.exe", 10).unwrap_err().key, "err-file-type");
        assert_eq!(p.check("file", "stor.pdf", 1024 * 1024 + 1).unwrap_err().key, "err-file-too-large");
        assert_eq!(p.check("file", "tom.pdf", 0).unwrap_err().key, "err-file-empty");
    }

    #[test]
    fn file_names_lose_paths_and_quotes() {
        assert_eq!(safe_file_name("C:\\Users\\a\\\"case\".pdf"), "case.pdf");
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
    }
}
