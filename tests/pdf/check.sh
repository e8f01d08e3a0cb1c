#!/usr/bin/env bash
# Reads the certificate and transcript PDFs written by the Rust test
# `a_passed_participant_downloads_a_certificate_that_verifies_and_stays_as_issued`
# (KOMPETENCE_CERT_SAMPLE_DIR) with poppler's `pdftotext`, and checks that every field the
# exam order's § 51 requires is there as text, Danish letters intact.
set -euo pipefail
dir="${1:?usage: check.sh SAMPLE_DIR}"
fail=0
expect() {
  local file="$1"; shift
  local text
  text="$(pdftotext -layout "$dir/$file" - | tr -s ' ')"
  for needle in "$@"; do
    if grep -qF -- "$needle" <<<"$text"; then
      echo "PASS: $file has \"$needle\""
    else
      echo "FAIL: $file lacks \"$needle\""; fail=1
    fi
  done
}
# § 51: name and unique identifier; issuing institution; programme title in Danish and English
# and its legal basis; total ECTS; each element with its ECTS; credit-transferred exams;
# grades on the 7-point scale with the ECTS letter; the title it entitles to.
expect diploma-da.pdf "Kursusbevis" "Åse Ørum-Særkjær" "Bevisnummer KB-" "Udstedt af Professionshøjskolen Nordlys" \
  "Uddannelse Modul OEK / Module OEK" "Retsgrundlag" "ECTS-point i alt 10" "OEK Modul OEK" "10 10 B" \
  "Meritoverførte prøver" "Titel" "7-trinsskalaen" "Udstedt den" "urn:uuid:"
expect diploma-en.pdf "Course certificate" "Åse Ørum-Særkjær" "Certificate number KB-" \
  "Issued by Professionshøjskolen Nordlys" "Modul OEK / Module OEK" "Legal basis" "ECTS credits in all 10" \
  "OEK Module OEK" "ECTS grade" "Credit-transferred exams" "Title" "7-point grading scale"
# The transcript is a live extract (the test renamed Åse after issue); the diploma is frozen.
expect transcript-da.pdf "Karakterudskrift" "Åse Nynavn" "OEK Modul OEK" "ECTS-vægtet gennemsnit 10.0" \
  "ECTS-point i alt 10" "Professionshøjskolen Nordlys"
if pdftotext "$dir/diploma-da.pdf" - | grep -qF "Nynavn"; then
  echo "FAIL: diploma-da.pdf changed with the holder's later name"; fail=1
else
  echo "PASS: diploma-da.pdf keeps the name it was issued with"
fi
if [ "$fail" -ne 0 ]; then echo "PDF check failed"; exit 1; fi
echo "PDF check passed"
