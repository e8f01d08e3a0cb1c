#!/usr/bin/env node
// Checks a Kompetence iCalendar feed (.ics) with an independent parser: npm `ical.js`
// (Mozilla's, used by Thunderbird), pinned in package.json / package-lock.json.
//
// Usage: cd tests/ical && npm ci && node check.mjs FILE.ics [--expect-dst]
//
// Checks that the file parses; VERSION is 2.0 and PRODID is present; lines end in CRLF and
// are folded at 75 octets; there is a VTIMEZONE for Europe/Copenhagen (and for every TZID
// used); every VEVENT has exactly one UID (unique in the file), exactly one DTSTAMP in UTC,
// and a DTSTART and DTEND as date-times with TZID=Europe/Copenhagen, DTEND after DTSTART.
// The file's VTIMEZONE is registered with ICAL.TimezoneService, so ical.js converts every
// start and end with the file's own rules; each instant must match the tz database (Node's
// ICU). When the file has events at 09:00 local on the summer-time changes 2026-10-25 and
// 2027-03-28, their UTC instants must be 2026-10-25T08:00:00Z and 2027-03-28T07:00:00Z
// (with --expect-dst the two events must be there).
//
// Prints one line per failure and ends with "N passed, M failed"; exits 1 on any failure,
// 2 on bad usage.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const TZID = 'Europe/Copenhagen';
// Local 09:00 on the last Sundays of October 2026 and March 2027 (the summer-time changes).
const DST_SAMPLES = {
  '2026-10-25T09:00:00': '2026-10-25T08:00:00Z',
  '2027-03-28T09:00:00': '2027-03-28T07:00:00Z',
};

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const flags = new Set(args.filter((a) => a.startsWith('--')));
if (files.length !== 1 || [...flags].some((f) => f !== '--expect-dst')) {
  console.error('Usage: node tests/ical/check.mjs FILE.ics [--expect-dst]');
  process.exit(2);
}
const file = files[0];

let passed = 0;
let failed = 0;
let skipped = 0;
function check(ok, what) {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL: ${what}`);
  }
  return ok;
}
/** A Date as 2026-10-25T08:00:00Z (whole seconds, like iCalendar's UTC form). */
const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function finish() {
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed ? 1 : 0);
}

/** The UTC instant of a wall-clock time in `zone` by the tz database (Node's ICU). */
function tzdbInstant(local, zone) {
  const [d, t] = local.split('T');
  const [y, mo, da] = d.split('-').map(Number);
  const [h, mi, s] = t.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, da, h, mi, s);
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const offsetAt = (ms) => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - ms;
  };
  let guess = wall - offsetAt(wall);
  guess = wall - offsetAt(guess); // once more, for a wall time just after a change
  return new Date(guess);
}

let raw;
try {
  raw = readFileSync(file);
} catch (e) {
  check(false, `cannot read ${file}: ${e.message}`);
  finish();
}

// Content lines: CRLF endings and at most 75 octets each (RFC 5545 section 3.1).
const text = raw.toString('utf8');
check(!/(^|[^\r])\n/.test(text), 'every line ends in CRLF (found a bare LF)');
const longLines = [];
let start = 0;
for (let i = 0, line = 1; i <= raw.length; i++) {
  if (i === raw.length || (raw[i] === 0x0a && raw[i - 1] === 0x0d)) {
    const len = i - start - (i < raw.length ? 1 : 0);
    if (len > 75) longLines.push(line);
    start = i + 1;
    line++;
  }
}
check(longLines.length === 0, `lines are folded at 75 octets (too long: lines ${longLines.slice(0, 10).join(', ')})`);
check(!text.includes('\uFFFD'), 'the file is valid UTF-8 (a fold may have split a character)');

let cal;
try {
  cal = new ICAL.Component(ICAL.parse(text));
} catch (e) {
  check(false, `ical.js cannot parse ${file}: ${e.message}`);
  finish();
}
if (!check(cal.name === 'vcalendar', `the file is one VCALENDAR (got ${cal.name})`)) finish();

const version = cal.getAllProperties('version').map((p) => String(p.getFirstValue()));
check(version.length === 1 && version[0] === '2.0', `VERSION is 2.0 (got ${JSON.stringify(version)})`);
const prodid = cal.getAllProperties('prodid').map((p) => String(p.getFirstValue() ?? ''));
check(prodid.length === 1 && prodid[0].trim() !== '', `one non-empty PRODID (got ${JSON.stringify(prodid)})`);

// Register the file's own time zones before any date-time value is read, so that ical.js
// resolves TZID=Europe/Copenhagen with the file's rules (it knows only UTC by itself).
const timezones = new Map();
for (const vtz of cal.getAllSubcomponents('vtimezone')) {
  const tzid = vtz.getFirstPropertyValue('tzid');
  timezones.set(tzid, vtz);
}
let fileZone = null;
if (check(timezones.has(TZID), `a VTIMEZONE with TZID ${TZID} (found ${JSON.stringify([...timezones.keys()])})`)) {
  const vtz = timezones.get(TZID);
  check(
    vtz.getAllSubcomponents('standard').length > 0 && vtz.getAllSubcomponents('daylight').length > 0,
    `the ${TZID} VTIMEZONE has STANDARD and DAYLIGHT parts`,
  );
  try {
    ICAL.TimezoneService.register(vtz);
    fileZone = ICAL.TimezoneService.get(TZID);
    check(fileZone && fileZone.tzid === TZID, `ical.js registered the ${TZID} VTIMEZONE`);
  } catch (e) {
    check(false, `ical.js cannot use the ${TZID} VTIMEZONE: ${e.message}`);
  }
}

const events = cal.getAllSubcomponents('vevent');
check(events.length > 0, 'the calendar has at least one VEVENT');
const uids = new Map();
const starts = new Map(); // local wall-clock start -> UTC instant by the file's VTIMEZONE (or null)
events.forEach((ev, i) => {
  const uidProps = ev.getAllProperties('uid');
  const uid = uidProps.length ? String(uidProps[0].getFirstValue() ?? '') : `#${i + 1}`;
  const name = `VEVENT ${i + 1} (UID ${uid})`;
  check(uidProps.length === 1 && uid.trim() !== '', `${name}: exactly one non-empty UID (got ${uidProps.length})`);
  uids.set(uid, (uids.get(uid) || 0) + 1);

  const stamps = ev.getAllProperties('dtstamp');
  if (check(stamps.length === 1, `${name}: exactly one DTSTAMP (got ${stamps.length})`)) {
    const p = stamps[0];
    const line = p.toICALString();
    const v = p.getFirstValue();
    check(
      p.type === 'date-time' && !p.getParameter('tzid') && /Z$/.test(line) && v?.zone === ICAL.Timezone.utcTimezone,
      `${name}: DTSTAMP is a UTC date-time ending in Z (got ${line})`,
    );
  }

  const times = {};
  for (const key of ['dtstart', 'dtend']) {
    const props = ev.getAllProperties(key);
    if (!check(props.length === 1, `${name}: exactly one ${key.toUpperCase()} (got ${props.length})`)) continue;
    const p = props[0];
    const tzid = p.getParameter('tzid');
    let ok = check(tzid === TZID, `${name}: ${key.toUpperCase()} has TZID=${TZID} (got ${JSON.stringify(tzid)}, ${p.toICALString()})`);
    const v = p.getFirstValue();
    ok = check(p.type === 'date-time' && v && !v.isDate, `${name}: ${key.toUpperCase()} is a date-time (got ${p.type} ${v})`) && ok;
    if (tzid && !timezones.has(tzid)) check(false, `${name}: ${key.toUpperCase()} uses TZID ${tzid} without a VTIMEZONE for it`);
    if (ok) times[key] = v;
  }
  if (times.dtstart && times.dtend) {
    const local = times.dtstart.toString(); // wall-clock time, as written in the file
    check(times.dtend.compare(times.dtstart) > 0, `${name}: DTEND ${times.dtend} is after DTSTART ${local}`);
    starts.set(local, null);
    if (fileZone) {
      for (const [key, t] of Object.entries(times)) {
        const K = key.toUpperCase();
        // ical.js resolves the TZID from the file itself; it must not fall back to floating time.
        if (!check(t.zone?.tzid === TZID && t.zone?.component, `${name}: ical.js resolved ${K} in the file's ${TZID} zone (got ${t.zone?.tzid ?? t.timezone})`)) continue;
        // The same wall-clock time in the zone registered with ICAL.TimezoneService.
        const registered = ICAL.Time.fromData({
          year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second,
        }, fileZone);
        const viaUtc = registered.convertToZone(ICAL.Timezone.utcTimezone);
        const byService = iso(registered.toJSDate());
        const byProperty = iso(t.toJSDate());
        const byTzdb = iso(tzdbInstant(t.toString(), TZID));
        check(viaUtc.zone === ICAL.Timezone.utcTimezone && iso(viaUtc.toJSDate()) === byService,
          `${name}: ${K} convertToZone(UTC) ${viaUtc} agrees with toJSDate() ${byService}`);
        check(byProperty === byService, `${name}: ${K} ${t} is ${byProperty} as parsed but ${byService} in the registered zone`);
        check(byService === byTzdb, `${name}: ${K} ${t} is ${byService} by the file's VTIMEZONE but ${byTzdb} by the tz database`);
        if (key === 'dtstart') starts.set(local, byService);
      }
    }
  }
});

const dupes = [...uids].filter(([, n]) => n > 1).map(([u]) => u);
check(dupes.length === 0, `UIDs are unique in the file (repeated: ${JSON.stringify(dupes)})`);

for (const [local, want] of Object.entries(DST_SAMPLES)) {
  if (starts.has(local)) {
    const got = starts.get(local);
    if (got === null) check(false, `the event at ${local} cannot be converted to UTC: no usable ${TZID} VTIMEZONE`);
    else check(got === want, `the event at ${local} ${TZID} is ${got} in UTC, expected ${want}`);
  } else if (flags.has('--expect-dst')) {
    check(false, `--expect-dst: no event starts at ${local} ${TZID}`);
  } else {
    skipped++;
    console.log(`note: no event at ${local} local; summer-time check for it skipped`);
  }
}
finish();
