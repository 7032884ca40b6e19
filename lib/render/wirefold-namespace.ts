/**
 * Our extension namespace for RSS/Atom and the matching JSON Feed `_wirefold` object. Readers ignore unknown
 * namespaces; services that care read the match explanation and the other outlets from here.
 * Elements: `wf:source` (first outlet; attributes url, feed), `wf:alsoReportedBy` (attribute url), `wf:why` (one
 * explanation line each).
 */
export const WIREFOLD_NS = 'https://wirefold.dev/ns/1.0';
