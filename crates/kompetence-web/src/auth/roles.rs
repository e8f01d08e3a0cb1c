//! Role sets named in handler signatures: `Org<Hr>` admits only municipal HR.
use kompetence_core::domain::Role;

pub trait RoleSet: Send + Sync + 'static {
    /// Roles admitted; empty means any member of the organisation.
    const ROLES: &'static [Role];
}

macro_rules! role_set {
    ($($(#[$m:meta])* $name:ident = [$($r:ident),*];)*) => {$(
        $(#[$m])*
        pub struct $name;
        impl RoleSet for $name { const ROLES: &'static [Role] = &[$(Role::$r),*]; }
    )*};
}

role_set! {
    /// Anyone holding a role in the organisation.
    AnyMember = [];
    /// Those who administer their organisation: provider admins and municipal HR.
    OrgAdmin = [ProviderAdmin, Hr];
    /// Municipal HR.
    Hr = [Hr];
    /// Those who may see a municipality's staff lists: HR, and leaders (own staff).
    StaffViewer = [Hr, Leader];
    /// A provider's administrators.
    /// Leaders (their own staff only).
    Leaders = [Leader];
    ProviderAdmin = [ProviderAdmin];
    /// Those who run a provider's cohorts: its admins and teachers (own cohorts).
    ProviderStaff = [ProviderAdmin, Teacher];
    /// Those who grade a provider's exams: admins (all), examiners and censors (assigned).
    Graders = [ProviderAdmin, Teacher, Censor];
}
