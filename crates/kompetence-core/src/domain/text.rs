//! Enums that are text at the edges (database, forms, JSON, message keys): one macro gives
//! each the same conversions, from its `as_str`.

/// Implements `AsRef<str>`, `Display` and comparison with `&str` for enums with
/// `fn as_str(self) -> &'static str`, so templates can compare and translate them.
macro_rules! text_enum_impls {
    ($($ty:ty),* $(,)?) => {$(
        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    )*};
}

text_enum_impls!(
    super::EnrolmentState,
    super::exam::ExamForm,
    super::schedule::DayKind,
    super::ModuleRole,
    super::Structure,
    super::learning::Presence,
);
