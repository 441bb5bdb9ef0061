// Reads an iCalendar document on stdin with ical.js and prints each event's UID and the instants
// (UTC, ISO 8601) its DTSTART and DTEND stand for, as JSON: an independent reading of the feed.
import ICAL from 'ical.js';

let text = '';
for await (const chunk of process.stdin) {
  text += chunk;
}

const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(zone);
}

const events = calendar.getAllSubcomponents('vevent').map((component) => {
  const event = new ICAL.Event(component);
  return { uid: event.uid, start: event.startDate.toJSDate().toISOString(), end: event.endDate.toJSDate().toISOString() };
});
process.stdout.write(JSON.stringify(events));
