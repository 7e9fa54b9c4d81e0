// How long free text may be: the same rule whether it is typed in chat, in a
// form or found in a spreadsheet cell.
export const TEXT_LIMITS = {
  /** a name-like field: industry, region, a contact's name or title, a status note */
  short: 100,
  /** one need tag */
  tag: 30,
  /** notes and follow-up text */
  note: 2000,
} as const;
