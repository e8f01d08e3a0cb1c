//! Enrolment states and the moves between them:
//! requested → approved → enrolled | waitlisted → completed | withdrawn, and requested →
//! rejected (a leader said no, with a reason); withdrawn and rejected may be asked again.
//! Where a municipality approves in two steps, the leader's approval is
//! requested → leader_approved, and HR's then approves it.
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EnrolmentState {
    Requested,
    Approved,
    Enrolled,
    Waitlisted,
    Completed,
    Withdrawn,
    Rejected,
    /// Approved by the leader, awaiting HR (two-step approval).
    LeaderApproved,
}

impl EnrolmentState {
    pub const ALL: [EnrolmentState; 8] = [
        EnrolmentState::Requested,
        EnrolmentState::Approved,
        EnrolmentState::Enrolled,
        EnrolmentState::Waitlisted,
        EnrolmentState::Completed,
        EnrolmentState::Withdrawn,
        EnrolmentState::Rejected,
        EnrolmentState::LeaderApproved,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Requested => "requested",
            Self::Approved => "approved",
            Self::Enrolled => "enrolled",
            Self::Waitlisted => "waitlisted",
            Self::Completed => "completed",
            Self::Withdrawn => "withdrawn",
            Self::Rejected => "rejected",
            Self::LeaderApproved => "leader_approved",
        }
    }

    /// Whether the move is allowed.
    pub fn can_become(self, to: EnrolmentState) -> bool {
        use EnrolmentState::*;
        matches!(
            (self, to),
            (Requested, Approved)
                | (Approved, Enrolled)
                | (Approved, Waitlisted)
                | (Waitlisted, Enrolled)
                | (Enrolled, Completed)
                | (Requested | Approved | Waitlisted | Enrolled, Withdrawn)
                | (Requested, Rejected)
                | (Requested, LeaderApproved)
                | (LeaderApproved, Approved | Rejected | Withdrawn)
                | (Withdrawn | Rejected, Requested)
        )
    }

    /// Holds one of the cohort's seats.
    pub fn holds_seat(self) -> bool {
        matches!(self, Self::Enrolled | Self::Completed)
    }
}

/// Where an approved enrolment goes: a seat while there are any, else the waitlist.
pub fn place(seats_taken: i64, capacity: i64) -> EnrolmentState {
    if seats_taken < capacity { EnrolmentState::Enrolled } else { EnrolmentState::Waitlisted }
}

#[cfg(test)]
mod tests {
    use super::EnrolmentState::*;
    use super::*;

    #[test]
    fn the_lifecycle_allows_only_the_documented_moves() {
        assert!(Requested.can_become(Approved));
        assert!(Approved.can_become(Waitlisted) && Waitlisted.can_become(Enrolled));
        assert!(Enrolled.can_become(Completed) && Enrolled.can_become(Withdrawn));
        assert!(!Requested.can_become(Enrolled), "approval comes first");
        assert!(!Completed.can_become(Withdrawn), "a completed course stays completed");
        assert!(!Withdrawn.can_become(Enrolled));
        assert!(Requested.can_become(Rejected) && Rejected.can_become(Requested));
        assert!(!Enrolled.can_become(Rejected), "only a request is rejected; a seat is withdrawn");
        for s in EnrolmentState::ALL {
            assert_eq!(EnrolmentState::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn placement_fills_seats_then_the_waitlist() {
        assert_eq!(place(0, 1), Enrolled);
        assert_eq!(place(1, 1), Waitlisted);
        assert_eq!(place(30, 24), Waitlisted);
    }
}
