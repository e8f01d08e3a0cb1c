//! Role sets named in handler signatures: `Org<Hr>` admits only municipal HR and hands the
//! handler a [`MunicipalityScope`]. Each set names the scope it hands out, so the kind of
//! organisation is settled by the type of the handler's argument.
use kompetence_core::domain::Role;
use kompetence_core::store::{MunicipalityScope, OrgScope, ProviderScope, Scoped};

pub trait RoleSet: Send + Sync + 'static {
    /// Roles admitted; empty means any member of the organisation.
    const ROLES: &'static [Role];
    /// The scope a caller holding one of the roles is handed.
    type Scope: Scoped;
}

macro_rules! role_set {
    ($($(#[$m:meta])* $name:ident = [$($r:ident),*] => $scope:ty;)*) => {$(
        $(#[$m])*
        pub struct $name;
        impl RoleSet for $name {
            const ROLES: &'static [Role] = &[$(Role::$r),*];
            type Scope = $scope;
        }
    )*};
}

role_set! {
    /// Anyone holding a role in the organisation.
    AnyMember = [] => OrgScope;
    /// Those who administer their organisation: provider admins and municipal HR.
    OrgAdmin = [ProviderAdmin, Hr] => OrgScope;
    /// Municipal HR.
    Hr = [Hr] => MunicipalityScope;
    /// Those who may see a municipality's staff lists: HR, and leaders (own staff).
    StaffViewer = [Hr, Leader] => MunicipalityScope;
    /// Leaders (their own staff only).
    Leaders = [Leader] => MunicipalityScope;
    /// A provider's administrators.
    ProviderAdmin = [ProviderAdmin] => ProviderScope;
    /// Those who run a provider's cohorts: its admins and teachers (own cohorts).
    ProviderStaff = [ProviderAdmin, Teacher] => ProviderScope;
    /// Those who grade a provider's exams: admins (all), examiners and censors (assigned).
    Graders = [ProviderAdmin, Teacher, Censor] => ProviderScope;
}
