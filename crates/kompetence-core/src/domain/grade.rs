//! The Danish 7-point scale (7-trinsskalaen) and its arithmetic (rules.md):
//! the censor rule (BEK 114/2015 § 11), the ECTS-weighted average (§ 17, rounding kept
//! configurable), and combined exams with weighted parts.
use serde::Serialize;

use super::ValidationError;

/// A grade on the 7-point scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Grade {
    MinusThree,
    Zero,
    Two,
    Four,
    Seven,
    Ten,
    Twelve,
}

impl Grade {
    /// From lowest to highest.
    pub const SCALE: [Grade; 7] =
        [Grade::MinusThree, Grade::Zero, Grade::Two, Grade::Four, Grade::Seven, Grade::Ten, Grade::Twelve];

    /// Parses the written form: "12", "10", "7", "4", "02", "00", "-3" (also "−3" with a
    /// minus sign, and "2"/"0" without the leading zero are refused: they are not how the
    /// scale is written, and "2" is a common typo for a grade that does not exist).
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValidationError> {
        match raw.trim() {
            "12" => Ok(Grade::Twelve),
            "10" => Ok(Grade::Ten),
            "7" | "07" => Ok(Grade::Seven),
            "4" | "04" => Ok(Grade::Four),
            "02" => Ok(Grade::Two),
            "00" => Ok(Grade::Zero),
            "-3" | "−3" => Ok(Grade::MinusThree),
            _ => Err(ValidationError::new(field, "err-grade-not-on-scale")),
        }
    }

    pub fn value(self) -> i32 {
        match self {
            Grade::MinusThree => -3,
            Grade::Zero => 0,
            Grade::Two => 2,
            Grade::Four => 4,
            Grade::Seven => 7,
            Grade::Ten => 10,
            Grade::Twelve => 12,
        }
    }

    /// The written form, with the leading zero and the minus sign.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::MinusThree => "−3",
            Grade::Zero => "00",
            Grade::Two => "02",
            Grade::Four => "4",
            Grade::Seven => "7",
            Grade::Ten => "10",
            Grade::Twelve => "12",
        }
    }

    /// A stable ASCII form for storage and APIs.
    pub fn code(self) -> &'static str {
        match self {
            Grade::MinusThree => "-3",
            other => other.as_str(),
        }
    }

    pub fn ects_letter(self) -> &'static str {
        match self {
            Grade::Twelve => "A",
            Grade::Ten => "B",
            Grade::Seven => "C",
            Grade::Four => "D",
            Grade::Two => "E",
            Grade::Zero => "Fx",
            Grade::MinusThree => "F",
        }
    }

    pub fn passed(self) -> bool {
        self >= Grade::Two
    }
}

/// Rounds a mean of grades, given as `numerator / denominator`, to the nearest grade on the
/// scale. `tie` picks between the two grades when the mean lies exactly between them.
fn nearest(numerator: i64, denominator: i64, tie: impl Fn(Grade, Grade) -> Grade) -> Grade {
    // Distance of grade g from the mean, scaled by the denominator to stay in integers.
    let dist = |g: Grade| (i64::from(g.value()) * denominator - numerator).abs();
    let best = Grade::SCALE.iter().map(|g| dist(*g)).min().expect("non-empty scale");
    let closest: Vec<Grade> = Grade::SCALE.into_iter().filter(|g| dist(*g) == best).collect();
    match closest.as_slice() {
        [one] => *one,
        [lower, higher] => tie(*lower, *higher),
        _ => unreachable!("a mean lies at most between two neighbouring grades"),
    }
}

/// The final grade when examiner and external examiner (censor) disagree: their average,
/// rounded to the nearest grade; exactly between two grades, the higher one if the censor
/// gave the higher grade, otherwise the lower one.
pub fn censor_rule(examiner: Grade, censor: Grade) -> Grade {
    if examiner == censor {
        return examiner;
    }
    let sum = i64::from(examiner.value() + censor.value());
    nearest(sum, 2, |lower, higher| if censor > examiner { higher } else { lower })
}

/// Pass/fail assessments: when examiner and censor disagree, the censor decides.
pub fn censor_rule_pass_fail(_examiner: bool, censor: bool) -> bool {
    censor
}

/// How a grade point average is rounded to one decimal. Data, not code: the grading order
/// changed in 2022 and may change again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Rounding {
    /// 0.05 goes up (towards +∞): 6.45 → 6.5, −0.05 → 0.0.
    #[default]
    HalfUp,
    /// 0.05 goes to the even tenth: 6.45 → 6.4, 6.55 → 6.6.
    HalfEven,
}

/// An average to one decimal, kept as tenths (e.g. 74 = 7.4) so it is exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Tenths(pub i64);

impl std::fmt::Display for Tenths {
    /// Danish notation with a decimal comma: "7,4", "−0,5".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "−" } else { "" };
        write!(f, "{sign}{},{}", self.0.abs() / 10, self.0.abs() % 10)
    }
}

/// Rounds numerator / denominator to tenths.
fn round_tenths(numerator: i64, denominator: i64, rule: Rounding) -> Tenths {
    // Work in twentieths so the half is a whole number.
    let scaled = numerator * 20;
    let q = scaled.div_euclid(denominator); // floor of value × 20
    let exact = scaled.rem_euclid(denominator) == 0;
    let floor_tenths = q.div_euclid(2);
    let in_upper_half = q.rem_euclid(2) == 1; // at or above the midpoint
    let at_midpoint = in_upper_half && exact;
    let up = match rule {
        Rounding::HalfUp => in_upper_half,
        Rounding::HalfEven => in_upper_half && (!at_midpoint || floor_tenths.rem_euclid(2) == 1),
    };
    Tenths(floor_tenths + i64::from(up))
}

/// The ECTS-weighted grade point average of graded results, Σ(grade × ECTS) / Σ(ECTS), to
/// one decimal. Pass/fail results are not passed in here (they are left out). `None` when
/// there is nothing to average.
pub fn weighted_average(results: &[(Grade, u32)], rule: Rounding) -> Option<Tenths> {
    let den: i64 = results.iter().map(|(_, e)| i64::from(*e)).sum();
    if den == 0 {
        return None;
    }
    let num: i64 = results.iter().map(|(g, e)| i64::from(g.value()) * i64::from(*e)).sum();
    Some(round_tenths(num, den, rule))
}

/// A combined exam's result from its parts (grade, weight), e.g. a project weighing 2 and an
/// oral weighing 1. The weighted mean is rounded to the nearest grade (exactly between two:
/// the higher). When every part must be passed and one is not, the result is the lowest
/// failed part's grade.
pub fn combined(parts: &[(Grade, u32)], all_must_pass: bool) -> Option<Grade> {
    let den: i64 = parts.iter().map(|(_, w)| i64::from(*w)).sum();
    if den == 0 {
        return None;
    }
    if all_must_pass && let Some(worst) = parts.iter().map(|(g, _)| *g).filter(|g| !g.passed()).min() {
        return Some(worst);
    }
    let num: i64 = parts.iter().map(|(g, w)| i64::from(g.value()) * i64::from(*w)).sum();
    Some(nearest(num, den, |_, higher| higher))
}

/// One row of a grade distribution: how many got the grade and, for passing grades, its
/// share of all passing grades and the cumulative share from the top (ECTS Users' Guide
/// § 4.3 grading table), in tenths of a percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DistributionRow {
    pub grade: Grade,
    pub count: u32,
    pub share_of_passed: Option<Tenths>,
    pub cumulative: Option<Tenths>,
}

/// `part` of `whole` in percent, to one decimal, rounded half up; none of nothing.
pub fn percent(part: i64, whole: i64) -> Option<Tenths> {
    (whole > 0).then(|| round_tenths(part * 100, whole, Rounding::HalfUp))
}

/// The distribution of `grades` over the whole scale, best first, with the ECTS grading
/// table's shares for passing grades. Shares are rounded half up; the cumulative share is
/// computed from the counts (not by adding rounded shares), so it ends at exactly 100,0.
pub fn distribution(grades: &[Grade]) -> Vec<DistributionRow> {
    let passed = grades.iter().filter(|g| g.passed()).count() as i64;
    let mut running = 0i64;
    Grade::SCALE
        .iter()
        .rev()
        .map(|g| {
            let count = grades.iter().filter(|x| *x == g).count() as u32;
            let (share_of_passed, cumulative) = if g.passed() && passed > 0 {
                running += i64::from(count);
                (percent(i64::from(count), passed), percent(running, passed))
            } else {
                (None, None)
            };
            DistributionRow { grade: *g, count, share_of_passed, cumulative }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Grade::*;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_scale_is_written_with_leading_zeros_and_a_minus() {
        let written: Vec<&str> = Grade::SCALE.iter().map(|g| g.as_str()).collect();
        assert_eq!(written, ["−3", "00", "02", "4", "7", "10", "12"]);
        let letters: Vec<&str> = Grade::SCALE.iter().map(|g| g.ects_letter()).collect();
        assert_eq!(letters, ["F", "Fx", "E", "D", "C", "B", "A"]);
        for g in Grade::SCALE {
            assert_eq!(Grade::parse("grade", g.as_str()).unwrap(), g);
            assert_eq!(Grade::parse("grade", g.code()).unwrap(), g);
        }
        assert!(Two.passed() && !Zero.passed() && !MinusThree.passed());
    }

    #[test]
    fn grades_not_on_the_scale_are_refused() {
        for bad in ["5", "2", "1", "0", "13", "-2", "", "B", "7.0"] {
            assert_eq!(Grade::parse("grade", bad).unwrap_err().key, "err-grade-not-on-scale", "{bad:?}");
        }
    }

    /// All 49 examiner × censor pairs, worked out by hand from the rule.
    #[test]
    fn the_censor_rule_for_every_pair() {
        // Rows: examiner; columns: censor, both in the order 12, 10, 7, 4, 02, 00, −3.
        let order = [Twelve, Ten, Seven, Four, Two, Zero, MinusThree];
        let expected = [
            // censor:   12      10     7      4      02     00     −3
            /* 12 */
            [Twelve, Ten, Ten, Seven, Seven, Seven, Four],
            /* 10 */ [Twelve, Ten, Seven, Seven, Seven, Four, Four],
            /* 7  */ [Ten, Ten, Seven, Four, Four, Four, Two],
            /* 4  */ [Seven, Seven, Seven, Four, Two, Two, Zero],
            /* 02 */ [Seven, Seven, Four, Four, Two, Zero, Zero],
            /* 00 */ [Seven, Four, Four, Two, Two, Zero, MinusThree],
            /* −3 */ [Four, Four, Two, Zero, Zero, Zero, MinusThree],
        ];
        for (i, examiner) in order.iter().enumerate() {
            for (j, censor) in order.iter().enumerate() {
                assert_eq!(
                    censor_rule(*examiner, *censor),
                    expected[i][j],
                    "examiner {} censor {}",
                    examiner.as_str(),
                    censor.as_str()
                );
            }
        }
    }

    #[test]
    fn ties_follow_whoever_the_censor_sided_with() {
        // 12 and 10 average 11: the censor's higher grade wins; the examiner's does not.
        assert_eq!(censor_rule(Ten, Twelve), Twelve);
        assert_eq!(censor_rule(Twelve, Ten), Ten);
        assert_eq!(censor_rule(Seven, Ten), Ten);
        assert_eq!(censor_rule(Ten, Seven), Seven);
        assert_eq!(censor_rule(MinusThree, Zero), Zero);
        assert_eq!(censor_rule(Zero, MinusThree), MinusThree);
        assert!(!censor_rule_pass_fail(true, false) && censor_rule_pass_fail(false, true));
    }

    #[test]
    fn the_weighted_average_uses_ects_and_rounds_half_up_by_default() {
        // (12×10 + 7×10 + 4×5) / 25 = 210/25 = 8.4
        assert_eq!(weighted_average(&[(Twelve, 10), (Seven, 10), (Four, 5)], Rounding::HalfUp), Some(Tenths(84)));
        // (10×10 + 7×10 + 02×5 + 7×15) / 40 = 285/40 = 7.125 → 7.1
        assert_eq!(
            weighted_average(&[(Ten, 10), (Seven, 10), (Two, 5), (Seven, 15)], Rounding::HalfUp),
            Some(Tenths(71))
        );
        // (7×1 + 4×1 + 02×2) / 4 = 15/4 = 3.75 → 3.8
        assert_eq!(weighted_average(&[(Seven, 1), (Four, 1), (Two, 2)], Rounding::HalfUp), Some(Tenths(38)));
        // Exactly halfway between two tenths (6.45 = 129/20) the rule decides.
        assert_eq!(round_tenths(129, 20, Rounding::HalfUp), Tenths(65));
        assert_eq!(round_tenths(129, 20, Rounding::HalfEven), Tenths(64));
        assert_eq!(round_tenths(131, 20, Rounding::HalfEven), Tenths(66));
        assert_eq!(round_tenths(-1, 20, Rounding::HalfUp), Tenths(0));
        assert_eq!(round_tenths(-3, 20, Rounding::HalfUp), Tenths(-1));
        assert_eq!(weighted_average(&[], Rounding::HalfUp), None);
        assert_eq!(Tenths(74).to_string(), "7,4");
        assert_eq!(Tenths(-5).to_string(), "−0,5");
    }

    #[test]
    fn a_combined_exam_weighs_its_parts_and_needs_both_passed() {
        // 2/3 project, 1/3 oral: (12×2 + 7×1)/3 = 10.33 → 10
        assert_eq!(combined(&[(Twelve, 2), (Seven, 1)], true), Some(Ten));
        // (7×2 + 12×1)/3 = 8.67 → 10 (nearer 10 than 7)
        assert_eq!(combined(&[(Seven, 2), (Twelve, 1)], true), Some(Ten));
        // (4×2 + 10×1)/3 = 6 → 7
        assert_eq!(combined(&[(Four, 2), (Ten, 1)], true), Some(Seven));
        // The oral failed: the exam is failed even though the mean would pass.
        assert_eq!(combined(&[(Twelve, 2), (Zero, 1)], true), Some(Zero));
        assert_eq!(combined(&[(Twelve, 2), (Zero, 1)], false), Some(Seven));
        assert_eq!(combined(&[], true), None);
    }

    #[test]
    fn the_grading_table_gives_each_passing_grades_share_and_the_cumulative_share() {
        // 12, 10, 10, 7, 7, 7, 02, 00: seven passed.
        let d = distribution(&[Twelve, Ten, Ten, Seven, Seven, Seven, Two, Zero]);
        let rows: Vec<(&str, u32, Option<i64>, Option<i64>)> = d
            .iter()
            .map(|r| (r.grade.as_str(), r.count, r.share_of_passed.map(|t| t.0), r.cumulative.map(|t| t.0)))
            .collect();
        assert_eq!(
            rows,
            [
                ("12", 1, Some(143), Some(143)),
                ("10", 2, Some(286), Some(429)),
                ("7", 3, Some(429), Some(857)),
                ("4", 0, Some(0), Some(857)),
                ("02", 1, Some(143), Some(1000)),
                ("00", 1, None, None),
                ("−3", 0, None, None),
            ]
        );
        assert!(distribution(&[Zero]).iter().all(|r| r.share_of_passed.is_none()), "no passing grades, no shares");
    }

    fn grade() -> impl Strategy<Value = Grade> {
        (0usize..7).prop_map(|i| Grade::SCALE[i])
    }

    proptest! {
        #[test]
        fn the_final_grade_is_on_the_scale_and_between_the_two_grades(a in grade(), b in grade()) {
            let g = censor_rule(a, b);
            prop_assert!(Grade::SCALE.contains(&g));
            prop_assert!(g >= a.min(b) && g <= a.max(b));
        }

        #[test]
        fn agreement_stands_and_the_rule_never_favours_the_examiner_at_a_tie(a in grade(), b in grade()) {
            prop_assert_eq!(censor_rule(a, a), a);
            let (g, h) = (censor_rule(a, b), censor_rule(b, a));
            // Swapping roles can change the result only at a tie, and then each side gets
            // the censor's direction.
            if g != h {
                prop_assert_eq!(g, if b > a { g.max(h) } else { g.min(h) });
            }
        }

        #[test]
        fn the_average_lies_within_the_grades_averaged(parts in proptest::collection::vec((grade(), 1u32..=30), 1..8)) {
            let avg = weighted_average(&parts, Rounding::HalfUp).unwrap();
            let lo = parts.iter().map(|(g, _)| g.value()).min().unwrap() as i64 * 10;
            let hi = parts.iter().map(|(g, _)| g.value()).max().unwrap() as i64 * 10;
            prop_assert!(avg.0 >= lo && avg.0 <= hi);
        }

        #[test]
        fn the_cumulative_share_ends_at_100_and_counts_add_up(grades in proptest::collection::vec(grade(), 1..60)) {
            let d = distribution(&grades);
            prop_assert_eq!(d.iter().map(|r| r.count as usize).sum::<usize>(), grades.len());
            if grades.iter().any(|g| g.passed()) {
                prop_assert_eq!(d[4].cumulative, Some(Tenths(1000)));
            }
        }

        #[test]
        fn a_combined_result_is_on_the_scale_and_within_its_parts(parts in proptest::collection::vec((grade(), 1u32..=3), 1..4)) {
            let g = combined(&parts, false).unwrap();
            prop_assert!(g >= parts.iter().map(|p| p.0).min().unwrap() && g <= parts.iter().map(|p| p.0).max().unwrap());
        }
    }
}
