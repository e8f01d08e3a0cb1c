//! Translations with Fluent. Danish is the default; English is complete too. The `.ftl`
//! files are embedded in the binary; a test checks both define every key the code uses.
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use kompetence_core::domain::Locale;

pub const DA_FTL: &str = include_str!("../locales/da.ftl");
pub const EN_FTL: &str = include_str!("../locales/en.ftl");

pub struct I18n {
    da: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn bundle(lang: unic_langid::LanguageIdentifier, src: &str) -> FluentBundle<FluentResource> {
    let res = FluentResource::try_new(src.to_string()).expect("embedded .ftl parses");
    let mut b = FluentBundle::new_concurrent(vec![lang]);
    // No Unicode isolation marks: they would end up inside HTML attributes.
    b.set_use_isolating(false);
    b.add_resource(res).expect("no duplicate keys in embedded .ftl");
    b
}

impl I18n {
    pub fn load() -> Self {
        Self { da: bundle(unic_langid::langid!("da"), DA_FTL), en: bundle(unic_langid::langid!("en"), EN_FTL) }
    }

    fn bundle(&self, l: Locale) -> &FluentBundle<FluentResource> {
        match l {
            Locale::Da => &self.da,
            Locale::En => &self.en,
        }
    }

    /// The message for `key`, or the key itself when missing (a test keeps that from
    /// happening for keys the code uses).
    pub fn get(&self, l: Locale, key: &str, args: Option<&FluentArgs>) -> String {
        let b = self.bundle(l);
        let Some(pattern) = b.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut errs = vec![];
        b.format_pattern(pattern, args, &mut errs).into_owned()
    }

    pub fn has(&self, l: Locale, key: &str) -> bool {
        self.bundle(l).has_message(key)
    }
}

/// A translator bound to one request's language, handed to templates.
#[derive(Clone)]
pub struct Tr {
    pub i18n: std::sync::Arc<I18n>,
    pub locale: Locale,
}

impl Tr {
    pub fn t(&self, key: &str) -> String {
        self.i18n.get(self.locale, key, None)
    }
    pub fn t1(&self, key: &str, name: &str, value: impl ToString) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_string(), value.to_string());
        self.i18n.get(self.locale, key, Some(&args))
    }
    /// A message with several arguments.
    pub fn tn(&self, key: &str, named: &[(&str, String)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in named {
            args.set(name.to_string(), value.clone());
        }
        self.i18n.get(self.locale, key, Some(&args))
    }
}
